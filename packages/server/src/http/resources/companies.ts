import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { errors } from "../../core/errors.ts";
import { recordId } from "../../core/validation.ts";
import {
  createOrUpdateCompany,
  deleteCompany,
  findCompany,
  lookUpCompany,
  updateCompany,
} from "../../resources/companies/companies.ts";
import {
  attachCompany,
  companiesOfContact,
  contactsOfCompany,
  detachCompany,
} from "../../resources/companies/contacts.ts";
import { listCompanies, scrollCompanies } from "../../resources/companies/listing.ts";
import { companiesJson, oneCompanyJson } from "../../resources/companies/present.ts";
import { findContact } from "../../resources/contacts/contacts.ts";
import { contactObjects } from "../../resources/contacts/present.ts";
import { errorResponses } from "../../wire/common.ts";
import {
  Company,
  CompanyList,
  CompanyScroll,
  ContactCompanyList,
  DeletedCompany,
} from "../../wire/company.ts";
import {
  AttachCompanyBody,
  CompaniesQuery,
  CompanyBody,
  CompanyChangesBody,
  CompanyListQuery,
  CompanyParams,
  ContactCompanyParams,
  RelationPaging,
  ScrollQuery,
} from "../../wire/company-input.ts";
import { ContactList } from "../../wire/contact.ts";
import { ContactParams } from "../../wire/contact-input.ts";
import { SegmentRefList } from "../../wire/segment.ts";
import { forCaller } from "../api/for-caller.ts";
import { publicOrigin } from "../plugins/public-origin.ts";

const One = { 200: Company, ...errorResponses };
const List = { 200: CompanyList, ...errorResponses };

const LIST = ["read_users_companies"] as const;
const READ_ONE = ["read_users_companies", "read_single_user_company"] as const;
const WRITE = ["write_users_companies"] as const;

/** Intercom lists 15 companies a page unless asked, and at most 60. */
const DEFAULT_PER_PAGE = 15;
const MAX_PER_PAGE = 60;
const SCROLL_SIZE = 50;

/** Intercom's offset `pages` object; `next` is the next page's absolute address (2.14: a URI), or null on the last. */
function pages(path: string, query: Record<string, string>, page: number, perPage: number, total: number) {
  const totalPages = Math.ceil(total / perPage);
  const next = new URLSearchParams({ ...query, page: String(page + 1), per_page: String(perPage) });
  return {
    type: "pages" as const,
    next: page < totalPages ? `${path}?${next}` : null,
    page,
    per_page: perPage,
    total_pages: totalPages,
  };
}

function encodeScroll(afterSeq: number): string {
  return Buffer.from(JSON.stringify({ after: afterSeq })).toString("base64url");
}

function decodeScroll(param: string): number {
  try {
    const { after } = JSON.parse(Buffer.from(param, "base64url").toString("utf8")) as { after?: unknown };
    if (typeof after === "number" && Number.isSafeInteger(after) && after >= 0) return after;
  } catch {
    // fall through
  }
  throw errors.parameterInvalid("scroll_param is not one this API gave out", "scroll_param");
}

