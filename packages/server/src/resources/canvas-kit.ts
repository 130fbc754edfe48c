import { errors } from "../core/errors.ts";
import { onPage } from "../core/paging.ts";
import { type Services, write } from "../core/services.ts";
import { requireText } from "../core/validation.ts";
import type { ContactRow } from "../storage/tables/contacts.ts";
import type { CanvasKitSubmissionRow } from "../storage/tables/messenger.ts";
import type { SubmissionBody } from "../wire/canvas-kit-submission-input.ts";
import { findContact } from "./contacts/contacts.ts";
import { findOr404 } from "./kit/records.ts";

/**
 * What contacts enter into an app's Canvas Kit components ("Read data when entered into the app").
 * In Intercom, the Messenger hands each submission to the app's submit URL; Gatehouse has no Messenger
 * of its own, so the front end that renders the canvas records the submission here, and the app reads
 * it back as Canvas Kit's submit request. Each app sees only what was entered into it.
 */

/** Canvas Kit's limit on a canvas's stored data. */
const MAX_STORED = 64 * 1024;

function storedData(canvas: SubmissionBody["current_canvas"]): string {
  const stored = canvas?.stored_data;
  if (stored === undefined || stored === null) return "{}";
  const json = JSON.stringify(stored);
  if (Buffer.byteLength(json) > MAX_STORED)
    throw errors.parameterInvalid(
      "current_canvas.stored_data is larger than 64KB",
      "current_canvas.stored_data",
    );
  return json;
}

/** Where the canvas was shown: the home screen unless the front end says otherwise. */
function context(value: SubmissionBody["context"]): string {
  const out: Record<string, string> = { location: value?.location ?? "home" };
  if (value?.locale !== undefined) out.locale = value.locale;
  if (value?.conversation_id !== undefined && value.conversation_id !== null)
    out.conversation_id = String(value.conversation_id);
  return JSON.stringify(out);
}

/** Records what a contact of the workspace entered into the app's canvas. */
export async function recordSubmission(
  s: Services,
  workspaceId: number,
  appId: number,
  input: SubmissionBody,
): Promise<{ row: CanvasKitSubmissionRow; contact: ContactRow }> {
  const componentId = requireText(input.component_id, "component_id", 255);
  const values = JSON.stringify(input.input_values);
  const stored = storedData(input.current_canvas);
  const where = context(input.context);
  const contactId = requireText(input.contact_id, "contact_id", 64);
  const contact = await findContact(s, workspaceId, contactId);
  const row = await write(s, (trx) =>
    trx
      .insertInto("canvas_kit_submissions")
      .values({
        workspace_id: workspaceId,
        app_id: appId,
        contact_seq: contact.seq,
        component_id: componentId,
        input_values: values,
        stored_data: stored,
        context: where,
        created_at: s.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return { row, contact };
}

function submissions(s: Services, workspaceId: number, appId: number) {
  return s.db
    .selectFrom("canvas_kit_submissions")
    .innerJoin("contacts", "contacts.seq", "canvas_kit_submissions.contact_seq")
    .selectAll("canvas_kit_submissions")
    .select([
      "contacts.id as contact_id",
      "contacts.role as contact_role",
      "contacts.external_id as contact_external_id",
      "contacts.email as contact_email",
      "contacts.name as contact_name",
    ])
    .where("canvas_kit_submissions.workspace_id", "=", workspaceId)
    .where("canvas_kit_submissions.app_id", "=", appId);
}

export type SubmissionView = Awaited<ReturnType<ReturnType<typeof submissions>["executeTakeFirstOrThrow"]>>;

export async function findSubmission(
  s: Services,
  workspaceId: number,
  appId: number,
  id: number,
): Promise<SubmissionView> {
  return findOr404(
    submissions(s, workspaceId, appId).where("canvas_kit_submissions.id", "=", id),
    "Canvas Kit submission",
  );
}

/** The app's submissions, newest first, optionally only one contact's. */
export async function listSubmissions(
  s: Services,
  workspaceId: number,
  appId: number,
  options: { page: { number: number; size: number }; contactId?: string },
): Promise<{ rows: SubmissionView[]; total: number }> {
  let query = submissions(s, workspaceId, appId);
  if (options.contactId !== undefined) query = query.where("contacts.id", "=", options.contactId);
  const rows = await query.orderBy("canvas_kit_submissions.id", "desc").$call(onPage(options.page)).execute();
  let count = s.db
    .selectFrom("canvas_kit_submissions")
    .innerJoin("contacts", "contacts.seq", "canvas_kit_submissions.contact_seq")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("canvas_kit_submissions.workspace_id", "=", workspaceId)
    .where("canvas_kit_submissions.app_id", "=", appId);
  if (options.contactId !== undefined) count = count.where("contacts.id", "=", options.contactId);
  const total = await count.executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}
