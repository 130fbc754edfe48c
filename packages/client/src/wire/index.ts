/**
 * The client's wire types: every Intercom object and request body is generated from the server's wire
 * schemas (`generated.ts`); what is here only names parts of them or adds the type parameter a
 * generic helper needs. Nothing here describes a shape of its own.
 */
import type { CompanyPage, Contact, TicketState, TicketType } from "./generated.ts";

export type * from "./generated.ts";

/** A contact's (or company's) custom attributes. */
export type CustomAttributes = Contact["custom_attributes"];

/** A contact's tags, notes or companies as its JSON lists them: the first few, and where to read all. */
export type AddressableList = Contact["tags"];

/** A page of a numbered list (companies, articles, news), for any item: the generated pages, generic. */
export type NumberedPage<Item> = Omit<CompanyPage, "data"> & { data: Item[] };

export type TicketCategory = TicketType["category"];
export type TicketStateCategory = TicketState["category"];
