import type { TSchema } from "typebox";
import { CursorPages, ErrorList, NumberedPages } from "../src/wire/common.ts";
import { User1x, UserList1x, UserScroll1x } from "../src/wire/user-1x.ts";

/**
 * The wire objects `@gatehouse/client` names, in the order they are written: each by the client's
 * name for it, the server's schema, and one line for its doc comment.
 */
export const WIRE_TYPES: ReadonlyArray<{ name: string; schema: TSchema; doc: string }> = [
  { name: "ErrorList", schema: ErrorList, doc: "Intercom's error envelope: the body of every refusal." },
  { name: "CursorPages", schema: CursorPages, doc: "`pages` of a cursor list: `next` carries the cursor." },
  {
    name: "NumberedPages",
    schema: NumberedPages,
    doc: "`pages` of a numbered list: `next` is the next page's URL.",
  },
  { name: "User1x", schema: User1x, doc: "A 1.x `user` (the Users API before 2.0)." },
  { name: "UserList1x", schema: UserList1x, doc: "A page of 1.x `GET /users`." },
  { name: "UserScroll1x", schema: UserScroll1x, doc: "A page of 1.x `GET /users/scroll`." },
];
