/**
 * The `Intercom-Version` values Gatehouse accepts, one list, as data: each version, what Intercom's
 * changelog says differs in it, and what Gatehouse serves for it. Every 2.x version, Unstable and
 * Preview get the 2.14 shapes (the description in ../shared/intercom-openapi/2.14.yaml); 1.x gets them
 * too, plus the 1.x Users API (`http/resources/users-1x/`), which 2.0 removed.
 *
 * Sources: the version list of Intercom's "API Changelog" page
 * (https://developers.intercom.com/docs/build-an-integration/learn-more/rest-apis/api-changelog), the
 * 2.15 changelog (https://developers.intercom.com/docs/references/changelog), the Preview changelog
 * (https://developers.intercom.com/docs/references/preview/changelog), and the description repository's
 * `descriptions/2.15`, `2.16` and `0` (Preview) folders (github.com/intercom/Intercom-OpenAPI).
 */
export interface ApiVersion {
  name: string;
  /** What Intercom documents as different in this version, and whether Gatehouse does it. */
  differs: readonly string[];
}

const SAME_AS_214 = "Gatehouse serves the 2.14 shapes.";

export const API_VERSIONS = [
  { name: "1.0", differs: ["1.x Users API: `GET /users?email=` answers one user (409 if several)."] },
  { name: "1.1", differs: ["1.x Users API: `GET /users?email=` answers a `user.list`."] },
  { name: "1.2", differs: ["1.x Users API: `GET /users?phone=` lists users by phone."] },
  { name: "1.3", differs: ["1.x Users API: `unsubscribed_from_emails: null` is refused."] },
  { name: "1.4", differs: ["1.x Users API: users carry `owner_id`."] },
  { name: "2.0", differs: ["The Users API is gone (Contacts replace it): `/users` is a 404."] },
  { name: "2.1", differs: [SAME_AS_214] },
  { name: "2.2", differs: [SAME_AS_214] },
  { name: "2.3", differs: [SAME_AS_214] },
  { name: "2.4", differs: [SAME_AS_214] },
  { name: "2.5", differs: [SAME_AS_214] },
  { name: "2.6", differs: [SAME_AS_214] },
  { name: "2.7", differs: [SAME_AS_214] },
  { name: "2.8", differs: [SAME_AS_214] },
  { name: "2.9", differs: [SAME_AS_214] },
  { name: "2.10", differs: [SAME_AS_214] },
  { name: "2.11", differs: [SAME_AS_214] },
  { name: "2.12", differs: [SAME_AS_214] },
  { name: "2.13", differs: [SAME_AS_214] },
  { name: "2.14", differs: ["The shapes Gatehouse serves (its OpenAPI description)."] },
  {
    name: "2.15",
    differs: [
      "Intercom: a `ticket.resolved` webhook topic, and `ticket.closed` only on closing (not implemented: " +
        "Gatehouse's ticket topics are those of 2.14).",
      "Intercom: AI Agent `resolution_state` values renamed (Gatehouse records no AI Agent data).",
      SAME_AS_214,
    ],
  },
  { name: "2.16", differs: ["No changelog found in the sources above.", SAME_AS_214] },
  { name: "Unstable", differs: ["Intercom's moving target, now called Preview.", SAME_AS_214] },
  {
    name: "Preview",
    differs: [
      "Intercom: early endpoints and fields (conversation `channel`, merges, office hours), none served.",
      SAME_AS_214,
    ],
  },
] as const satisfies readonly ApiVersion[];

export type IntercomVersion = (typeof API_VERSIONS)[number]["name"];

export const VERSION_NAMES: readonly IntercomVersion[] = API_VERSIONS.map((v) => v.name);

/** What a request without the header speaks when its app has set nothing else, and a new app's default. */
export const DEFAULT_VERSION: IntercomVersion = "2.14";

/** The 1.x versions, where the Users API still exists. */
export const LEGACY_VERSIONS: readonly IntercomVersion[] = ["1.0", "1.1", "1.2", "1.3", "1.4"];

const BY_LOWERCASE = new Map<string, IntercomVersion>(VERSION_NAMES.map((v) => [v.toLowerCase(), v]));

/** The version a name means, compared without case or surrounding space; undefined when none does. */
export function parseVersion(name: string): IntercomVersion | undefined {
  return BY_LOWERCASE.get(name.trim().toLowerCase());
}

/** `1.3` is at least `1.2`: for differences between versions of one major (1.x). */
export function atLeast(version: IntercomVersion, floor: IntercomVersion): boolean {
  return VERSION_NAMES.indexOf(version) >= VERSION_NAMES.indexOf(floor);
}
