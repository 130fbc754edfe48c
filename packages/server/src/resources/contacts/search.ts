import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database, Dialect } from "../../storage/schema.ts";
import { compileQuery, type FieldKind, invalid, MAX_INT, type SearchSchema } from "../kit/search-query.ts";

export type { SearchQuery } from "../kit/search-query.ts";

const column = (name: keyof Database["contacts"], kind: FieldKind) => ({
  kind,
  target: sql.ref(`contacts.${name}`),
});

/** The contact fields Intercom's search takes, and how each compares. */
const CONTACTS: SearchSchema<"contacts"> = {
  noun: "contacts",
  customAttributes: sql.ref("contacts.custom_attributes"),
  fields: {
    id: column("id", "string"),
    external_id: column("external_id", "string"),
    email: column("email", "string"),
    name: column("name", "string"),
    phone: column("phone", "string"),
    role: column("role", "string"),
    owner_id: column("owner_id", "integer"),
    unsubscribed_from_emails: column("unsubscribed_from_emails", "boolean"),
    created_at: column("created_at", "date_ms"),
    updated_at: column("updated_at", "date_ms"),
    signed_up_at: column("signed_up_at", "date_s"),
    last_seen_at: column("last_seen_at", "date_s"),
    tag_id: {
      kind: "tag",
      filter: (operator, value) => {
        const tagId = Number(value);
        if (!Number.isInteger(tagId) || tagId < 1 || tagId > MAX_INT) invalid("tag_id needs a tag id");
        return (eb: ExpressionBuilder<Database, "contacts">): Expression<SqlBool> => {
          const tagged = eb.exists(
            eb
              .selectFrom("contact_tags")
              .select("contact_tags.tag_id")
              .whereRef("contact_tags.contact_seq", "=", "contacts.seq")
              .where("contact_tags.tag_id", "=", tagId),
          );
          return operator === "=" ? tagged : eb.not(tagged);
        };
      },
    },
  },
};

/** A contact search (also a segment's saved query) as one SQL condition on `contacts`. */
export function compileSearch(query: unknown, dialect: Dialect) {
  return compileQuery(query, CONTACTS, dialect);
}
