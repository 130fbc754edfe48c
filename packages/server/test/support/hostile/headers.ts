import fc from "fast-check";
import { intercomErrorShape, validRequest } from "./fields.ts";
import { FRAMING_TRICKS, type FramingTrick, frame } from "./framing.ts";
import type { Section, Sent } from "./run.ts";
import { PIECE_KINDS, PIECES, wtf8 } from "./strings.ts";
import type { Target } from "./targets.ts";
import type { Wire, WireRequest, WireResponse } from "./wire.ts";
import type { HostileWorld } from "./world.ts";

/**
 * Requests that succeed, sent with hostile headers: Host in every spelling, X-Forwarded-* and Forwarded
 * spoofing (to a server that trusts a proxy and to one that does not), headers sent twice, headers too
 * big, odd content types and charsets, and the request-line and framing tricks of request smuggling.
 */
const bytes = (text: string) => wtf8(text).toString("latin1");

const HOSTS = [
  "evil.example",
  "evil.example:443",
  "evil.example:99999",
  "evil.example:-1",
  "evil.example:abc",
  "evil.example:80:80",
  "",
  " ",
  "[::1]",
  "[::1]:8080",
  "[fe80::1%25eth0]",
  "[::ffff:127.0.0.1]:80",
  "::1",
  "[::1",
  "[",
  ":80",
  "@",
  "127.0.0.1:0",
  "localhost.",
  "EVIL.EXAMPLE",
  "xn--80ak6aa92e.com",
  "evil.example/path",
  "evil.example?x=1",
  "evil.example#fragment",
  "user:pass@evil.example",
  "evil.example\\@good.example",
  "evil example",
  "%65vil.example",
  "\xe9.example",
  bytes("é.example"),
  bytes("ｅｖｉｌ。example"),
  "evil.example\t",
  "a".repeat(255),
  "a.".repeat(3000),
  "h".repeat(15_000),
  "h".repeat(70_000),
];

const FORWARDED_VALUES = {
  "X-Forwarded-For": [
    "1.2.3.4",
    "1.2.3.4, 10.0.0.1",
    "::1",
    "[::1]:80",
    "unknown",
    "",
    "not an address",
    "999.999.999.999",
    "1.2.3.4,".repeat(2000),
    "\xff\xfe",
  ],
  "X-Forwarded-Proto": [
    "https",
    "http",
    "HTTPS",
    "javascript",
    "https, http",
    "",
    "ftp",
    "https:\\\\",
    "h".repeat(5000),
  ],
  "X-Forwarded-Host": HOSTS.slice(0, 34),
  "X-Forwarded-Port": ["443", "99999", "abc", "-1", ""],
  Forwarded: [
    "for=1.2.3.4;proto=https;host=evil.example",
    'for="[::1]:80"',
    "for=;;;",
    "garbage",
    "for=unknown, for=1.2.3.4",
  ],
  "X-Real-IP": ["1.2.3.4", "garbage"],
  "X-Original-URL": ["/hub", "/admins", "//evil.example"],
  "X-HTTP-Method-Override": ["DELETE", "PUT", "TRACE"],
} as const;

const CONTENT_TYPES = [
  "application/json; charset=utf-16le",
  "application/json; charset=utf-16be",
  "application/json; charset=iso-8859-1",
  "application/json; charset=utf-7",
  "application/json; charset=bogus",
  "application/json;charset=UTF-8",
  'application/json; charset="utf-8"',
  "Application/JSON",
  "application/json;;",
  "application/json, text/plain",
  "application/json\t",
  "application/json; boundary=x",
  "application/jsonp",
  "application/vnd.api+json",
  "application/merge-patch+json",
  "application/x-www-form-urlencoded; charset=iso-8859-1",
  "application/x-www-form-urlencoded; charset=utf-16",
  "application/x-www-form-urlencoded;;charset=utf-8",
  "text/plain",
  "text/html",
  "application/xml",
  "application/octet-stream",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "multipart/form-data; boundary=x",
  "application/*",
  "*/*",
  "",
  ";",
  "\xff\xfe",
  "x".repeat(9000),
];

