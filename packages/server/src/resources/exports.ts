import crypto from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { ExpressionBuilder } from "kysely";
import type { Logger } from "pino";
import { ApiError, errors } from "../core/errors.ts";
import { Poller } from "../core/poller.ts";
import { type Services, write } from "../core/services.ts";
import { claimDue } from "../storage/claim-due.ts";
import { isUniqueViolation } from "../storage/errors.ts";
import type { Database } from "../storage/schema.ts";
import type { ContactRow } from "../storage/tables/contacts.ts";
import type { ContentExportRow, ExportStatus } from "../storage/tables/content.ts";
import type { DataExportBody } from "../wire/data-export-input.ts";
import { listContacts } from "./contacts/contacts.ts";
import { findOr404 } from "./kit/records.ts";

/** How long a runner holds a job it took up before another instance may take it over. */
const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 3;
/** Intercom keeps a finished export for two days. */
const DOWNLOAD_TTL_MS = 2 * 24 * 60 * 60_000;
const PAGE = 500;
const BATCH = 5;
const ACTIVE: ExportStatus[] = ["pending", "in_progress"];

/**
 * The columns of Intercom's export file. Gatehouse sends no outbound content, so its export holds one
 * row per contact of the workspace created in the range (who the content would have gone to), with the
 * columns about a piece of content and its engagement left empty.
 */
const COLUMNS = [
  "user_id",
  "user_external_id",
  "company_id",
  "email",
  "name",
  "ruleset_id",
  "content_id",
  "content_type",
  "content_title",
  "ruleset_version_id",
  "receipt_id",
  "received_at",
  "series_id",
  "series_title",
  "node_id",
  "first_reply",
  "first_completion",
  "first_series_completion",
  "first_series_disengagement",
  "first_series_exit",
  "first_goal_success",
  "first_open",
  "first_click",
  "first_dismisall",
  "first_unsubscribe",
  "first_hard_bounce",
] as const;

/** zlib's gzip on its thread pool: a large export never holds up the event loop that serves requests. */
const gzipOffThread = promisify(gzip);

