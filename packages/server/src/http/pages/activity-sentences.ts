/**
 * The activity log in words: one describer per action the code records (`recordActivity`,
 * `recordAppActivity`), each turning a row into a sentence ("Ada Lovelace regenerated the access token
 * of Sync") and, where it helps, a short detail line. An action without a describer (one added later, or
 * an old row) still reads as a sentence, never as JSON. activity-log.test.ts checks that every action
 * string in the source has a describer here.
 */

/** One row of the log, with what the page knows about who did it and to which app. */
export interface LoggedEntry {
  action: string;
  details: Record<string, unknown>;
  /** The admin who acted, when one did. */
  adminName: string | null;
  /** The app the entry is about, by its name in the details or looked up by its id. */
  appName: string | undefined;
}

/** A scope's name in the catalog's words ("Read admins"), or its id when the catalog has no such scope. */
export type ScopeLabel = (id: string) => string;

export interface Sentence {
  text: string;
  detail?: string | undefined;
}

/** The log's filter: groups of actions an admin looks for together. */
export const ACTIVITY_GROUPS = {
  signins: "Sign-ins",
  members: "Members and passwords",
  installs: "Installs and authorizations",
  apps: "App settings",
  tokens: "Tokens",
  scopes: "Scopes and reviews",
  webhooks: "Webhooks",
  security: "Security settings",
} as const;
export type ActivityGroup = keyof typeof ACTIVITY_GROUPS;

interface Words {
  who: string;
  app: string;
  d: Record<string, unknown>;
  scope: ScopeLabel;
}
interface Kind {
  group: ActivityGroup;
  /** Done by an app or by Gatehouse itself: the sentence names no admin. */
  byApp?: boolean;
  say: (w: Words) => string;
  detail?: (d: Record<string, unknown>, scope: ScopeLabel) => string | undefined;
}

const scopes = (d: Record<string, unknown>, scope: ScopeLabel) => {
  if (!Array.isArray(d.scopes)) return undefined;
  const list = listOf(d.scopes.map((id) => (typeof id === "string" ? scope(id) : id)));
  return list === "" ? "No permissions." : `Permissions: ${list}.`;
};
const scopeOf = (w: Words) => {
  const id = text(w.d.scope);
  return id === undefined ? "a scope" : `the scope ${w.scope(id)}`;
};
/** What a profile change set, in the order the hub shows them; both for an entry that names neither. */
function profileFields(d: Record<string, unknown>) {
  const both = !("description" in d) && !("icon_url" in d);
  const description = text(d.description);
  const icon = text(d.icon_url);
  return [
    ...(both || "description" in d
      ? [{ name: "description", said: description ? `Description: ${description}` : "No description." }]
      : []),
    ...(both || "icon_url" in d ? [{ name: "icon", said: icon ? `Icon: ${icon}` : "No icon." }] : []),
  ];
}
const onOff = (on: boolean) => (on ? "on" : "off");

