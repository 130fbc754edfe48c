import fc from "fast-check";

/**
 * The worst strings, by kind, and the ways each can be spelled on the wire. A value is a JavaScript
 * string, lone surrogates included; the encoders turn it into the bytes a query string, a form body, a
 * path segment or a JSON body carries, correctly and in the broken ways an attacker would try.
 */
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));

export const PIECES = {
  /** C0 controls (NUL included: it is refused at the door) and DEL. */
  c0: [...range(0x00, 0x1f), "\x7f"],
  crlf: [
    "\r",
    "\n",
    "\r\n",
    "\r\nSet-Cookie: gh_session=planted",
    "\r\n\r\n<html>",
    "\u0085",
    "\x0b",
    "\x0c",
  ],
  c1: range(0x80, 0x9f),
  latin1: ["é", "ÿ", "\xa0", "\xad", "ß", "Å"],
  /** Characters above U+00FF, chosen for what they do to case-folding, URLs, lengths and layout. */
  aboveFf: [
    "Ā",
    "\u0130", // İ: lower-cases to two code units
    "\u0131", // ı: upper-cases to ASCII I
    "\u212a", // Kelvin sign: lower-cases to ASCII k
    "\u017f", // long s: upper-cases to ASCII S
    "\u2028",
    "\u2029",
    "\u200b",
    "\ufeff",
    "\u3002", // ideographic full stop: a dot to IDNA
    "\uff0e",
    "\uff0f", // fullwidth solidus
    "\u2215",
    "\u2044",
    "\uff1a",
    "漢字",
    "Привет",
    "\ufdd0",
    "\ufffe",
    "\uffff",
  ],
  rtl: ["\u202e", "\u202d", "\u200f", "\u2066", "مرحبا", "שלום"],
  combining: ["e\u0301", "\u0301", "\u0336", "Z\u0351\u0316\u0334\u035f", "\u034f"],
  astral: [
    "😀",
    "🇬🇧",
    "👨\u200d👩\u200d👧",
    "𝒜",
    "\u{10ffff}",
    "\u{e0041}",
    "\u{1f3f4}\u{e0067}\u{e0062}\u{e007f}",
  ],
  /** Unpaired UTF-16 halves: JSON can carry them escaped; URLs only as the (invalid) bytes of WTF-8. */
  loneSurrogate: ["\ud800", "\udfff", "\ud83d", "\ude00\ud83d", "a\udc00b"],
  syntax: [
    "%",
    "%25",
    "%00",
    "%0d%0a",
    "%ZZ",
    "&",
    "=",
    "+",
    "#",
    "?",
    "/",
    "\\",
    "..",
    "../",
    "//",
    "'",
    '"',
    "<",
    ">",
    "`",
    "$",
    "*",
    "~",
    "^",
    "_",
    "[]",
    "{}",
    "__proto__",
    ";",
    ",",
    ":",
    "@",
    " ",
  ],
} as const;

export type PieceKind = keyof typeof PIECES;
export const PIECE_KINDS = Object.keys(PIECES) as PieceKind[];

/** Long values, smallest first so that shrinking finds the smallest that fails. Built once. */
const LONG = [
  "d".repeat(1_025),
  "c".repeat(4_097),
  "b".repeat(16_385),
  "a".repeat(50_000),
  "%_".repeat(25_000),
  "A".repeat(65_536),
  "é".repeat(32_768),
  "😀".repeat(16_384),
  "\x01\r\n\x7f".repeat(16_384),
] as const;

export type HostileKind = PieceKind | "long";

export interface HostileValue {
  kind: HostileKind;
  value: string;
}

/**
 * A hostile string, often grafted onto a field's legitimate value (`base`) so it gets past the first
 * checks: replacing it, before or after it, inside it, or as a long run.
 */
export function hostileValue(base: string): fc.Arbitrary<HostileValue> {
  const piece = fc
    .constantFrom(...PIECE_KINDS)
    .chain((kind) =>
      fc
        .array(fc.constantFrom(...PIECES[kind]), { minLength: 1, maxLength: 4 })
        .map((parts) => ({ kind: kind as HostileKind, value: parts.join("") })),
    );
  const mixed = fc
    .array(
      fc.constantFrom(...PIECE_KINDS).chain((kind) => fc.constantFrom(...PIECES[kind])),
      { minLength: 2, maxLength: 12 },
    )
    .map((parts) => ({ kind: kindOf(parts.join("")), value: parts.join("") }));
  const long = fc.constantFrom(...LONG).map((value) => ({ kind: "long" as const, value }));
  const grafted = fc
    .tuple(fc.oneof(piece, mixed), fc.constantFrom("replace", "prefix", "suffix", "inside"), fc.nat())
    .map(([{ kind, value }, where, at]) => ({ kind, value: graft(base, value, where, at) }));
  const longTail = long.map(({ value }) => ({ kind: "long" as const, value: base + value }));
  return fc.oneof(
    { weight: 5, arbitrary: grafted },
    { weight: 2, arbitrary: piece },
    { weight: 1, arbitrary: long },
    { weight: 1, arbitrary: longTail },
  );
}