const CHARSETS = ["as is", "utf-16le", "utf-16be", "latin1", "utf-8 BOM"] as const;

type HeaderAttack =
  | { kind: "host"; host: string | null; absolute: boolean }
  | { kind: "forwarded"; headers: Array<[string, string]>; trusted: boolean }
  | { kind: "duplicated"; name: string; values: [string, string] }
  | { kind: "oversized"; name: string; size: number; count: number }
  | { kind: "content-type"; type: string; charset: (typeof CHARSETS)[number] }
  | { kind: "framing"; trick: FramingTrick };

export function headerSection(
  world: HostileWorld,
  targets: Target[],
  wires: { direct: Wire; proxied: Wire },
  runs: number,
): Section<{ target: Target; attack: HeaderAttack; json: boolean }> {
  const piece = fc
    .constantFrom(...PIECE_KINDS)
    .chain((kind) => fc.constantFrom(...PIECES[kind]))
    .map(bytes);
  const host = fc.record({
    kind: fc.constant("host" as const),
    host: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...HOSTS) },
      { weight: 1, arbitrary: piece.map((p) => `evil${p}.example`) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    absolute: fc.boolean(),
  });
  const forwardedName = fc.constantFrom(
    ...(Object.keys(FORWARDED_VALUES) as Array<keyof typeof FORWARDED_VALUES>),
  );
  const forwarded = fc.record({
    kind: fc.constant("forwarded" as const),
    headers: fc.array(
      forwardedName.chain((name) =>
        fc.tuple(
          fc.constant(name as string),
          fc.oneof(fc.constantFrom(...(FORWARDED_VALUES[name] as readonly string[])), piece),
        ),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    trusted: fc.nat(3).map((n) => n > 0),
  });
  const duplicated = fc
    .oneof(
      fc.constantFrom(
        ["Authorization", `Bearer ${world.api.token}`, "Bearer gat_forged"],
        ["Authorization", "Bearer gat_forged", `Bearer ${world.api.token}`],
        ["Authorization", `Bearer ${world.api.token}`, `Bearer ${world.api.token}`],
        ["Authorization", `Bearer ${world.api.token}`, `Basic ${Buffer.from("a:b").toString("base64")}`],
        ["Host", "127.0.0.1", "evil.example"],
        ["Host", "evil.example", "127.0.0.1"],
        ["Content-Type", "application/json", "application/x-www-form-urlencoded"],
        ["Content-Type", "application/x-www-form-urlencoded", "application/json"],
        ["Intercom-Version", "2.14", "Unstable"],
        ["Intercom-Version", "2.14", "2.14"],
        ["Intercom-Version", "Unstable", "9.99"],
        ["Cookie", world.session.cookie, "gh_session=planted; gh_csrf=planted"],
        ["Cookie", "gh_session=planted", world.session.cookie],
        ["X-Forwarded-For", "1.2.3.4", "5.6.7.8"],
        ["Content-Length", "same", "same"],
        ["Content-Length", "same", "0"],
        ["Transfer-Encoding", "chunked", "identity"],
      ),
    )
    .map(([name, a, b]) => ({ kind: "duplicated" as const, name, values: [a, b] as [string, string] }));
  const oversized = fc.record({
    kind: fc.constant("oversized" as const),
    name: fc.constantFrom("Authorization", "Cookie", "User-Agent", "Intercom-Version", "X-Custom", "Accept"),
    size: fc.constantFrom(1_000, 8_000, 15_000, 17_000, 65_536),
    count: fc.constantFrom(1, 1, 1, 100, 500, 3_000),
  });
  const contentType = fc.record({
    kind: fc.constant("content-type" as const),
    type: fc.constantFrom(...CONTENT_TYPES),
    charset: fc.constantFrom(...CHARSETS),
  });
  const framing = fc.record({
    kind: fc.constant("framing" as const),
    trick: fc.constantFrom(...FRAMING_TRICKS),
  });
  const attack = fc.oneof(
    { weight: 3, arbitrary: host as fc.Arbitrary<HeaderAttack> },
    { weight: 3, arbitrary: forwarded },
    { weight: 3, arbitrary: duplicated },
    { weight: 2, arbitrary: oversized },
    { weight: 3, arbitrary: contentType },
    { weight: 2, arbitrary: framing },
  );
  return {
    name: "headers",
    arbitrary: fc.record({ target: fc.constantFrom(...targets), attack, json: fc.boolean() }),
    runs,
    async prepare({ target, attack, json }) {
      const request = await validRequest(world, target, json || target.area === "api");
      const sent = applyHeaderAttack(request, attack, wires);
      if (target.area !== "api") return sent;
      // Node's HTTP server itself refuses, with an empty body, a request without Host and an Expect
      // it cannot meet, before any of Gatehouse's code runs; every other API refusal is Intercom's.
      const check = (response: WireResponse) =>
        response.body === "" &&
        ((response.status === 400 && sent.request.omitHost) || response.status === 417)
          ? undefined
          : intercomErrorShape(response);
      return { ...sent, check };
    },
  };
}

function setHeader(request: WireRequest, name: string, value: string | null): void {
  request.headers = request.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
  if (value !== null) request.headers.push([name, value]);
}

function applyHeaderAttack(
  request: WireRequest,
  attack: HeaderAttack,
  wires: { direct: Wire; proxied: Wire },
): Sent {
  let wire = wires.direct;
  let klass: string;
  switch (attack.kind) {
    case "host":
      klass = "headers: Host";
      if (attack.host === null) request.omitHost = true;
      else request.headers.unshift(["Host", attack.host]);
      if (attack.absolute) request.target = `http://evil.example${request.target}`;
      break;
    case "forwarded":
      klass = `headers: X-Forwarded-* (${attack.trusted ? "behind a trusted proxy" : "no proxy trusted"})`;
      if (attack.trusted) wire = wires.proxied;
      request.headers.push(...attack.headers);
      break;
    case "duplicated": {
      klass = `headers: duplicated ${attack.name}`;
      const length = String(request.body?.length ?? 0);
      const values = attack.values.map((v) => (v === "same" ? length : v));
      setHeader(request, attack.name, null);
      for (const value of values) request.headers.push([attack.name, value]);
      if (attack.name === "Host") request.headers.unshift(...request.headers.splice(-2));
      if (attack.name === "Content-Length" || attack.name === "Transfer-Encoding") request.fresh = true;
      break;
    }
    case "oversized": {
      klass = "headers: oversized";
      const value = "v".repeat(attack.size);
      for (let i = 0; i < attack.count; i++) {
        request.headers.push([
          attack.count > 1 ? `${attack.name}-${i}` : attack.name,
          attack.count > 1 ? "v".repeat(100) : value,
        ]);
      }
      break;
    }
    case "content-type": {
      klass = "headers: content type and charset";
      setHeader(request, "Content-Type", attack.type);
      request.body = transcode(request.body ?? Buffer.from("{}"), attack.charset);
      break;
    }
    case "framing":
      klass = "headers: framing and request line";
      request.fresh = true;
      frame(request, attack.trick);
      break;
  }
  return { klass, request, wire };
}

function transcode(body: Buffer, charset: (typeof CHARSETS)[number]): Buffer {
  const text = body.toString("utf8");
  switch (charset) {
    case "as is":
      return body;
    case "utf-16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf-16be": {
      const le = Buffer.from(text, "utf16le");
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
    case "latin1":
      return Buffer.from(text, "latin1");
    case "utf-8 BOM":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
  }
}
