import { type Static, Type } from "typebox";

/** Any text: an id that is not a contact's is a contact not found (404), as Intercom answers it. */
export const SubscriptionContactParams = Type.Object({ contact_id: Type.String({ maxLength: 100 }) });

/** Any text: an id that is not digits names no subscription type (404, Intercom's "invalid_id"). */
export const SubscriptionParams = Type.Object({
  contact_id: Type.String({ maxLength: 100 }),
  subscription_id: Type.String({ maxLength: 50 }),
});

/**
 * `POST /contacts/{id}/subscriptions`: the type, by its id (a number or text; text that is not digits
 * names none), and which choice the caller means, which must be the type's own (the domain's rule).
 */
export const AttachSubscriptionBody = Type.Object({
  id: Type.Union([Type.Integer(), Type.String({ maxLength: 50 })]),
  consent_type: Type.Union([Type.Literal("opt_in"), Type.Literal("opt_out")]),
});
export type AttachSubscriptionBody = Static<typeof AttachSubscriptionBody>;
