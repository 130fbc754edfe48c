import type {
  Company,
  Contact,
  ContactDeleted,
  ContactInput,
  ContactPage,
  SearchQuery,
  Tag,
  TagList,
} from "../wire/index.ts";
import {
  cursorList,
  numberedList,
  type PageOptions,
  path,
  query,
  type Requester,
  searchList,
} from "./shared.ts";

/** `/contacts`: users and leads, their tags and their companies. */
export function contactsApi(http: Requester) {
  return {
    /** `POST /contacts`. */
    create: (body: ContactInput): Promise<Contact> => http.request("POST", "/contacts", body),

    /** `GET /contacts/{id}`. */
    find: (id: string): Promise<Contact> => http.request("GET", path`/contacts/${id}`),

    /** `PUT /contacts/{id}`: only the fields given change. */
    update: (id: string, body: ContactInput): Promise<Contact> =>
      http.request("PUT", path`/contacts/${id}`, body),

    /** `DELETE /contacts/{id}`. */
    delete: (id: string): Promise<ContactDeleted> => http.request("DELETE", path`/contacts/${id}`),

    /** Every contact, oldest first, fetched a page (`perPage`, 50 unless asked) at a time. */
    list: (options: PageOptions = {}): AsyncIterable<Contact> =>
      cursorList(
        (after) =>
          http.request<ContactPage>(
            "GET",
            `/contacts${query({ per_page: options.perPage, starting_after: after })}`,
          ),
        (page) => page.data,
      ),

    /** `POST /contacts/search`: every contact the query matches, a page at a time. */
    search: (searchQuery: SearchQuery, options: PageOptions = {}): AsyncIterable<Contact> =>
      searchList(http, "/contacts/search", searchQuery, options, (page: ContactPage) => page.data),

    /** `GET /contacts/{id}/tags`. */
    listTags: (id: string): Promise<TagList> => http.request("GET", path`/contacts/${id}/tags`),

    /** `POST /contacts/{id}/tags`: puts the tag on the contact; answers the tag. */
    addTag: (id: string, tagId: string): Promise<Tag> =>
      http.request("POST", path`/contacts/${id}/tags`, { id: tagId }),

    /** `DELETE /contacts/{id}/tags/{tag_id}`: takes the tag off; answers the tag. */
    removeTag: (id: string, tagId: string): Promise<Tag> =>
      http.request("DELETE", path`/contacts/${id}/tags/${tagId}`),

    /** `GET /contacts/{id}/companies`: every company the contact belongs to. */
    listCompanies: (id: string, options: PageOptions = {}): AsyncIterable<Company> =>
      numberedList(http, path`/contacts/${id}/companies`, options),

    /** `POST /contacts/{id}/companies`: the contact joins the company (Intercom's id); answers the company. */
    attachCompany: (id: string, companyId: string): Promise<Company> =>
      http.request("POST", path`/contacts/${id}/companies`, { id: companyId }),

    /** `DELETE /contacts/{id}/companies/{company_id}`: the contact leaves the company. */
    detachCompany: (id: string, companyId: string): Promise<Company> =>
      http.request("DELETE", path`/contacts/${id}/companies/${companyId}`),
  };
}
