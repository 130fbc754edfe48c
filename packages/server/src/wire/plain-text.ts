import { compile } from "html-to-text";
import type { Conversation } from "./conversation.ts";

/**
 * HTML as plain text, for `display_as=plaintext`: paragraphs and breaks become line breaks, links their
 * text, images nothing, entities their characters. html-to-text (on htmlparser2) does the reading, since
 * message bodies are whatever HTML a caller sent; compiled once, with no wrapping of long lines.
 */
const toText = compile({
  wordwrap: false,
  selectors: [
    { selector: "a", options: { ignoreHref: true } },
    { selector: "img", format: "skip" },
  ],
});

export function plainText(html: string): string {
  return toText(html);
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
