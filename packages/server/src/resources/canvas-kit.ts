import { errors } from "../core/errors.ts";
import { onPage } from "../core/paging.ts";
import { type Services, write } from "../core/services.ts";
import { requireText } from "../core/validation.ts";
import type { ContactRow } from "../storage/tables/contacts.ts";
import type { CanvasKitSubmissionRow } from "../storage/tables/messenger.ts";
import { findContact } from "./contacts/contacts.ts";
import { findOr404 } from "./kit/records.ts";

/**
 * What contacts enter into an app's Canvas Kit components ("Read data when entered into the app").
 * In Intercom, the Messenger hands each submission to the app's submit URL; Gatehouse has no Messenger
 * of its own, so the front end that renders the canvas records the submission here, and the app reads
 * it back as Canvas Kit's submit request. Each app sees only what was entered into it.
 */

export interface SubmissionInput {
  contact_id?: unknown;
  component_id?: unknown;
  input_values?: unknown;
  current_canvas?: unknown;
  context?: unknown;
}

/** Canvas Kit's limit on a canvas's stored data. */
const MAX_STORED = 64 * 1024;
const MAX_INPUTS = 100;
const LOCATIONS: readonly string[] = ["home", "conversation", "message", "operator"];

type InputValue = string | number | boolean | null | string[];

function inputValues(value: unknown): Record<string, InputValue> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw errors.parameterInvalid(
      "input_values must be an object of component ids and values",
      "input_values",
    );
  const entries = Object.entries(value);
  if (entries.length > MAX_INPUTS)
    throw errors.parameterInvalid(`input_values takes at most ${MAX_INPUTS} components`, "input_values");
  const out: Record<string, InputValue> = {};
  for (const [key, v] of entries) {
    // Text inputs give strings; a checkbox group gives the list of options ticked.
    const ok =
      v === null ||
      typeof v === "number" ||
      typeof v === "boolean" ||
      (typeof v === "string" && v.length <= 10_000) ||
      (Array.isArray(v) && v.length <= 100 && v.every((x) => typeof x === "string" && x.length <= 1000));
    if (!ok || key.length === 0 || key.length > 255)
      throw errors.parameterInvalid(
        `input_values.${key.slice(0, 50)} is not a value a component gives`,
        "input_values",
      );
    out[key] = v as InputValue;
  }
  return out;
}

function storedData(canvas: unknown): string {
  if (canvas === undefined || canvas === null) return "{}";
  if (typeof canvas !== "object" || Array.isArray(canvas))
    throw errors.parameterInvalid("current_canvas must be an object", "current_canvas");
  const stored = (canvas as { stored_data?: unknown }).stored_data;
  if (stored === undefined || stored === null) return "{}";
  if (typeof stored !== "object" || Array.isArray(stored))
    throw errors.parameterInvalid(
      "current_canvas.stored_data must be an object",
      "current_canvas.stored_data",
    );
  const json = JSON.stringify(stored);
  if (Buffer.byteLength(json) > MAX_STORED)
    throw errors.parameterInvalid(
      "current_canvas.stored_data is larger than 64KB",
      "current_canvas.stored_data",
    );
  return json;
}

function context(value: unknown): string {
  if (value === undefined || value === null) return JSON.stringify({ location: "home" });
  if (typeof value !== "object" || Array.isArray(value))
    throw errors.parameterInvalid("context must be an object", "context");
  const { location, locale, conversation_id } = value as Record<string, unknown>;
  const out: Record<string, string> = {};
  if (location !== undefined) {
    if (typeof location !== "string" || !LOCATIONS.includes(location))
      throw errors.parameterInvalid(
        `context.location must be one of ${LOCATIONS.join(", ")}`,
        "context.location",
      );
    out.location = location;
  } else out.location = "home";
  if (locale !== undefined) {
    if (typeof locale !== "string" || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(locale))
      throw errors.parameterInvalid("context.locale must be a language tag", "context.locale");
    out.locale = locale;
  }
  if (conversation_id !== undefined && conversation_id !== null) {
    const id = String(conversation_id);
    if (
      (typeof conversation_id !== "string" && typeof conversation_id !== "number") ||
      !/^[0-9A-Za-z_-]{1,64}$/.test(id)
    )
      throw errors.parameterInvalid(
        "context.conversation_id must be a conversation id",
        "context.conversation_id",
      );
    out.conversation_id = id;
  }
  return JSON.stringify(out);
}

/** Records what a contact of the workspace entered into the app's canvas. */
export async function recordSubmission(
  s: Services,
  workspaceId: number,
  appId: number,
  input: SubmissionInput,
): Promise<{ row: CanvasKitSubmissionRow; contact: ContactRow }> {
  const componentId = requireText(input.component_id, "component_id", 255);
  if (input.input_values === undefined)
    throw errors.parameterNotFound("input_values is required", "input_values");
  const values = JSON.stringify(inputValues(input.input_values));
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