const KINDS: Record<string, Kind> = {
  "admin.login_succeeded": { group: "signins", say: (w) => `${w.who} signed in` },
  "admin.login_failed": {
    group: "signins",
    say: (w) => `Someone failed to sign in as ${w.who} (wrong password)`,
  },
  "admin.password_changed": {
    group: "members",
    say: (w) => `${w.who} changed their password`,
    detail: (d) => count(d.sessions_ended, "other session signed out", "other sessions signed out"),
  },
  "admin.away_mode_changed": {
    group: "members",
    say: (w) => `${w.who} turned away mode ${onOff(w.d.away_mode_enabled === true)}`,
    detail: (d) => (d.away_mode_reassign === true ? "New conversations are reassigned." : undefined),
  },
  "oauth.authorized": { group: "installs", say: (w) => `${w.who} authorized ${w.app} on this workspace` },
  "oauth.denied": { group: "installs", say: (w) => `${w.who} declined to authorize ${w.app}` },
  "app.installed": { group: "installs", say: (w) => `${w.who} installed ${w.app}`, detail: scopes },
  "app.uninstalled": { group: "installs", say: (w) => `${w.who} uninstalled ${w.app}` },
  "app.uninstalled_by_app": {
    group: "installs",
    byApp: true,
    say: (w) => `${w.app} uninstalled itself from this workspace`,
  },
  "app.created": { group: "apps", say: (w) => `${w.who} created the app ${w.app}`, detail: scopes },
  "app.deleted": { group: "apps", say: (w) => `${w.who} deleted the app ${w.app}` },
  "app.renamed": { group: "apps", say: (w) => `${w.who} renamed an app to ${text(w.d.name) ?? w.app}` },
  "app.api_version_changed": {
    group: "apps",
    say: (w) => `${w.who} set the API version of ${w.app} to ${text(w.d.api_version) ?? "the default"}`,
  },
  // An entry holds the fields the change set (entries before that always held both).
  "app.profile_changed": {
    group: "apps",
    say: (w) =>
      `${w.who} changed the ${profileFields(w.d)
        .map((f) => f.name)
        .join(" and ")} of ${w.app}`,
    detail: (d) =>
      profileFields(d)
        .map((f) => f.said)
        .join(" "),
  },
  "app.oauth_enabled": { group: "apps", say: (w) => `${w.who} turned on OAuth for ${w.app}` },
  "app.oauth_disabled": { group: "apps", say: (w) => `${w.who} turned off OAuth for ${w.app}` },
  "app.canvas_kit_on": { group: "apps", say: (w) => `${w.who} turned on Canvas Kit for ${w.app}` },
  "app.canvas_kit_off": { group: "apps", say: (w) => `${w.who} turned off Canvas Kit for ${w.app}` },
  "app.client_secret_rotated": {
    group: "apps",
    say: (w) => `${w.who} rotated the client secret of ${w.app}`,
  },
  "app.redirect_urls_changed": {
    group: "apps",
    say: (w) => `${w.who} changed the redirect URLs of ${w.app}`,
    detail: (d) => (listOf(d.redirect_urls) ? `Now: ${listOf(d.redirect_urls)}` : "Now none."),
  },
  "app.uninstall_url_changed": {
    group: "webhooks",
    say: (w) =>
      text(w.d.url)
        ? `${w.who} set the uninstall URL of ${w.app} to ${text(w.d.url)}`
        : `${w.who} removed the uninstall URL of ${w.app}`,
  },
  "app.webhooks_changed": {
    group: "webhooks",
    say: (w) => `${w.who} set the webhook URL of ${w.app} to ${text(w.d.url) ?? "(none)"}`,
    detail: (d) => (listOf(d.topics) ? `Topics: ${listOf(d.topics)}.` : "No topics."),
  },
  "app.webhooks_removed": { group: "webhooks", say: (w) => `${w.who} removed the webhooks of ${w.app}` },
  "app.webhook_secret_rotated": {
    group: "webhooks",
    say: (w) => `${w.who} rotated the webhook signing secret of ${w.app}`,
    detail: (d) =>
      text(d.previous_signs_until)
        ? `The old secret also signs until ${day(d.previous_signs_until)}.`
        : undefined,
  },
  "workspace.ip_allowlist_changed": {
    group: "security",
    say: (w) => `${w.who} turned ${onOff(w.d.enabled === true)} the REST API IP allowlist`,
    detail: (d) =>
      listOf(d.ip_allowlist)
        ? `Allowed: ${listOf(d.ip_allowlist)}.`
        : "Nothing listed: every address may call.",
  },
  "token.regenerated": { group: "tokens", say: (w) => `${w.who} regenerated the access token of ${w.app}` },
  "token.deleted": { group: "tokens", say: (w) => `${w.who} deleted the access token of ${w.app}` },
  "oauth.token_issued": {
    group: "tokens",
    say: (w) => `${w.app} received an access token authorized by ${w.who}`,
    detail: scopes,
  },
  "oauth.code_replayed": {
    group: "tokens",
    byApp: true,
    say: (w) => `${w.app} used an authorization code twice, so the token it had received was revoked`,
    detail: (d) => count(d.tokens_revoked, "token revoked", "tokens revoked"),
  },
  "token.revoked_by_app": {
    group: "tokens",
    byApp: true,
    say: (w) => `${w.app} revoked one of its access tokens`,
  },
  "token.reported_leaked": {
    group: "tokens",
    byApp: true,
    say: (w) => `${w.app} reported one of its access tokens as leaked, and it was revoked`,
    detail: (d) => (text(d.reason) ? `Reason given: ${text(d.reason)}` : undefined),
  },
  "scope.approved": {
    group: "scopes",
    say: (w) => `${w.who} approved ${w.app}'s request for ${scopeOf(w)}`,
    detail: (d) => (text(d.note) ? `Note: ${text(d.note)}` : undefined),
  },
  "scope.rejected": {
    group: "scopes",
    say: (w) => `${w.who} rejected ${w.app}'s request for ${scopeOf(w)}`,
    detail: (d) => (text(d.note) ? `Reason: ${text(d.note)}` : undefined),
  },
  "app.scopes_changed": {
    group: "scopes",
    say: (w) => `${w.who} changed the permissions ${w.app} asks for`,
    detail: scopes,
  },
};