/** `/companies`, and the companies of a contact. */
export async function companyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const services = () => app.services;
  const idCode = (request: FastifyRequest) => request.principal.workspace.idCode;

  /** One page of companies as Intercom lists them. */
  async function listing(
    request: FastifyRequest,
    path: string,
    options: {
      page?: number;
      per_page?: number;
      order?: "asc" | "desc";
      tag_id?: string;
      segment_id?: string;
    },
  ) {
    const page = options.page ?? 1;
    const perPage = Math.min(options.per_page ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
    const { rows, total } = await forCaller(request, listCompanies, {
      page,
      perPage,
      order: options.order ?? "desc",
      ...(options.tag_id !== undefined && { tagId: recordId(options.tag_id) }),
      ...(options.segment_id !== undefined && { noneMatch: true }),
    });
    const kept: Record<string, string> = {};
    if (options.order) kept.order = options.order;
    if (options.tag_id !== undefined) kept.tag_id = options.tag_id;
    if (options.segment_id !== undefined) kept.segment_id = options.segment_id;
    return {
      type: "list" as const,
      data: await companiesJson(services().db, rows, idCode(request)),
      pages: pages(`${publicOrigin(request)}${path}`, kept, page, perPage, total),
      total_count: total,
    };
  }

  app.post(
    "/companies",
    { schema: { body: CompanyBody, response: One }, config: { scopes: WRITE } },
    async (request) => {
      const { company } = await forCaller(request, createOrUpdateCompany, request.body);
      return oneCompanyJson(services().db, company, idCode(request));
    },
  );

  app.get(
    "/companies",
    {
      schema: {
        querystring: CompaniesQuery,
        response: { 200: Type.Union([Company, CompanyList]), ...errorResponses },
      },
      config: { scopes: READ_ONE },
    },
    async (request) => {
      const { name, company_id: companyId, ...rest } = request.query;
      if (companyId !== undefined || name !== undefined) {
        const company = await forCaller(request, lookUpCompany, {
          ...(companyId !== undefined ? { company_id: companyId } : { name }),
        });
        return oneCompanyJson(services().db, company, idCode(request));
      }
      // Reading one company is "Read one user and one company"; listing them all needs the list scope.
      if (!request.principal.scopes.has("read_users_companies")) {
        const label = services().scopes.get("read_users_companies")?.label ?? "read_users_companies";
        throw errors.insufficientScope(
          "read_users_companies",
          `This token lacks the permission this request needs: "${label}".`,
        );
      }
      return listing(request, "/companies", rest);
    },
  );

  app.post(
    "/companies/list",
    {
      schema: {
        querystring: CompanyListQuery,
        response: List,
      },
      // Its filters travel in the query string; a body is ignored.
      config: { scopes: LIST, takesNoBody: true },
    },
    (request) => listing(request, "/companies/list", request.query),
  );

  app.get(
    "/companies/scroll",
    {
      schema: { querystring: ScrollQuery, response: { 200: CompanyScroll, ...errorResponses } },
      config: { scopes: LIST },
    },
    async (request) => {
      const given = request.query.scroll_param;
      const after = given ? decodeScroll(given) : 0;
      const rows = await forCaller(request, scrollCompanies, after, SCROLL_SIZE);
      const last = rows.at(-1);
      // An exhausted scroll answers an empty page and no scroll_param, which ends a client's loop.
      return {
        type: "list" as const,
        data: await companiesJson(services().db, rows, idCode(request)),
        pages: null,
        total_count: null,
        ...(last && { scroll_param: encodeScroll(last.seq) }),
      };
    },
  );

  app.get(
    "/companies/:company_id",
    {
      schema: { params: CompanyParams, querystring: Type.Object({}), response: One },
      config: { scopes: READ_ONE },
    },
    async (request) =>
      oneCompanyJson(
        services().db,
        await forCaller(request, findCompany, request.params.company_id),
        idCode(request),
      ),
  );

  app.put(
    "/companies/:company_id",
    { schema: { params: CompanyParams, body: CompanyChangesBody, response: One }, config: { scopes: WRITE } },
    async (request) =>
      oneCompanyJson(
        services().db,
        await forCaller(request, updateCompany, request.params.company_id, request.body),
        idCode(request),
      ),
  );

  app.delete(
    "/companies/:company_id",
    {
      schema: { params: CompanyParams, response: { 200: DeletedCompany, ...errorResponses } },
      config: { scopes: WRITE },
    },
    async (request) => {
      const row = await forCaller(request, deleteCompany, request.params.company_id);
      return { id: row.id, object: "company" as const, deleted: true as const };
    },
  );

  app.get(
    "/companies/:company_id/contacts",
    {
      schema: {
        params: CompanyParams,
        querystring: RelationPaging,
        response: { 200: ContactList, ...errorResponses },
      },
      config: { scopes: LIST },
    },
    async (request) => {
      const company = await forCaller(request, findCompany, request.params.company_id);
      const page = request.query.page ?? 1;
      const perPage = request.query.per_page ?? 50;
      const { rows, total } = await contactsOfCompany(services(), company, { page, perPage });
      return {
        type: "list" as const,
        data: await contactObjects(services().db, rows, idCode(request)),
        total_count: total,
        pages: {
          type: "pages" as const,
          page,
          per_page: perPage,
          total_pages: Math.ceil(total / perPage),
        },
      };
    },
  );

  app.get(
    "/companies/:company_id/segments",
    {
      schema: {
        params: CompanyParams,
        querystring: Type.Object({}),
        response: { 200: SegmentRefList, ...errorResponses },
      },
      config: { scopes: LIST },
    },
    async (request) => {
      await forCaller(request, findCompany, request.params.company_id);
      // Gatehouse's segments hold contacts; no company is in one.
      return { type: "list" as const, data: [] };
    },
  );

  app.post(
    "/contacts/:contact_id/companies",
    {
      schema: {
        params: ContactParams,
        body: AttachCompanyBody,
        response: One,
      },
      config: { scopes: WRITE },
    },
    async (request) => {
      const company = await forCaller(request, attachCompany, request.params.contact_id, request.body?.id);
      return oneCompanyJson(services().db, company, idCode(request));
    },
  );

  app.get(
    "/contacts/:contact_id/companies",
    {
      schema: {
        params: ContactParams,
        querystring: RelationPaging,
        response: { 200: ContactCompanyList, ...errorResponses },
      },
      config: { scopes: READ_ONE },
    },
    async (request) => {
      const contact = await forCaller(request, findContact, request.params.contact_id);
      const page = request.query.page ?? 1;
      const perPage = request.query.per_page ?? 50;
      const { rows, total } = await companiesOfContact(services(), contact, { page, perPage });
      const data = await companiesJson(services().db, rows, idCode(request));
      const totalPages = Math.ceil(total / perPage);
      return {
        type: "list" as const,
        // Intercom's description names the list `companies`; its recorded answers call it `data`.
        data,
        companies: data,
        pages: {
          type: "pages" as const,
          next:
            page < totalPages
              ? `${publicOrigin(request)}/contacts/${contact.id}/companies?${new URLSearchParams({ page: String(page + 1), per_page: String(perPage) })}`
              : null,
          page,
          per_page: perPage,
          total_pages: totalPages,
        },
        total_count: total,
      };
    },
  );

  app.delete(
    "/contacts/:contact_id/companies/:company_id",
    {
      schema: {
        params: ContactCompanyParams,
        response: One,
      },
      config: { scopes: WRITE },
    },
    async (request) => {
      const company = await forCaller(
        request,
        detachCompany,
        request.params.contact_id,
        request.params.company_id,
      );
      return oneCompanyJson(services().db, company, idCode(request));
    },
  );
}
