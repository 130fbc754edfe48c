import type { CompanyToTag, Tag, TagList } from "../wire/index.ts";
import { path, type Requester } from "./shared.ts";

/**
 * `/tags`. Tagging companies and contacts in bulk goes through `POST /tags`, which creates the tag
 * by name if need be; one contact's tags are also reachable from `contacts`.
 */
export function tagsApi(http: Requester) {
  const apply = (name: string, body: object): Promise<Tag> =>
    http.request("POST", "/tags", { name, ...body });
  return {
    /** `GET /tags`. */
    list: (): Promise<TagList> => http.request("GET", "/tags"),

    /** `GET /tags/{id}`. */
    find: (id: string): Promise<Tag> => http.request("GET", path`/tags/${id}`),

    /** `POST /tags`: the tag of that name, created if there is none. */
    create: (name: string): Promise<Tag> => apply(name, {}),

    /** `POST /tags` with an id: gives the tag a new name. */
    rename: (id: string, name: string): Promise<Tag> => apply(name, { id }),

    /** `DELETE /tags/{id}`. */
    delete: (id: string): Promise<void> => http.request("DELETE", path`/tags/${id}`),

    /** Puts the tag `name` (created if need be) on each company. */
    tagCompanies: (name: string, companies: CompanyToTag[]): Promise<Tag> => apply(name, { companies }),

    /** Takes the tag `name` off each company. */
    untagCompanies: (name: string, companies: CompanyToTag[]): Promise<Tag> =>
      apply(name, { companies: companies.map((c) => ({ ...c, untag: true })) }),

    /** Puts the tag `name` (created if need be) on each contact (by Intercom's id). */
    tagContacts: (name: string, contactIds: string[]): Promise<Tag> =>
      apply(name, { users: contactIds.map((id) => ({ id })) }),

    /** Takes the tag `name` off each contact. */
    untagContacts: (name: string, contactIds: string[]): Promise<Tag> =>
      apply(name, { users: contactIds.map((id) => ({ id, untag: true })) }),
  };
}
