import { Type } from "typebox";

/** The most custom attributes one write takes: as many as a workspace may define of a model. */
export const MAX_CUSTOM_ATTRIBUTES = 250;

/** The longest text a custom attribute holds. */
export const MAX_ATTRIBUTE_TEXT = 65_535;

/** One line of text: no C0 or C1 control character, so no CR/LF in a name that is echoed or logged. */
const ONE_LINE = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$";

/**
 * Custom attributes as Intercom takes them on a contact, a visitor, a company, a conversation or a
 * custom object: scalar values (text up to `MAX_ATTRIBUTE_TEXT`), under names of 1 to 190 characters
 * on one line, as a data attribute's name may be. The names are bounded with `propertyNames`: TypeBox
 * keeps only a pattern of a Record's key schema, so a length given there would be dropped without a word.
 */
export const CustomAttributesInput = (most: number = MAX_CUSTOM_ATTRIBUTES) =>
  Type.Record(
    Type.String(),
    Type.Union([Type.String({ maxLength: MAX_ATTRIBUTE_TEXT }), Type.Number(), Type.Boolean(), Type.Null()]),
    { maxProperties: most, propertyNames: { minLength: 1, maxLength: 190, pattern: ONE_LINE } },
  );
