/** A custom attribute's value, as `wire/custom-attribute-input.ts` admits them. */
export type AttributeValue = string | number | boolean | null;

/**
 * Custom attributes as a record keeps them (its JSON) with those a write names set over them: the merge
 * Intercom does on every record that has them, where `null` clears an attribute's value and an attribute
 * left out stays. Called under the record's row lock, so writes at once each keep the other's.
 */
export function withAttributes(
  kept: string,
  given: Readonly<Record<string, AttributeValue>>,
): Record<string, AttributeValue> {
  return { ...(JSON.parse(kept) as Record<string, AttributeValue>), ...given };
}
