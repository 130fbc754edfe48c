import fc from "fast-check";
import type { Section, Tally } from "./run.ts";
import type { Target } from "./targets.ts";
import type { Wire } from "./wire.ts";
import type { HostileWorld } from "./world.ts";

/**
 * Malformed, oversized, wrongly-encoded and out-of-order requests across every route: random field
 * names and values, broken JSON, bodies of the wrong type, any method on any path, credentials of
 * every shape. (The oldest part of the suite; `fields.ts` attacks each field of a working request.)
 */
export function malformedSection(
  world: HostileWorld,
  targets: Target[],
  wire: Wire,
  _tally: Tally,
  runs: number,
): Section<Malformed> {
  const token = world.api.token;
  const clientId = world.client.app.app.client_id;
  const secret = world.client.app.clientSecret;
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.constantFrom(
      "",
      " ",
      "null",
      "undefined",
      "[]",
      "{}",
      "0",
      "-1",
      "1e309",
      "%00",
      "%ZZ",
      "\u0000",
      "../../etc/passwd",
      "<script>alert(1)</script>",
      "' OR 1=1 --",
      "A".repeat(5000),
    ),
    fc.constantFrom(
      token,
      clientId,
      secret,
      world.session.csrf,
      `${token.slice(0, -1)}A`,
      "gac_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ),
  );
  const fields = fc.dictionary(
    fc.constantFrom(
      "code",
      "client_id",
      "client_secret",
      "grant_type",
      "redirect_uri",
      "state",
      "token",
      "email",
      "password",
      "decision",
      "workspace",
      "_csrf",
      "code_verifier",
      "code_challenge",
      "code_challenge_method",
      "response_type",
      "name",
      "return_to",
      "token_type_hint",
      "__proto__",
      "constructor",
      "external_id",
      "custom_attributes",
      "owner_id",
      "role",
      "per_page",
      "starting_after",
      "id",
    ),
    fc.oneof(text, fc.array(text, { maxLength: 3 })),
    { maxKeys: 8 },
  );
  const body = fc.oneof(
    fields.map((f) => ({ type: "application/x-www-form-urlencoded", data: Buffer.from(formEncode(f)) })),
    fields.map((f) => ({ type: "application/json", data: Buffer.from(JSON.stringify(f)) })),
    fc.constantFrom(
      { type: "application/json", data: Buffer.from('{"code": ') },
      { type: "application/json", data: Buffer.from('{"__proto__": {"admin": true}}') },
      { type: "application/json", data: Buffer.from("[1,2,3]") },
      { type: "application/json", data: Buffer.from('"just a string"') },
      { type: "application/x-www-form-urlencoded", data: Buffer.from([0xff, 0xfe, 0x3d, 0xc3, 0x28]) },
      { type: "text/plain", data: Buffer.from("code=abc") },
      { type: "multipart/form-data; boundary=x", data: Buffer.from("--x\r\n\r\n--x--") },
      { type: "application/x-www-form-urlencoded", data: Buffer.alloc(2 * 1024 * 1024, 0x61) },
      { type: "application/json", data: Buffer.from(`{"a":${"[".repeat(5000)}${"]".repeat(5000)}}`) },
    ),
    fc
      .uint8Array({ maxLength: 300 })
      .map((bytes) => ({ type: "application/octet-stream", data: Buffer.from(bytes) })),
  );
  const authorization = fc.option(
    fc.oneof(
      fc.constant(`Bearer ${token}`),
      text.map((t) => `Bearer ${t}`),
      text.map((t) => `Basic ${Buffer.from(t).toString("base64")}`),
      fc.constant(`Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`),
      text,
    ),
    { nil: undefined },
  );
  const arbitrary = fc.record({
    target: fc.constantFrom(...targets),
    method: fc.option(fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"), {
      nil: undefined,
    }),
    suffix: fc.oneof(
      fc.constant(""),
      fc.constantFrom("/", "/..", "/%2e%2e", "/x/../../", "%00", ";a=b", "//"),
    ),
    query: fields.map((f) => formEncode(f)),
    body: fc.option(body, { nil: undefined }),
    authorization,
    withSession: fc.boolean(),
    version: fc.option(fc.oneof(text, fc.constantFrom("2.14", "Unstable")), { nil: undefined }),
    cookie: fc.option(
      text.map((t) => `gh_session=${encodeURIComponent(t)}; gh_csrf=${encodeURIComponent(t)}`),
      { nil: undefined },
    ),
  });
  return {
    name: "malformed",
    arbitrary,
    runs,
    async prepare(r) {
      const headers: Array<[string, string]> = [];
      if (r.authorization !== undefined) headers.push(["Authorization", headerSafe(r.authorization)]);
      if (r.version !== undefined) headers.push(["Intercom-Version", headerSafe(r.version)]);
      if (r.withSession) headers.push(["Cookie", world.session.cookie]);
      else if (r.cookie !== undefined) headers.push(["Cookie", headerSafe(r.cookie)]);
      if (r.body) headers.push(["Content-Type", r.body.type]);
      const method = r.method ?? r.target.method;
      const path = r.target.segments.join("/");
      const body = r.body && method !== "GET" && method !== "HEAD" ? r.body.data : undefined;
      return {
        klass: "malformed: random requests",
        wire,
        request: {
          method,
          target: `${path}${r.suffix}${r.query ? `?${r.query}` : ""}`,
          headers,
          ...(body && { body }),
        },
      };
    },
  };
}

type Malformed = {
  target: Target;
  method: string | undefined;
  suffix: string;
  query: string;
  body: { type: string; data: Buffer } | undefined;
  authorization: string | undefined;
  withSession: boolean;
  version: string | undefined;
  cookie: string | undefined;
};

function formEncode(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params.toString();
}

/** Header values as a well-behaved client would send them (the headers section sends the rest). */
function headerSafe(value: string): string {
  return Buffer.from(value.replace(/[^\t\x20-\x7e\x80-\u{10ffff}]/gu, "?").slice(0, 8000), "utf8").toString(
    "latin1",
  );
}
