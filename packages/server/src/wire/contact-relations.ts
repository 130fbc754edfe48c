import type { Kysely } from "kysely";
import type { Trx } from "../domain/services.ts";
import type { ContactRow, Database, TagRow } from "../storage/schema.ts";
import type { ContactCompanies } from "./contact.ts";
import type { NoteRefs } from "./note.ts";

/** How many of its companies, and of its newest notes, a contact's JSON names (Intercom's page of ten). */
const NAMED = 10;

/** What a contact's JSON lists beside its own row. */
export interface ContactRelations {
  tags: TagRow[];
  companies: ContactCompanies;
  notes: NoteRefs;
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
    db
      .selectFrom("contact_tags")
      .innerJoin("tags", "tags.id", "contact_tags.tag_id")
      .selectAll("tags")
      .select("contact_tags.contact_seq")
      .where("contact_tags.contact_seq", "in", seqs)
      .orderBy("tags.id")
      .execute(),
    // The first companies by attachment, numbered within each contact, and each contact's count.
    db
      .selectFrom((eb) =>
        eb
          .selectFrom("company_contacts")
          .innerJoin("companies", "companies.seq", "company_contacts.company_seq")
          .select((eb) => [
            "company_contacts.contact_seq as contact_seq",
            "companies.id as id",
            eb.fn
              .agg<number>("row_number")
              .over((ob) =>
                ob
                  .partitionBy("company_contacts.contact_seq")
                  .orderBy("company_contacts.attached_at")
                  .orderBy("companies.seq"),
              )
              .as("place"),
            eb.fn
              .countAll<number>()
              .over((ob) => ob.partitionBy("company_contacts.contact_seq"))
              .as("total"),
          ])
          .where("company_contacts.contact_seq", "in", seqs)
          .as("ranked"),
      )
      .selectAll()
      .where("place", "<=", NAMED)
      .orderBy("contact_seq")
      .orderBy("place")
      .execute(),
    db
      .selectFrom((eb) =>
        eb
          .selectFrom("notes")
          .select((eb) => [
            "contact_seq",
            "id",
            eb.fn
              .agg<number>("row_number")
              .over((ob) => ob.partitionBy("contact_seq").orderBy("id", "desc"))
              .as("place"),
            eb.fn
              .countAll<number>()
              .over((ob) => ob.partitionBy("contact_seq"))
              .as("total"),
          ])
          .where("contact_seq", "in", seqs)
          .as("ranked"),
      )
      .selectAll()
      .where("place", "<=", NAMED)
      .orderBy("contact_seq")
      .orderBy("place")
      .execute(),
  ]);

  for (const { contact_seq, ...tag } of tags) of(contact_seq).tags.push(tag);
  for (const row of companies) {
    const listed = of(row.contact_seq).companies;
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
