import type { SubscriptionTypeRow } from "../storage/tables/subscriptions.ts";

/**
 * Intercom's `subscription_type` (its `type` is "subscription"). Gatehouse keeps one translation, in the
 * default locale: it is the default and the only one listed.
 */
export function subscriptionTypeObject(row: SubscriptionTypeRow) {
  const translation = { name: row.name, description: row.description, locale: "en" };
  return {
    type: "subscription" as const,
    id: String(row.id),
    state: row.state,
    consent_type: row.consent_type,
    default_translation: translation,
    translations: [translation],
    content_types: JSON.parse(row.content_types) as string[],
  };
}
