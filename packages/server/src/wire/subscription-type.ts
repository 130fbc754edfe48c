import { type Static, Type } from "typebox";
import type { SubscriptionTypeRow } from "../storage/tables/subscriptions.ts";

const Translation = Type.Object({ name: Type.String(), description: Type.String(), locale: Type.String() });

/** Intercom's `subscription_type` (2.14 `subscription_type`; its `type` is "subscription"). */
export const SubscriptionType = Type.Object({
  type: Type.Literal("subscription"),
  id: Type.String(),
  state: Type.Union([Type.Literal("live"), Type.Literal("draft"), Type.Literal("archived")]),
  consent_type: Type.Union([Type.Literal("opt_in"), Type.Literal("opt_out")]),
  default_translation: Translation,
  translations: Type.Array(Translation),
  content_types: Type.Array(Type.Union([Type.Literal("email"), Type.Literal("sms_message")])),
});
export type SubscriptionType = Static<typeof SubscriptionType>;

/** The workspace's types, or those a contact has chosen about: a plain `list`. */
export const SubscriptionTypeList = Type.Object({
  type: Type.Literal("list"),
  data: Type.Array(SubscriptionType),
});

/**
 * Gatehouse keeps one translation, in the default locale: it is the default and the only one listed.
 */
export function subscriptionTypeObject(row: SubscriptionTypeRow): SubscriptionType {
  const translation = { name: row.name, description: row.description, locale: "en" };
  return {
    type: "subscription",
    id: String(row.id),
    state: row.state,
    consent_type: row.consent_type,
    default_translation: translation,
    translations: [translation],
    content_types: JSON.parse(row.content_types) as SubscriptionType["content_types"],
  };
}
