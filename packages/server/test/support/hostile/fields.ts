import fc from "fast-check";
import type { Section, Sent, Tally } from "./run.ts";
import {
  encodeForJson,
  encodeForUrl,
  type HostileValue,
  hostileValue,
  JSON_ENCODINGS,
  type JsonEncoding,
  percent,
  URL_ENCODINGS,
  type UrlEncoding,
} from "./strings.ts";
import type { Field, Target } from "./targets.ts";
import type { Wire, WireRequest, WireResponse } from "./wire.ts";
import type { HostileWorld } from "./world.ts";

/**
 * Every string field and query parameter of every route and form, one at a time, given a hostile
 * value in each of the ways it can travel, while the rest of the request stays one that succeeds.
 */
export interface FieldAttack {
  target: Target;
  field: Field | { in: "none" };
  value: HostileValue;
  /** JSON for the API; for pages and OAuth endpoints, a form body, sometimes JSON. */
  json: boolean;
  urlEncoding: UrlEncoding;
  jsonEncoding: JsonEncoding;
}

const MARK = "\u0000hostile\u0000";

export function fieldSection(
  world: HostileWorld,
  targets: Target[],
  wire: Wire,
  tally: Tally,
  runs: number,
): Section<FieldAttack> {
  const api = targets.filter((t) => t.area === "api");
  const others = targets.filter((t) => t.area !== "api");
  const target = fc.oneof(fc.constantFrom(...api), fc.constantFrom(...others));
  const arbitrary = target.chain((t) =>
    fc.constantFrom(...t.fields).chain((field) =>
      fc.record({
        target: fc.constant(t),
        field: fc.constant(field),
        value: hostileValue(baseValue(t, field)),
        json: t.area === "api" ? fc.constant(true) : fc.nat(3).map((n) => n === 0),
        urlEncoding: fc.constantFrom(...URL_ENCODINGS),
        jsonEncoding: fc.constantFrom(...JSON_ENCODINGS),
      }),
    ),
  );
  return {
    name: "fields",
    arbitrary,
    runs,
    async prepare(attack) {
      const fresh = attack.target.refresh ? await attack.target.refresh() : {};
      tally.note(attack.value.kind);
      return buildFieldRequest(world, attack, fresh, wire);
    },
  };
}

/** The field's own value in the sample, so a hostile piece can be grafted onto it. */
export function baseValue(target: Target, field: Field): string {
  switch (field.in) {
    case "path":
      return decodeURIComponent(target.segments[target.params[field.name] as number] ?? "");
    case "query":
      return target.query.find(([name]) => name === field.name)?.[1] ?? "";
    case "body": {
      const value = field.path.reduce<unknown>(
        (at, key) => (at as Record<string | number, unknown> | undefined)?.[key],
        target.body,
      );
      return typeof value === "string" ? value : "";
    }
    default:
      return "";
  }
}

/** The target's request as it succeeds, untouched: what the header attacks start from. */
export async function validRequest(world: HostileWorld, target: Target, json: boolean): Promise<WireRequest> {
  const fresh = target.refresh ? await target.refresh() : {};
  const attack: FieldAttack = {
    target,
    field: { in: "none" },
    value: { kind: "syntax", value: "" },
    json,
    urlEncoding: "utf-8",
    jsonEncoding: "json",
  };
  return buildFieldRequest(world, attack, fresh, undefined as unknown as Wire).request;
}

