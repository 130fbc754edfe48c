import type {
  Company,
  CompanyCreateOrUpdate,
  CompanyDeleted,
  CompanyUpdate,
  Contact,
  NumberedPage,
} from "../wire/index.ts";
import {
  nextPageNumber,
  numberedList,
  type PageOptions,
  paginate,
  path,
  query,
  type Requester,
} from "./shared.ts";

/** `/companies`: `id` is Intercom's id for a company; `company_id` is yours. */
export function companiesApi(http: Requester) {
  return {
    /** `POST /companies`: creates the company `company_id` names, or updates it if it exists. */
    createOrUpdate: (body: CompanyCreateOrUpdate): Promise<Company> =>
      http.request("POST", "/companies", body),

    /** `GET /companies/{id}`. */
    find: (id: string): Promise<Company> => http.request("GET", path`/companies/${id}`),

    /** `GET /companies?company_id=` or `?name=`: one company by your id for it, or by its name. */
    findBy: (by: { company_id: string } | { name: string }): Promise<Company> =>
      http.request("GET", `/companies${query(by)}`),

    /** `PUT /companies/{id}`. */
    update: (id: string, body: CompanyUpdate): Promise<Company> =>
      http.request("PUT", path`/companies/${id}`, body),

    /** `DELETE /companies/{id}`. */
    delete: (id: string): Promise<CompanyDeleted> => http.request("DELETE", path`/companies/${id}`),

    /**
     * `POST /companies/list`: every company some contact belongs to (as in Intercom, the others are
     * left out), newest first unless `order: "asc"`, in numbered pages (`perPage` 15 unless asked, at most 60).
     */
    list: (options: PageOptions & { order?: "asc" | "desc" } = {}): AsyncIterable<Company> =>
      paginate(
        (page: number | undefined) =>
          http.request<NumberedPage<Company>>(
            "POST",
            `/companies/list${query({ page, per_page: options.perPage, order: options.order })}`,
          ),
        (page) => ({ items: page.data, next: nextPageNumber(page.pages) }),
      ),

    /** `GET /companies/{id}/contacts`: every contact of the company. */
    listContacts: (id: string, options: PageOptions = {}): AsyncIterable<Contact> =>
      numberedList(http, path`/companies/${id}/contacts`, options),

    /** `POST /contacts/{contact_id}/companies`: the contact joins the company. */
    attachContact: (id: string, contactId: string): Promise<Company> =>
      http.request("POST", path`/contacts/${contactId}/companies`, { id }),

    /** `DELETE /contacts/{contact_id}/companies/{id}`: the contact leaves the company. */
    detachContact: (id: string, contactId: string): Promise<Company> =>
      http.request("DELETE", path`/contacts/${contactId}/companies/${id}`),
  };
}
