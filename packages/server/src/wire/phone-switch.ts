import { type Static, Type } from "typebox";
import { ErrorList, Nullable } from "./common.ts";
import { CustomAttributesInput } from "./custom-attribute-input.ts";

/** Intercom's phone switch (2.14 `phone_switch`, `create_phone_switch_request`). */

export const PhoneSwitch = Type.Object({
  type: Type.Literal("phone_call_redirect"),
  phone: Type.String(),
  url: Type.String(),
});
export type PhoneSwitch = Static<typeof PhoneSwitch>;

/** What Intercom answers for a number it cannot use: this body, not an error list. */
export const InvalidPhoneNumber = Type.Object({
  error_key: Type.Literal("invalid_phone_number"),
  message: Type.String(),
});

/** A 400 is either the invalid-number body or an error list (a missing or mistyped field). */
export const PhoneSwitchRefusal = Type.Union([InvalidPhoneNumber, ErrorList]);

export const PhoneSwitchBody = Type.Object({
  phone: Type.String({ maxLength: 100 }),
  // Set on the contact with that number: scalars only, named as Intercom names attributes.
  custom_attributes: Type.Optional(Nullable(CustomAttributesInput())),
});
export type PhoneSwitchBody = Static<typeof PhoneSwitchBody>;