export function buildFieldRequest(
  world: HostileWorld,
  attack: FieldAttack,
  fresh: Record<string, string | undefined>,
  wire: Wire,
): Sent {
  const { target, field, value, urlEncoding, jsonEncoding } = attack;
  const json = attack.json || target.area === "api";
  const url = (v: string) => encodeForUrl(v, urlEncoding);
  const segments = [...target.segments];
  if (field.in === "path") segments[target.params[field.name] as number] = url(value.value);
  const query = target.query.map(([k, v]) => `${percent(k)}=${percent(v)}`);
  if (field.in === "query") {
    const at = target.query.findIndex(([k]) => k === field.name);
    const pair = `${percent(field.name)}=${url(value.value)}`;
    if (at >= 0) query[at] = pair;
    else query.push(pair);
  }
  if (field.in === "query-name") query.push(`${url(value.value)}=1`);

  const headers: Array<[string, string]> = [];
  let cookie: string | undefined;
  let body: Record<string, unknown> | undefined = target.body
    ? { ...structuredClone(target.body), ...fresh }
    : undefined;
  for (const [name, value] of Object.entries(fresh)) if (value === undefined) delete body?.[name];
  switch (target.credentials) {
    case "token":
      headers.push(
        ["Authorization", `Bearer ${world.api.token}`],
        ["Intercom-Version", target.version ?? "2.14"],
        ["Accept", "application/json"],
      );
      break;
    case "session":
      cookie = world.session.cookie;
      if (body && "_csrf" in body) body._csrf = world.session.csrf;
      break;
    case "signed-out":
      cookie = world.signedOut.cookie;
      break;
  }
  if (field.in === "cookie" && cookie !== undefined) {
    const pattern = new RegExp(`(^|; )${field.name}=[^;]*`);
    const pair = `${field.name}=${url(value.value)}`;
    cookie = pattern.test(cookie) ? cookie.replace(pattern, `$1${pair}`) : `${cookie}; ${pair}`;
  }
  if (cookie !== undefined) headers.push(["Cookie", cookie]);

  let bytes: Buffer | undefined;
  let location: string;
  if (field.in === "body" || field.in === "body-name") {
    body ??= {};
    if (field.in === "body") setAt(body, field.path, MARK);
    else setAt(body, [...field.path, MARK], "hostile");
  }
  if (body !== undefined) {
    if (json) {
      const text = JSON.stringify(body);
      const literal = encodeForJson(value.value, jsonEncoding);
      const [before, after = ""] = text.split(JSON.stringify(MARK));
      bytes =
        before === text
          ? Buffer.from(text)
          : Buffer.concat([Buffer.from(before as string), literal, Buffer.from(after)]);
      headers.push(["Content-Type", "application/json"]);
    } else {
      bytes = Buffer.from(formEncode(body, value.value, url), "latin1");
      headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
    }
  }
  if (field.in === "body" || field.in === "body-name") {
    location = json ? `json body (${jsonEncoding})` : `form body (${urlEncoding})`;
  } else location = `${field.in === "query-name" ? "query" : field.in} (${urlEncoding})`;

  const request: WireRequest = {
    method: target.method,
    target: segments.join("/") + (query.length > 0 ? `?${query.join("&")}` : ""),
    headers,
    ...(bytes && { body: bytes }),
  };
  return {
    klass: `fields: ${location}`,
    request,
    wire,
    ...(target.area === "api" && { check: intercomErrorShape }),
  };
}

/**
 * An API refusal is Intercom's `error.list` whatever was wrong with the request (or the body Intercom
 * documents for an unusable phone number). A 431 whose body the server dropped with the connection is
 * the client's loss, not a wrong answer.
 */
export function intercomErrorShape(response: WireResponse): string | undefined {
  if (response.status < 400 || (response.status === 431 && response.body === "")) return undefined;
  try {
    const body = JSON.parse(response.body);
    if (body.type === "error.list" && typeof body.errors?.[0]?.code === "string") return undefined;
    if (typeof body.error_key === "string" && typeof body.message === "string") return undefined;
  } catch {
    // not JSON: wrong below
  }
  return `a ${response.status} not in Intercom's error shape: ${response.body.slice(0, 120)}`;
}

/** Sets `path` inside `body`, making the objects and arrays on the way. */
function setAt(body: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
  let at: Record<string | number, unknown> = body;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      at[key] = value;
      return;
    }
    const next = at[key];
    if (typeof next !== "object" || next === null) at[key] = typeof path[i + 1] === "number" ? [] : {};
    at = at[key] as Record<string | number, unknown>;
  });
}

/** A form body: every field percent-encoded, the hostile one (marked) in the attack's encoding. */
function formEncode(body: Record<string, unknown>, hostile: string, url: (v: string) => string): string {
  const pairs: string[] = [];
  const encode = (v: string) => (v === MARK ? url(hostile) : percent(v));
  for (const [key, value] of Object.entries(body)) {
    const name = key === MARK ? url(hostile) : percent(key);
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = typeof item === "string" ? item : JSON.stringify(item);
      pairs.push(`${name}=${typeof item === "string" ? encode(text) : percent(text)}`);
    }
  }
  return pairs.join("&");
}
