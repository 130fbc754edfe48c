import { Type } from "typebox";
import { Nullable } from "./common.ts";

/**
 * What conversation parts and ticket parts share: who wrote them, what they carry, whom they assigned.
 */

/** A part's attachment as the kit's `attachments()` keeps it (2.14 `part_attachment`). */
export const Attachment = Type.Object({
  type: Type.String(),
  name: Type.String(),
  url: Type.String(),
  content_type: Type.Optional(Type.String()),
  filesize: Type.Optional(Type.Integer()),
  width: Type.Optional(Type.Integer()),
  height: Type.Optional(Type.Integer()),
});

/** 2.14's author email is an email address: an author without one (the bot, a lead) has none, not null. */
export const PartAuthor = Type.Object({
  type: Type.Union([Type.Literal("admin"), Type.Literal("user"), Type.Literal("bot"), Type.Literal("lead")]),
  id: Type.String(),
  name: Nullable(Type.String()),
  email: Type.Optional(Type.String()),
});

/** Whom an assignment part assigned: an admin, a team, or nobody (`nobody_admin`, id null). */
export const AssignedTo = Type.Object({
  type: Type.String(),
  id: Nullable(Type.String()),
});

/** A contact as a conversation or ticket names it: its id and your id for it. */
export const ContactReference = Type.Object({
  type: Type.Literal("contact"),
  id: Type.String(),
  external_id: Nullable(Type.String()),
});
