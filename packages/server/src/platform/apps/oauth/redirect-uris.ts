import { errors } from "../../../core/errors.ts";
import { type Services, write } from "../../../core/services.ts";
import { type Actor, recordAppActivity } from "../../services/audit.ts";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const MAX_REDIRECT_URIS = 20;

/**
 * A redirect URL an app may register: absolute, HTTPS (seed 002), with plain HTTP allowed only for
 * loopback addresses as RFC 8252 §7.3 allows native apps; no fragment (RFC 6749 §3.1.2) and no user info.
 * Returns the URL exactly as given, since redirects match by exact string comparison (RFC 9700 §4.1.3).
 */
export function checkRedirectUri(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "")
    throw errors.parameterNotFound("A redirect URL is required", "redirect_uri");
  const uri = value.trim();
  if (uri.length > 2000)
    throw errors.parameterInvalid("Redirect URLs must be at most 2000 characters", "redirect_uri");
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw errors.parameterInvalid(
      "A redirect URL must be an absolute URL, like https://example.com/callback",
      "redirect_uri",
    );
  }
  if (url.hash || uri.includes("#"))
    throw errors.parameterInvalid("A redirect URL cannot have a fragment (#…)", "redirect_uri");
  if (url.username || url.password)
    throw errors.parameterInvalid("A redirect URL cannot carry a user name or password", "redirect_uri");
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw errors.parameterInvalid(
      "Redirect URLs must use HTTPS (plain http is allowed only for localhost, 127.0.0.1 and [::1])",
      "redirect_uri",
    );
  }
  return uri;
}

/**
 * Whether a redirect URL an authorization request names is one the app registered: the same string,
 * except that the port of a loopback IP address is the native app's to pick when it asks (RFC 8252
 * §7.3, RFC 9700 §2.1: it listens on whatever port the system gives it). Scheme, address, path and
 * query still match exactly; a host name (`localhost`) matches only exactly, as RFC 8252 §8.3 advises
 * against it (any process could answer for a name).
 */
export function redirectMatches(registered: string, asked: string): boolean {
  if (registered === asked) return true;
  const mine = LOOPBACK_IP_URL.exec(registered)?.groups;
  const theirs = LOOPBACK_IP_URL.exec(asked)?.groups;
  if (!mine || !theirs) return false;
  const port = theirs.port === undefined ? undefined : Number(theirs.port);
  return (
    mine.address === theirs.address &&
    (mine.rest ?? "") === (theirs.rest ?? "") &&
    (port === undefined || port <= 65_535)
  );
}

/** `http://127.0.0.1` or `http://[::1]`, an optional port without leading zeros, then the rest as written. */
const LOOPBACK_IP_URL =
  /^http:\/\/(?<address>127\.0\.0\.1|\[::1\])(?::(?<port>[1-9][0-9]{0,4}))?(?<rest>\/[^#]*)?$/;

export async function listRedirectUris(s: Services, appId: number): Promise<string[]> {
  const rows = await s.db
    .selectFrom("redirect_uris")
    .select("uri")
    .where("app_id", "=", appId)
    .orderBy("position")
    .execute();
  return rows.map((r) => r.uri);
}

/** Replaces the app's redirect URLs with `uris`, in order (the first is the default). */
export async function setRedirectUris(
  s: Services,
  appId: number,
  uris: readonly string[],
  actor?: Actor,
): Promise<string[]> {
  return changeRedirectUris(s, appId, () => uris, actor);
}

/**
 * Reads the app's redirect URLs, lets `change` make the new list from them, checks it and writes it, all
 * in one transaction queued on the app's row: two changes at once then each start from what the other
 * wrote, so neither is lost (and neither writes a position the other has just taken).
 */
async function changeRedirectUris(
  s: Services,
  appId: number,
  change: (current: string[]) => readonly string[],
  actor?: Actor,
): Promise<string[]> {
  return write(s, async (trx, touched) => {
    let lock = trx.selectFrom("apps").select("id").where("id", "=", appId);
    if (s.dialect === "postgres") lock = lock.forUpdate();
    if (!(await lock.executeTakeFirst())) throw errors.notFound("App not found");
    const current = await trx
      .selectFrom("redirect_uris")
      .select("uri")
      .where("app_id", "=", appId)
      .orderBy("position")
      .execute();
    const before = current.map((r) => r.uri);
    const after = change(before);
    if (after === before) return before; // nothing to change: nothing written, nothing logged
    const checked = after.map(checkRedirectUri);
    if (new Set(checked).size !== checked.length)
      throw errors.parameterInvalid("That redirect URL is already registered", "redirect_uri");
    if (checked.length > MAX_REDIRECT_URIS) {
      throw errors.parameterInvalid(
        `An app can have at most ${MAX_REDIRECT_URIS} redirect URLs`,
        "redirect_uri",
      );
    }
    await trx.deleteFrom("redirect_uris").where("app_id", "=", appId).execute();
    if (checked.length > 0) {
      await trx
        .insertInto("redirect_uris")
        .values(checked.map((uri, position) => ({ app_id: appId, position, uri })))
        .execute();
    }
    await trx.updateTable("apps").set({ updated_at: s.now() }).where("id", "=", appId).execute();
    touched.add(`app:${appId}`);
    await recordAppActivity(s, trx, actor, appId, "app.redirect_urls_changed", { redirect_urls: checked });
    return checked;
  });
}

export async function addRedirectUri(
  s: Services,
  appId: number,
  uri: string,
  actor?: Actor,
): Promise<string[]> {
  return changeRedirectUris(s, appId, (current) => [...current, uri], actor);
}

export async function removeRedirectUri(
  s: Services,
  appId: number,
  uri: string,
  actor?: Actor,
): Promise<string[]> {
  return changeRedirectUris(
    s,
    appId,
    (current) => {
      if (!current.includes(uri)) throw errors.notFound("That redirect URL is not registered");
      return current.filter((u) => u !== uri);
    },
    actor,
  );
}

/** Moves a redirect URL one place up or down; moving one to the top makes it the default. */
export async function moveRedirectUri(
  s: Services,
  appId: number,
  uri: string,
  direction: "up" | "down",
  actor?: Actor,
): Promise<string[]> {
  return changeRedirectUris(
    s,
    appId,
    (current) => {
      const from = current.indexOf(uri);
      if (from < 0) throw errors.notFound("That redirect URL is not registered");
      const to = direction === "up" ? from - 1 : from + 1;
      if (to < 0 || to >= current.length) return current;
      const moved = [...current];
      [moved[from], moved[to]] = [moved[to] as string, moved[from] as string];
      return moved;
    },
    actor,
  );
}
