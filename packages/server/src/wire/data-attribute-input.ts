import { type Static, Type } from "typebox";

/** `?model=&include_archived=`: one model's attributes, and the archived custom ones too. */
export const DataAttributeQuery = Type.Object({
  model: Type.Optional(
    Type.Enum(["contact", "company", "conversation"], {
      errorMessage: "model must be contact, company or conversation",
    }),
  ),
  include_archived: Type.Optional(Type.Boolean()),
});

export const DataAttributeParams = Type.Object({
  data_attribute_id: Type.String({ pattern: "^[0-9]{1,15}$" }),
});

/** A list attribute's options, `[{value}]`; that there are two or more, distinct, is the domain's rule. */
const Options = Type.Array(Type.Object({ value: Type.String({ maxLength: 255 }) }), {
  maxItems: 1000,
  errorMessage: "Options isn't an array",
});

const Description = Type.Union([Type.String({ maxLength: 255 }), Type.Null()]);

/**
 * `POST /data_attributes`: a custom attribute of contacts or companies. The name's characters and its
 * clash with another's are the domain's checks.
 */
export const NewDataAttributeBody = Type.Object({
  name: Type.String({ maxLength: 1000 }),
  model: Type.Enum(["contact", "company"], {
    errorMessage: "The Data Attribute model field must be either contact or company",
  }),
  data_type: Type.Enum(["string", "integer", "float", "boolean", "date", "datetime", "options"], {
    errorMessage: "Data Type isn't an option",
  }),
  description: Type.Optional(Description),
  messenger_writable: Type.Optional(Type.Boolean()),
  options: Type.Optional(Options),
});
export type NewDataAttributeBody = Static<typeof NewDataAttributeBody>;

/** `PUT /data_attributes/{id}`: archive or restore, describe, and change a list's options. */
export const DataAttributeChangesBody = Type.Object({
  archived: Type.Optional(Type.Boolean()),
  description: Type.Optional(Description),
  messenger_writable: Type.Optional(Type.Boolean()),
  options: Type.Optional(Options),
});
export type DataAttributeChangesBody = Static<typeof DataAttributeChangesBody>;
