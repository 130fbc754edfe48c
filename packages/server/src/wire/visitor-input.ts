import { type Static, Type } from "typebox";
import { CustomAttributesInput } from "./custom-attribute-input.ts";

const Id = Type.Union([Type.String({ minLength: 1, maxLength: 255 }), Type.Null()]);

/** `GET /visitors?user_id=`: a visitor by the id its Messenger gave it. */
export const VisitorQuery = Type.Object({ user_id: Type.String({ minLength: 1, maxLength: 255 }) });

/** How a request names a visitor: its `id`, its `user_id`, or (converting) its email. */
const VisitorRef = Type.Object({
  id: Type.Optional(Id),
  user_id: Type.Optional(Id),
  email: Type.Optional(Id),
});
export type VisitorRef = Static<typeof VisitorRef>;

/**
 * `PUT /visitors`: the visitor by `id` or `user_id` (that one is named is the domain's check), its name
 * and custom attributes (merged key by key).
 */
export const VisitorChangesBody = Type.Object({
  id: Type.Optional(Id),
  user_id: Type.Optional(Id),
  name: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
  custom_attributes: Type.Optional(CustomAttributesInput()),
});
export type VisitorChangesBody = Static<typeof VisitorChangesBody>;

/**
 * `POST /visitors/convert`: the visitor, into a lead or a user named by `user`'s id, user_id or email
 * (that one is named, and the email's form, are the domain's checks).
 */
export const ConvertVisitorBody = Type.Object({
  type: Type.Enum(["user", "lead"], { errorMessage: "type must be user or lead" }),
  user: VisitorRef,
  visitor: VisitorRef,
});
export type ConvertVisitorBody = Static<typeof ConvertVisitorBody>;
