import { type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import type { Trx } from "../../core/services.ts";
import type { Database } from "../../storage/schema.ts";
import type { ContactRow } from "../../storage/tables/contacts.ts";
import type { ContactRelations } from "../../wire/contact.ts";
import { tagsOn } from "../tags.ts";

/** How many of its companies, and of its newest notes, a contact's JSON names (Intercom's page of ten). */
const NAMED = 10;

/**
 * Each row's place among its contact's rows in `order` (from 1), and how many its contact has: the
 * first few of each contact's companies or notes, with their counts, come from one query this way.
 */
function placed(contact: string, order: (string | RawBuilder<unknown>)[]) {
  const orderBy = sql.join(order.map((o) => (typeof o === "string" ? sql.ref(o) : o)));
  return [
    sql<number>`row_number() over (partition by ${sql.ref(contact)} order by ${orderBy})`.as("place"),
    sql<number>`count(*) over (partition by ${sql.ref(contact)})`.as("total"),
  ];
}

/** The first NAMED rows of each contact from a query that places them, with `placed`, in order. */
function firstNamed<Row extends { contact_seq: number; place: number }>(
  db: Kysely<Database> | Trx,
  rows: SelectQueryBuilder<Database, keyof Database, Row>,
) {
  return (
    db
      .selectFrom(rows.as("placed"))
      .selectAll()
      // Written as SQL: Kysely cannot follow these columns through the generic row.
      .where(sql<SqlBool>`${sql.ref("place")} <= ${NAMED}`)
      .orderBy(sql.ref("contact_seq"))
      .orderBy(sql.ref("place"))
      .execute()
  );
}

/**
 * The tags, companies and notes of a page of contacts, in three queries whatever the page's size (a
 * contact's JSON names them all, so reading them per contact cost a few queries per contact of a list).
 * Works on the pool and inside a write's transaction alike, for the webhook items a write raises.
 */
export async function contactRelations(
  db: Kysely<Database> | Trx,
  contacts: readonly Pick<ContactRow, "seq">[],
): Promise<Map<number, ContactRelations>> {
  const relations = new Map<number, ContactRelations>(
    contacts.map((c) => [
      c.seq,
      { tags: [], companies: { ids: [], total: 0 }, notes: { ids: [], total: 0 } },
    ]),
  );
  if (contacts.length === 0) return relations;
  const seqs = [...relations.keys()];
  const of = (seq: number) => relations.get(seq) as ContactRelations;

  const [tags, companies, notes] = await Promise.all([
    tagsOn(db, "contact_tags", seqs),
    firstNamed(
      db,
      db
        .selectFrom("company_contacts")
        .innerJoin("companies", "companies.seq", "company_contacts.company_seq")
        .select(["company_contacts.contact_seq as contact_seq", "companies.id as id"])
        .select(placed("company_contacts.contact_seq", ["company_contacts.attached_at", "companies.seq"]))
        .where("company_contacts.contact_seq", "in", seqs),
    ),
    firstNamed(
      db,
      db
        .selectFrom("notes")
        .select(["contact_seq", "id"])
        .select(placed("contact_seq", [sql`${sql.ref("id")} desc`]))
        .where("contact_seq", "in", seqs),
    ),
  ]);

  for (const [seq, list] of tags) of(seq).tags = list;
  for (const row of companies) {
    const listed = of(Number(row.contact_seq)).companies;
    listed.ids.push(String(row.id));
    listed.total = Number(row.total);
  }
  for (const row of notes) {
    const listed = of(Number(row.contact_seq)).notes;
    listed.ids.push(Number(row.id));
    listed.total = Number(row.total);
  }
  return relations;
}
