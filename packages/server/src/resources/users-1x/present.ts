import type { Kysely } from "kysely";
import { atLeast, type IntercomVersion } from "../../core/api-versions.ts";
import type { Trx } from "../../core/services.ts";
import type { Database } from "../../storage/schema.ts";
import type { ContactRow } from "../../storage/tables/contacts.ts";
import { type User1xJson, type UserRelations1x, userObject1x } from "../../wire/user-1x.ts";
import { tagsOn } from "../tags.ts";

interface Collected {
  tags: Array<UserRelations1x["tags"][number]>;
  companies: Array<UserRelations1x["companies"][number]>;
}

/**
 * The tags and companies of a page of users, in two queries whatever the page's size: a 1.x user names
 * its tags and companies by name, where the 2.x contact only links them.
 */
async function relationsOf(
  db: Kysely<Database> | Trx,
  rows: readonly ContactRow[],
): Promise<Map<number, UserRelations1x>> {
  const relations = new Map<number, Collected>(rows.map((r) => [r.seq, { tags: [], companies: [] }]));
  if (rows.length === 0) return relations;
  const seqs = rows.map((r) => r.seq);
  const [tags, companies] = await Promise.all([
    tagsOn(db, "contact_tags", seqs),
    db
      .selectFrom("company_contacts")
      .innerJoin("companies", "companies.seq", "company_contacts.company_seq")
      .select(["company_contacts.contact_seq", "companies.id", "companies.company_id", "companies.name"])
      .where("company_contacts.contact_seq", "in", seqs)
      .orderBy("company_contacts.attached_at")
      .orderBy("companies.seq")
      .execute(),
  ]);
  for (const [seq, list] of tags) relations.get(seq)?.tags.push(...list);
  for (const { contact_seq, ...company } of companies) relations.get(contact_seq)?.companies.push(company);
  return relations;
}

/** Intercom's 1.x JSON for each of a page of users of one workspace, in their order. */
export async function usersJson(
  db: Kysely<Database> | Trx,
  rows: readonly ContactRow[],
  appIdCode: string,
  version: IntercomVersion,
): Promise<User1xJson[]> {
  const relations = await relationsOf(db, rows);
  const fields = { early: !atLeast(version, "1.2"), ownerId: atLeast(version, "1.4") };
  return rows.map((row) => userObject1x(row, relations.get(row.seq) as UserRelations1x, appIdCode, fields));
}

export async function userJson(
  db: Kysely<Database> | Trx,
  row: ContactRow,
  appIdCode: string,
  version: IntercomVersion,
): Promise<User1xJson> {
  const [user] = await usersJson(db, [row], appIdCode, version);
  return user as User1xJson;
}
