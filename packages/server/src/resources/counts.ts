import type { Services } from "../core/services.ts";
import { countSegment, listSegments } from "./segments.ts";

/** Intercom's Counts API, computed from the workspace's rows at the time of asking. */

async function count(
  s: Services,
  table: "companies" | "tags" | "segments" | "contacts",
  workspaceId: number,
  role?: "user" | "lead",
): Promise<number> {
  let query = s.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId);
  // Archived contacts are hidden everywhere else, so they are not counted either.
  if (role) query = query.where("role", "=", role).where("archived", "=", false);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function workspaceCounts(s: Services, workspaceId: number) {
  const [company, user, lead, tag, segment] = await Promise.all([
    count(s, "companies", workspaceId),
    count(s, "contacts", workspaceId, "user"),
    count(s, "contacts", workspaceId, "lead"),
    count(s, "tags", workspaceId),
    count(s, "segments", workspaceId),
  ]);
  return { company, user, lead, tag, segment };
}

export const countCompanies = (s: Services, workspaceId: number) => count(s, "companies", workspaceId);
export const countUsers = (s: Services, workspaceId: number) => count(s, "contacts", workspaceId, "user");

/** Each tag of the workspace and how many of its companies, or of its contacts, carry it. */
export async function tagCounts(
  s: Services,
  workspaceId: number,
  of: "companies" | "contacts",
): Promise<Array<{ name: string; count: number }>> {
  const tags = await s.db
    .selectFrom("tags")
    .select(["id", "name"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("id")
    .execute();
  const counts = new Map<number, number>();
  const rows =
    of === "companies"
      ? await s.db
          .selectFrom("company_tags")
          .innerJoin("tags", "tags.id", "company_tags.tag_id")
          .select(["company_tags.tag_id as tag_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where("tags.workspace_id", "=", workspaceId)
          .groupBy("company_tags.tag_id")
          .execute()
      : await s.db
          .selectFrom("contact_tags")
          .innerJoin("tags", "tags.id", "contact_tags.tag_id")
          .select(["contact_tags.tag_id as tag_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where("tags.workspace_id", "=", workspaceId)
          .groupBy("contact_tags.tag_id")
          .execute();
  for (const row of rows) counts.set(row.tag_id, Number(row.n));
  return tags.map((t) => ({ name: t.name, count: counts.get(t.id) ?? 0 }));
}

/** Each segment of the workspace and how many contacts it holds. */
export async function segmentCounts(
  s: Services,
  workspaceId: number,
): Promise<Array<{ name: string; count: number }>> {
  const out: Array<{ name: string; count: number }> = [];
  for (const segment of await listSegments(s, workspaceId))
    out.push({ name: segment.name, count: await countSegment(s, segment) });
  return out;
}

/** Each company of the workspace, its own id, and how many contacts belong to it. */
export async function companyContactCounts(s: Services, workspaceId: number) {
  const rows = await s.db
    .selectFrom("companies")
    .leftJoin("company_contacts", "company_contacts.company_seq", "companies.seq")
    .select([
      "companies.seq",
      "companies.name",
      "companies.company_id",
      (eb) => eb.fn.count<number>("company_contacts.contact_seq").as("n"),
    ])
    .where("companies.workspace_id", "=", workspaceId)
    .groupBy(["companies.seq", "companies.name", "companies.company_id"])
    .orderBy("companies.seq")
    .execute();
  return rows.map((r) => ({ name: r.name, companyId: r.company_id, count: Number(r.n) }));
}