/** Every action a describer knows, for tests and the filter. */
export const DESCRIBED_ACTIONS: readonly string[] = Object.keys(KINDS);

/** The actions of a filter group. */
export function actionsOf(group: ActivityGroup): string[] {
  return Object.entries(KINDS)
    .filter(([, kind]) => kind.group === group)
    .map(([action]) => action);
}

export function isActivityGroup(value: unknown): value is ActivityGroup {
  return typeof value === "string" && Object.hasOwn(ACTIVITY_GROUPS, value);
}

/** The entry as a sentence (ending in a full stop) and, where there is one, its detail line. */
export function describeActivity(entry: LoggedEntry, scope: ScopeLabel = (id) => id): Sentence {
  const kind = KINDS[entry.action];
  const d = entry.details;
  const who = actorOf(entry, kind?.byApp === true);
  const app = entry.appName ?? (typeof d.app_id === "number" ? "an app" : "the app");
  if (!kind) {
    return { text: `${who}: ${humanise(entry.action)}.`, detail: genericDetail(d) };
  }
  return { text: `${kind.say({ who, app, d, scope })}.`, detail: kind.detail?.(d, scope) };
}

function actorOf(entry: LoggedEntry, byApp: boolean): string {
  if (entry.adminName) return entry.adminName;
  if (entry.details.decided_by === "operator") return "The operator (command line)";
  return byApp && entry.appName ? entry.appName : "Gatehouse";
}

/** A detail's value as short text: strings and numbers only, capped so one entry cannot fill the page. */
function text(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string" || value.trim() === "") return undefined;
  return value.length > 500 ? `${value.slice(0, 500)}…` : value;
}

function listOf(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .map(text)
    .filter((v) => v !== undefined)
    .join(", ");
}

function count(value: unknown, one: string, many: string): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  return `${value} ${value === 1 ? one : many}.`;
}

function day(value: unknown): string {
  const when = typeof value === "string" ? new Date(value) : undefined;
  return when && !Number.isNaN(when.getTime()) ? formatWhen(when.getTime()) : String(value);
}

/** "app.webhooks_removed" → "app webhooks removed": an unknown action's own name, in words. */
function humanise(action: string): string {
  return action.replace(/[._-]+/g, " ").trim() || "an unnamed action";
}

/** An unknown action's details as "key: value" pairs, one level deep (never JSON). */
function genericDetail(details: Record<string, unknown>): string | undefined {
  const parts = Object.entries(details)
    .map(([key, value]) => {
      const shown =
        text(value) ?? listOf(value) ?? (typeof value === "boolean" ? (value ? "yes" : "no") : undefined);
      return shown === undefined ? undefined : `${key.replace(/_/g, " ")}: ${shown}`;
    })
    .filter((p) => p !== undefined);
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/** A log time as "2026-12-06 07:41 UTC": one line, sorted like it reads. */
export function formatWhen(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