/** 16 characters of lower-case letters and digits, like Intercom's job identifiers. */
function jobIdentifier(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/** `POST /export/content/data`: a pending job for the range; one active job per workspace. */
export async function createContentExport(
  s: Services,
  workspaceId: number,
  input: DataExportBody,
): Promise<ContentExportRow> {
  const { created_at_after: after, created_at_before: before } = input;
  if (after > before)
    throw errors.parameterInvalid(
      "created_at_after must not be later than created_at_before",
      "created_at_after",
    );
  const now = s.now();
  try {
    return await write(s, (trx) =>
      trx
        .insertInto("content_exports")
        .values({
          job_identifier: jobIdentifier(),
          workspace_id: workspaceId,
          created_at_after: after,
          created_at_before: before,
          run_after: now,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  } catch (error) {
    // The partial unique index allows one pending or in-progress job per workspace.
    if (isUniqueViolation(error))
      throw new ApiError(
        429,
        "rate_limit_exceeded",
        "Exceeded rate limit of 1 pending message data export jobs",
      );
    throw error;
  }
}

export async function findContentExport(
  s: Services,
  workspaceId: number,
  identifier: string,
): Promise<ContentExportRow> {
  return findOr404(
    s.db
      .selectFrom("content_exports")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("job_identifier", "=", identifier),
    "Export job",
  );
}

/** Cancels an active job; a finished one is answered as it is. */
export async function cancelContentExport(
  s: Services,
  workspaceId: number,
  identifier: string,
): Promise<ContentExportRow> {
  const now = s.now();
  const canceled = await write(s, (trx) =>
    trx
      .updateTable("content_exports")
      .set({ status: "canceled", finished_at: now, updated_at: now, file: null })
      .where("workspace_id", "=", workspaceId)
      .where("job_identifier", "=", identifier)
      .where("status", "in", ACTIVE)
      .returningAll()
      .executeTakeFirst(),
  );
  return canceled ?? findContentExport(s, workspaceId, identifier);
}

/** The finished export's file, the gzipped CSV as it was stored, while it is still kept. */
export async function contentExportFile(
  s: Services,
  workspaceId: number,
  identifier: string,
): Promise<Buffer> {
  const row = await findContentExport(s, workspaceId, identifier);
  const kept = row.download_expires_at !== null && Number(row.download_expires_at) > s.now();
  if (row.status !== "completed" || row.file === null || !kept)
    throw new ApiError(404, "not_found", "This export has no file to download");
  // node:sqlite reads a blob as a Uint8Array, pg as a Buffer: either is viewed as a Buffer, not copied.
  return Buffer.from(row.file.buffer, row.file.byteOffset, row.file.byteLength);
}

/**
 * Text a spreadsheet would run as a formula: what starts with `=`, `+`, `-` or `@`, or with a tab or a
 * carriage return before one (OWASP, CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180). Text that could start a formula is prefixed with a single quote, which makes
 * a spreadsheet read it as text, and quoted; numbers Gatehouse writes itself (the -1 company) are kept.
 */
function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const formula = FORMULA_START.test(value);
  const text = formula ? `'${value}` : value;
  return formula || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvRow(contact: ContactRow): string {
  const known: Partial<Record<(typeof COLUMNS)[number], string | number | null>> = {
    user_id: contact.id,
    user_external_id: contact.external_id,
    company_id: -1,
    email: contact.email,
    name: contact.name,
  };
  return COLUMNS.map((column) => csvCell(known[column] ?? null)).join(",");
}

/** Reads the workspace's contacts created in the job's range, both ends included, through the contacts domain. */
async function exportRows(s: Services, job: ContentExportRow): Promise<string[]> {
  const range = {
    operator: "AND",
    value: [
      { field: "created_at", operator: ">", value: Number(job.created_at_after) - 1 },
      { field: "created_at", operator: "<", value: Number(job.created_at_before) + 1 },
    ],
  };
  const rows: string[] = [];
  let afterSeq: number | undefined;
  for (;;) {
    const page = await listContacts(
      s,
      job.workspace_id,
      { size: PAGE, ...(afterSeq !== undefined && { after: afterSeq }) },
      range,
    );
    for (const contact of page.rows) rows.push(csvRow(contact));
    if (!page.hasMore) return rows;
    afterSeq = page.rows[page.rows.length - 1]?.seq;
  }
}

/**
 * Takes up the jobs that are due (pending ones, and in-progress ones whose runner's lease ran out) and
 * works each; returns how many it took. A job is taken by moving its lease forward only if no other
 * runner moved it first, and finished only if it is still this runner's, so a job canceled or taken
 * over meanwhile keeps its new state.
 */
export async function runDueExports(s: Services, logger?: Logger): Promise<number> {
  const now = s.now();
  // Looked for before it is written: a poll with nothing to purge takes no write lock (on SQLite an
  // UPDATE takes the database's one writer slot even when it matches nothing).
  const expired = (eb: ExpressionBuilder<Database, "content_exports">) =>
    eb.and([
      eb("status", "=", "completed"),
      eb("download_expires_at", "<=", now),
      eb("file", "is not", null),
    ]);
  if (await s.db.selectFrom("content_exports").select("id").where(expired).limit(1).executeTakeFirst()) {
    await s.db.updateTable("content_exports").set({ file: null }).where(expired).execute();
  }
  const lease = now + LEASE_MS;
  const jobs = claimDue(s.db, "content_exports", {
    now,
    batch: BATCH,
    leaseEnds: lease,
    set: { status: "in_progress", updated_at: now },
  });
  let taken = 0;
  for await (const job of jobs) {
    taken++;
    await work(s, job, lease, logger);
  }
  return taken;
}

async function work(s: Services, job: ContentExportRow, lease: number, logger?: Logger): Promise<void> {
  try {
    const rows = await exportRows(s, job);
    // Compressed here, once, as Intercom's file is gzipped: a download then sends the stored bytes.
    const file = rows.length === 0 ? null : await gzipOffThread(`${COLUMNS.join(",")}\n${rows.join("\n")}\n`);
    const done = s.now();
    const finished =
      file === null
        ? { status: "no_data" as const, row_count: 0, file: null, download_expires_at: null }
        : {
            status: "completed" as const,
            row_count: rows.length,
            file,
            download_expires_at: done + DOWNLOAD_TTL_MS,
          };
    await s.db
      .updateTable("content_exports")
      .set({ ...finished, error: null, finished_at: done, updated_at: done })
      .where("id", "=", job.id)
      .where("status", "=", "in_progress")
      .where("run_after", "=", lease)
      .execute();
    logger?.info({ export: job.job_identifier, rows: rows.length }, "content export done");
  } catch (error) {
    const done = s.now();
    const givingUp = Number(job.attempts) >= MAX_ATTEMPTS;
    await s.db
      .updateTable("content_exports")
      .set(
        givingUp
          ? {
              status: "failed",
              error: String((error as Error).message).slice(0, 500),
              finished_at: done,
              updated_at: done,
            }
          : { status: "pending", run_after: done + 1000 * 2 ** Number(job.attempts), updated_at: done },
      )
      .where("id", "=", job.id)
      .where("status", "=", "in_progress")
      .where("run_after", "=", lease)
      .execute();
    logger?.error({ err: error, export: job.job_identifier }, "content export attempt failed");
  }
}

/** Works the export queue on a timer: every serving instance runs one. */
export function contentExportRunner(s: Services, logger: Logger, pollMs = 250): Poller {
  return new Poller("content export run", () => runDueExports(s, logger), { pollMs, batch: BATCH, logger });
}