function graft(base: string, piece: string, where: string, at: number): string {
  if (where === "replace" || base === "") return piece;
  if (where === "prefix") return piece + base;
  if (where === "suffix") return base + piece;
  const i = at % (base.length + 1);
  return base.slice(0, i) + piece + base.slice(i);
}

/** The most telling kind in a mixed string, for the tally. */
function kindOf(value: string): HostileKind {
  for (const kind of [
    "loneSurrogate",
    "crlf",
    "c0",
    "c1",
    "astral",
    "rtl",
    "combining",
    "aboveFf",
  ] as const) {
    if (PIECES[kind].some((p) => value.includes(p))) return kind;
  }
  return "syntax";
}

/** UTF-8 bytes of a string, lone surrogates as the three bytes WTF-8 gives them (UTF-8 would drop them). */
export function wtf8(value: string): Buffer {
  if (value.isWellFormed()) return Buffer.from(value, "utf8");
  return Buffer.concat(
    [...value].map((char) => {
      const code = char.codePointAt(0) as number;
      if (code < 0xd800 || code > 0xdfff) return Buffer.from(char, "utf8");
      return Buffer.from([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]);
    }),
  );
}

const hex = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;

/** Percent-encodes every byte that is not unreserved (RFC 3986), as a browser's form would. */
export function percent(value: string): string {
  if (value.isWellFormed()) {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => hex(c.charCodeAt(0)));
  }
  return value.replace(/[^A-Za-z0-9\-._~]/gu, (c) => [...wtf8(c)].map(hex).join(""));
}

/**
 * How a value travels in a URL or a form body:
 * - `utf-8`: correctly percent-encoded (lone surrogates as the invalid bytes of WTF-8);
 * - `double`: encoded twice, so the server sees the percent-encoded text itself;
 * - `raw`: the bytes unencoded, controls, spaces and delimiters included;
 * - `latin-1`: characters up to U+00FF as one byte each (invalid UTF-8), lower-case hex;
 * - `overlong`: ASCII as two-byte overlong UTF-8 sequences, the classic filter bypass.
 */
export const URL_ENCODINGS = ["utf-8", "double", "raw", "latin-1", "overlong"] as const;
export type UrlEncoding = (typeof URL_ENCODINGS)[number];

/** The encoded value as a byte string (one character per byte). */
export function encodeForUrl(value: string, encoding: UrlEncoding): string {
  // Long values come back again and again: their encodings are kept rather than rebuilt.
  if (value.length < 4096) return encodeUrlValue(value, encoding);
  const key = `${encoding}:${value}`;
  let encoded = LONG_ENCODED.get(key);
  if (encoded === undefined) {
    if (LONG_ENCODED.size >= 256) LONG_ENCODED.clear();
    encoded = encodeUrlValue(value, encoding);
    LONG_ENCODED.set(key, encoded);
  }
  return encoded;
}

const LONG_ENCODED = new Map<string, string>();

function encodeUrlValue(value: string, encoding: UrlEncoding): string {
  switch (encoding) {
    case "utf-8":
      return percent(value);
    case "double":
      return percent(percent(value));
    case "raw":
      return wtf8(value).toString("latin1");
    case "latin-1":
      return value.replace(/[^A-Za-z0-9\-._~]/gu, (c) => {
        const code = c.codePointAt(0) as number;
        return code <= 0xff ? hex(code).toLowerCase() : percent(c).toLowerCase();
      });
    case "overlong":
      return value.replace(/[\s\S]/gu, (c) => {
        const code = c.codePointAt(0) as number;
        return code >= 0x80 ? percent(c) : hex(0xc0 | (code >> 6)) + hex(0x80 | (code & 63));
      });
  }
}

/**
 * How a value travels in a JSON body:
 * - `json`: as JSON.stringify writes it (controls and lone surrogates escaped);
 * - `escaped`: every character outside printable ASCII as a \u escape;
 * - `raw`: the bytes unescaped inside the quotes (controls raw: not JSON; lone surrogates as WTF-8);
 * - `percent`: the value's percent-encoded text, as a JSON string.
 */
export const JSON_ENCODINGS = ["json", "escaped", "raw", "percent"] as const;
export type JsonEncoding = (typeof JSON_ENCODINGS)[number];

/** The JSON string literal (quotes included) for a value. */
export function encodeForJson(value: string, encoding: JsonEncoding): Buffer {
  switch (encoding) {
    case "json":
      return Buffer.from(JSON.stringify(value));
    case "escaped":
      // Without the u flag the pattern matches UTF-16 code units, so a pair becomes two escapes.
      return Buffer.from(
        `"${value.replace(/[^\x20-\x7e]|["\\]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`,
      );
    case "raw":
      return Buffer.concat([Buffer.from('"'), wtf8(value.replace(/["\\]/g, "\\$&")), Buffer.from('"')]);
    case "percent":
      return Buffer.from(JSON.stringify(percent(value)));
  }
}
