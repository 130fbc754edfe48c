import crypto from "node:crypto";
import { errors } from "../core/errors.ts";
import { type Services, write } from "../core/services.ts";
import { requireText } from "../core/validation.ts";
import { isUniqueViolation } from "../storage/errors.ts";
import type { ContactRow, SegmentPersonType, SegmentRow } from "../storage/tables/contacts.ts";
import { compileSearch } from "./contacts/search.ts";
import { findInWorkspace } from "./kit/records.ts";

/**
 * Segments: saved contact filters. A segment holds the contacts of its person type (users, or leads,
 * which Intercom's `person_type` calls `contact`) that its query matches now, so membership and counts
 * follow the contacts as they change.
 */

const ROLE: Record<SegmentPersonType, "user" | "lead"> = { user: "user", contact: "lead" };

export interface NewSegment {
  name: unknown;
  /** A query in Intercom's contact search language, as an object or as its JSON text. */
  query: unknown;
  /** `user` (default), or `lead` / `contact` for leads. */
  personType?: unknown;
}

function parseQuery(query: unknown): object {
  let value = query;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      throw errors.parameterInvalid("query is not valid JSON", "query");
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw errors.parameterInvalid("query must be a search query object", "query");
  return value;
}

function personType(value: unknown): SegmentPersonType {
  if (value === undefined || value === "user") return "user";
  if (value === "lead" || value === "contact") return "contact";
  throw errors.parameterInvalid("person type must be user or lead", "person_type");
}

/** The workspace's contacts a segment holds, as a query to select or count from. */
function members(s: Services, segment: SegmentRow) {
  const matches = compileSearch(JSON.parse(segment.query), s.dialect);
  return s.db
    .selectFrom("contacts")
    .where("contacts.workspace_id", "=", segment.workspace_id)
    .where("contacts.role", "=", ROLE[segment.person_type])
    .where(matches);
}

/** An operator's `gatehouse segment create`: a query that does not compile is refused, nothing saved. */
export async function createSegment(
  s: Services,
  workspaceId: number,
  input: NewSegment,
): Promise<SegmentRow> {
  const name = requireText(input.name, "name", 190);
  const query = parseQuery(input.query);
  const type = personType(input.personType);
  compileSearch(query, s.dialect);
  const now = s.now();
  try {
    return await write(s, async (trx) => {
      const segment = await trx
        .insertInto("segments")
        .values({
          id: crypto.randomBytes(12).toString("hex"),
          workspace_id: workspaceId,
          name,
          name_key: name.toLowerCase(),
          person_type: type,
          query: JSON.stringify(query),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return segment;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw errors.parameterInvalid(`A segment named '${name}' already exists`, "name");
    throw error;
  }
}

export async function listSegments(s: Services, workspaceId: number): Promise<SegmentRow[]> {
  return s.db
    .selectFrom("segments")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("seq")
    .execute();
}

export async function findSegment(s: Services, workspaceId: number, id: string): Promise<SegmentRow> {
  return findInWorkspace(s.db, "segments", workspaceId, id, "Resource");
}

/** How many contacts the segment holds now. */
export async function countSegment(s: Services, segment: SegmentRow): Promise<number> {
  const row = await members(s, segment)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The workspace's segments that hold this contact now. */
export async function segmentsOfContact(s: Services, contact: ContactRow): Promise<SegmentRow[]> {
  const holding: SegmentRow[] = [];
  for (const segment of await listSegments(s, contact.workspace_id)) {
    const hit = await members(s, segment)
      .select("contacts.seq")
      .where("contacts.seq", "=", contact.seq)
      .executeTakeFirst();
    if (hit) holding.push(segment);
  }
  return holding;
}
