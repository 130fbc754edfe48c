import { type Static, Type } from "typebox";
import { CustomAttributesInput } from "./custom-attribute-input.ts";

const MAX_INT = 2 ** 31 - 1;
const Text = (maxLength: number) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));

/** A company's id in a path: Intercom's id for it. */
export const CompanyParams = Type.Object({ company_id: Type.String({ minLength: 1, maxLength: 100 }) });

export const ContactCompanyParams = Type.Object({
  contact_id: Type.String({ pattern: "^[0-9a-f]{24}$" }),
  company_id: Type.String({ minLength: 1, maxLength: 100 }),
});

const companyFields = {
  name: Text(255),
  plan: Text(255),
  size: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: MAX_INT }), Type.Null()])),
  website: Text(2000),
  industry: Text(255),
  /** Intercom keeps whole amounts: 155.98 is stored as 155. */
  monthly_spend: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: MAX_INT }), Type.Null()])),
  remote_created_at: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1e11 }), Type.Null()])),
  custom_attributes: Type.Optional(CustomAttributesInput()),
};

/**
 * `POST /companies`: create or update the company of that `company_id` (text; a whole number is taken
 * as its digits; that it is not blank is the domain's check).
 */
export const CompanyBody = Type.Object({
  company_id: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Integer(), Type.Null()])),
  ...companyFields,
});
export type CompanyBody = Static<typeof CompanyBody>;

/** `PUT /companies/{id}`: what changes. */
export const CompanyChangesBody = Type.Object(companyFields);

const Page = Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 }));

/** `GET /companies`: one company by `company_id` or `name`, else a page of them. */
export const CompaniesQuery = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 255 })),
  company_id: Type.Optional(Type.String({ maxLength: 255 })),
  tag_id: Type.Optional(Type.String({ maxLength: 20 })),
  segment_id: Type.Optional(Type.String({ maxLength: 100 })),
  page: Page,
  per_page: Type.Optional(Type.Integer({ minimum: 1 })),
});

/** `POST /companies/list`: a page, in the order asked. */
export const CompanyListQuery = Type.Object({
  page: Page,
  per_page: Type.Optional(Type.Integer({ minimum: 1 })),
  order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
});

export const ScrollQuery = Type.Object({ scroll_param: Type.Optional(Type.String({ maxLength: 200 })) });

/** A company's contacts, or a contact's companies: numbered pages of up to 150. */
export const RelationPaging = Type.Object({
  page: Page,
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
});

/** `POST /contacts/{id}/companies`: the company, by Intercom's id (that one is named is the domain's check). */
export const AttachCompanyBody = Type.Object({
  id: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
});
