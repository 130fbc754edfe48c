import ipaddr from "ipaddr.js";
import { ApiError, errors } from "../../core/errors.ts";
import { queueOnWorkspace, type Services, type Trx, write } from "../../core/services.ts";
import { toBool } from "../../storage/schema.ts";
import { type IpAllowlistChanges, MAX_IP_ALLOWLIST_ENTRIES } from "../../wire/ip-allowlist.ts";
import { recordActivity } from "../services/audit.ts";

/**
 * A workspace's REST API IP allowlist, as Intercom keeps it ("Restrict REST API access by IP
 * allowlist"): off, or on with no entries, every address may use the workspace's tokens; on with
 * entries, only those addresses and ranges may, whichever way a token is presented. The API's door
 * asks `AddressAllowlist.allows` after the token checks out (http/api/guard.ts).
 */
export interface IpAllowlistSettings {
  enabled: boolean;
  entries: string[];
}

type Network = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** A list of entries, read once: whether an address is on it. */
export class AddressAllowlist {
  readonly #networks: Network[];

  constructor(networks: Network[]) {
    this.#networks = networks;
  }

  allows(address: string): boolean {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      // An IPv4 client of a dual-stack socket shows as "::ffff:a.b.c.d": read as the IPv4 address it is.
      parsed = ipaddr.process(address);
    } catch {
      return false;
    }
    return this.#networks.some(
      ([network, bits]) => parsed.kind() === network.kind() && parsed.match(network, bits),
    );
  }
}

/**
 * An entry as Intercom takes them, one address or a range in CIDR notation ("192.168.0.1/24" covers
 * 192.168.0.0 to .255): IPv4 in four-part decimal only, since "127.1" and "0x7f000001", which ipaddr
 * also reads, name an address too obscurely for a security list; IPv6 too, which Intercom does not take
 * yet. An IPv4-mapped IPv6 entry is its IPv4 address, as a client's is.
 */
function networkOf(entry: string): Network | undefined {
  const slash = entry.indexOf("/");
  const text = slash < 0 ? entry : entry.slice(0, slash);
  const bitsText = slash < 0 ? undefined : entry.slice(slash + 1);
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) address = ipaddr.IPv4.parse(text);
  else if (/^[0-9a-f:.]+$/i.test(text) && ipaddr.IPv6.isValid(text)) address = ipaddr.IPv6.parse(text);
  else return undefined;
  const width = address.kind() === "ipv4" ? 32 : 128;
  if (bitsText !== undefined && !/^[0-9]{1,3}$/.test(bitsText)) return undefined;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (bits > width) return undefined;
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() && bits >= 96)
    return [address.toIPv4Address(), bits - 96];
  return [address, bits];
}

/** The entries as a list to check against; undefined when they restrict nothing (off, or empty). */
export function restrictionOf(settings: IpAllowlistSettings): AddressAllowlist | undefined {
  if (!settings.enabled || settings.entries.length === 0) return undefined;
  return new AddressAllowlist(settings.entries.map((entry) => networkOf(entry) as Network));
}

export async function readIpAllowlist(
  db: Services["db"] | Trx,
  workspaceId: number,
): Promise<IpAllowlistSettings> {
  const row = await db
    .selectFrom("workspaces")
    .select(["api_ip_allowlist_enabled", "api_ip_allowlist"])
    .where("id", "=", workspaceId)
    .executeTakeFirstOrThrow();
  return {
    enabled: toBool(row.api_ip_allowlist_enabled),
    entries: JSON.parse(row.api_ip_allowlist) as string[],
  };
}

/**
 * Changes the list, refusing what would lock out the caller (Intercom's "Lockout Protection": its
 * address, as the API's door or the settings page reads it, must be on a list that restricts anything),
 * and logs the change in the workspace's activity log, as Intercom does. Tokens of the workspace cached
 * under the old list are evicted with the write, on every instance.
 */
export async function updateIpAllowlist(
  s: Services,
  workspaceId: number,
  changes: IpAllowlistChanges,
  caller: { adminId: number; ip: string },
): Promise<IpAllowlistSettings> {
  const callerAddress = caller.ip;
  // The API's schema counts them at its door; the settings page's textarea reaches here uncounted.
  if ((changes.ip_allowlist?.length ?? 0) > MAX_IP_ALLOWLIST_ENTRIES)
    throw errors.parameterInvalid(
      `ip_allowlist holds at most ${MAX_IP_ALLOWLIST_ENTRIES.toLocaleString("en")} entries`,
      "ip_allowlist",
    );
  changes.ip_allowlist?.forEach((entry, i) => {
    if (!networkOf(entry))
      throw errors.parameterInvalid(
        `The entry "${entry.slice(0, 64)}" is no IPv4 or IPv6 address or CIDR range`,
        `ip_allowlist.${i}`,
      );
  });
  return write(s, async (trx, touched) => {
    // A change keeps the half it leaves alone as it finds it: two at once (one turning the list on,
    // one setting it) must not both read the old halves, or the later write puts one back and leaves
    // the list on but empty, open to every address.
    await queueOnWorkspace(s, trx, workspaceId);
    const current = await readIpAllowlist(trx, workspaceId);
    const next: IpAllowlistSettings = {
      enabled: changes.enabled ?? current.enabled,
      entries: changes.ip_allowlist ?? current.entries,
    };
    const restriction = restrictionOf(next);
    if (restriction && !restriction.allows(callerAddress))
      throw new ApiError(
        422,
        "parameter_invalid",
        `Your IP (${callerAddress}) is not on the allowlist. Saving would lock you out of this workspace.`,
      );
    await trx
      .updateTable("workspaces")
      .set({ api_ip_allowlist_enabled: next.enabled, api_ip_allowlist: JSON.stringify(next.entries) })
      .where("id", "=", workspaceId)
      .execute();
    await recordActivity(s, trx, {
      workspaceId,
      adminId: caller.adminId,
      action: "workspace.ip_allowlist_changed",
      details: { enabled: next.enabled, ip_allowlist: next.entries },
      ip: caller.ip,
    });
    touched.add(`workspace:${workspaceId}`);
    return next;
  });
}
