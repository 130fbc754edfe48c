import type { Conversation } from "./conversation.ts";

/**
 * HTML as plain text, for `display_as=plaintext`: paragraphs are separated by a blank line, blocks (list
 * items, divs, headings…) and breaks by a line break, links their text, images nothing, script and style nothing,
 * entities their characters, every other tag nothing.
 *
 * Written out rather than taken from html-to-text, which builds a tree and walks it recursively: a
 * message body is whatever a caller sent (up to 64 kB, up to 500 parts a conversation), and there
 * deep nesting overflowed its stack and ordinary markup cost about a microsecond a character. This
 * reads each body once, left to right, with no backtracking and no recursion; its answer is JSON text,
 * never HTML, so it needs to read tags, not to sanitise them. Every search starts where the last ended,
 * so a body of unclosed tags or stray "<" costs no more than any other of its length.
 */
export function plainText(html: string): string {
  const parts: string[] = [];
  // The line breaks owed before the next text: a block's edge owes one, a paragraph's two.
  let owed = 0;
  const write = (chunk: string) => {
    if (owed > 0) {
      // Space between blocks is layout, not text.
      if (chunk.trim() === "") return;
      if (parts.length > 0) {
        while (parts.length > 0 && (parts.at(-1) as string).trim() === "") parts.pop();
        if (parts.length > 0) parts.push(`${(parts.pop() as string).trimEnd()}${"\n".repeat(owed)}`);
      }
      chunk = chunk.trimStart();
      owed = 0;
    }
    parts.push(chunk);
  };
  let at = 0;
  // The next ">" at or after the tag being read, found again only once the reading has passed it.
  let gt = -1;
  while (at < html.length) {
    const open = html.indexOf("<", at);
    if (open >= 0 && gt < open) gt = html.indexOf(">", open);
    // No tag left (a "<" with no ">" after it is text, and so is all that follows).
    if (open < 0 || gt < 0) {
      write(html.slice(at));
      break;
    }
    // A "<" not followed by a letter, "/" or "!" opens no tag (HTML reads "1 < 2" as text).
    if (!/[a-z/!?]/i.test(html[open + 1] ?? "")) {
      write(html.slice(at, open + 1));
      at = open + 1;
      continue;
    }
    write(html.slice(at, open));
    // Only the tag is lower-cased: a copy of the whole body would not keep its positions (some
    // characters, "İ" say, grow when lower-cased), and every position here is the body's own.
    const tag = html.slice(open + 1, gt).toLowerCase();
    at = gt + 1;
    const name = /^\/?([a-z][a-z0-9]*)/.exec(tag)?.[1] ?? "";
    if ((name === "script" || name === "style") && tag[0] !== "/") {
      // What a browser never shows: to the element's end (or the body's, if it has none).
      const closing = name === "script" ? SCRIPT_END : STYLE_END;
      closing.lastIndex = at;
      const end = closing.exec(html)?.index ?? -1;
      const endClose = end < 0 ? -1 : html.indexOf(">", end);
      at = endClose < 0 ? html.length : endClose + 1;
    } else if (name === "br") parts.push("\n");
    else if (name === "p") owed = Math.max(owed, 2);
    else if (BLOCKS.has(name)) owed = Math.max(owed, 1);
  }
  return parts
    .join("")
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, decodeEntity)
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Where a script or style element ends, in any case; searched from where the reading is. */
const SCRIPT_END = /<\/script/gi;
const STYLE_END = /<\/style/gi;

/** Elements that stand on lines of their own. */
const BLOCKS = new Set(
  "div li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header footer".split(" "),
);

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntity(entity: string, body: string): string {
  if (body[0] !== "#") return NAMED[body.toLowerCase()] ?? entity;
  const code =
    body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
  // Not a character (beyond Unicode, a surrogate, NUL): left as written.
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    ? String.fromCodePoint(code)
    : entity;
}

/** A conversation whose message and parts show their bodies as plain text (Intercom's `display_as`). */
export function plainTextConversation(conversation: Conversation): Conversation {
  return {
    ...conversation,
    source: { ...conversation.source, body: plainText(conversation.source.body) },
    conversation_parts: {
      ...conversation.conversation_parts,
      conversation_parts: conversation.conversation_parts.conversation_parts.map((part) => ({
        ...part,
        body: part.body === null ? null : plainText(part.body),
      })),
    },
  };
}
