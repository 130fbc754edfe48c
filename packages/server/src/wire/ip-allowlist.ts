import { type Static, Type } from "typebox";

/** Intercom 2.14's `ip_allowlist`: the REST API IP allowlist of the token's workspace. */
export const IpAllowlist = Type.Object({
  type: Type.Literal("ip_allowlist"),
  enabled: Type.Boolean(),
  ip_allowlist: Type.Array(Type.String()),
});

/** How many entries a list may hold, from the API or the settings page. */
export const MAX_IP_ALLOWLIST_ENTRIES = 1_000;

/** What `PUT /ip_allowlist` takes (2.14 sends the same object back): what it leaves out stays. */
export const IpAllowlistChanges = Type.Object({
  type: Type.Optional(Type.Literal("ip_allowlist")),
  enabled: Type.Optional(Type.Boolean()),
  ip_allowlist: Type.Optional(
    Type.Array(Type.String({ maxLength: 64 }), { maxItems: MAX_IP_ALLOWLIST_ENTRIES }),
  ),
});
export type IpAllowlistChanges = Static<typeof IpAllowlistChanges>;

export function ipAllowlistJson(settings: {
  enabled: boolean;
  entries: string[];
}): Static<typeof IpAllowlist> {
  return { type: "ip_allowlist", enabled: settings.enabled, ip_allowlist: settings.entries };
}
