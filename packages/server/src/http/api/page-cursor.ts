import { errors } from "../../core/errors.ts";

/**
 * The `starting_after` cursor of Intercom's cursor-paginated lists (contacts, conversations, tickets):
 * opaque to callers, it holds the position after which the next page starts and that page's number.
 */
export function encodeCursor(after: number, page: number): string {
  return Buffer.from(JSON.stringify([after, page])).toString("base64url");
}

export function decodeCursor(cursor: string): { after: number; page: number } {
  try {
    const [after, page] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (
      Number.isSafeInteger(after) &&
      Number.isSafeInteger(page) &&
      (after as number) >= 0 &&
      (page as number) >= 1
    ) {
      return { after: after as number, page: page as number };
    }
  } catch {
    // Not base64 JSON: refused below like any other cursor this API did not give out.
  }
  throw errors.parameterInvalid("starting_after is not a cursor this API gave out", "starting_after");
}
