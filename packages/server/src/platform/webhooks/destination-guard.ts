import dns from "node:dns";
import net, { type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { errors } from "../../core/errors.ts";

/**
 * Where a webhook may be delivered: only to public unicast addresses, so that an app's endpoint URL
 * cannot make Gatehouse reach into the network it runs in (SSRF). The check runs when an endpoint is
 * saved and again on every connection, through the `lookup` the connection itself uses: the address
 * checked is the address connected to, so a DNS answer that changes in between (rebinding) gains
 * nothing. An operator can allow private ranges of their own (GATEHOUSE_WEBHOOK_ALLOW_PRIVATE).
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** A network, as `ipaddr.parseCIDR` gives it. */
export type AddressRange = [Address, number];

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a host name has; rejects (e.g. ENOTFOUND) when it has none. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

/** The operating system's resolver, as any connection would use it. */
export const systemResolver: ResolveHost = (hostname) => dns.promises.lookup(hostname, { all: true });

/** How long saving an endpoint waits for its name to resolve; a slow name is checked when connecting. */
const SAVE_LOOKUP_MS = 3_000;

const RANGE_LABELS: Record<string, string> = {
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  linkLocal: "link-local",
  loopback: "loopback",
  carrierGradeNat: "carrier-grade NAT (100.64.0.0/10)",
  private: "private (RFC 1918)",
  uniqueLocal: "unique-local (fc00::/7)",
  rfc6052: "NAT64",
  teredo: "Teredo",
};

function label(range: string): string {
  return RANGE_LABELS[range] ?? "reserved";
}

/**
 * The IPv4 address an IPv6 address carries, for the forms that reach it: IPv4-mapped (::ffff:a.b.c.d),
 * RFC 6145 translated, IPv4-compatible (::a.b.c.d), well-known NAT64 (64:ff9b::a.b.c.d) and 6to4
 * (2002:aabb:ccdd::). The local-use NAT64 prefix (64:ff9b:1::/48) places it where its network chose,
 * so it is judged as a whole.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const p = address.parts;
  const fromWords = (high: number, low: number) =>
    new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const range = address.range();
  if (range === "ipv4Mapped" || range === "rfc6145") return fromWords(p[6] ?? 0, p[7] ?? 0);
  if (range === "6to4") return fromWords(p[1] ?? 0, p[2] ?? 0);
  if (range === "rfc6052") return p[2] === 0 ? fromWords(p[6] ?? 0, p[7] ?? 0) : undefined;
  if (range === "unicast" && p.slice(0, 6).every((word) => word === 0))
    return fromWords(p[6] ?? 0, p[7] ?? 0);
  return undefined;
}

function within(address: Address, allowed: readonly AddressRange[]): boolean {
  return allowed.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

/**
 * Why `text` (an IP address) is no webhook destination, as the name of its range, or undefined when it
 * may be one: a public unicast address, or one inside a range the operator allowed.
 */
export function forbiddenRange(text: string, allowed: readonly AddressRange[] = []): string | undefined {
  let address: Address;
  try {
    address = ipaddr.parse(text);
  } catch {
    return "unparseable";
  }
  if (within(address, allowed)) return undefined;
  if (address.kind() === "ipv6") {
    const inner = embeddedIPv4(address as ipaddr.IPv6);
    if (inner) {
      if (within(inner, allowed)) return undefined;
      return inner.range() === "unicast" ? undefined : label(inner.range());
    }
  }
  return address.range() === "unicast" ? undefined : label(address.range());
}

/**
 * The operator's GATEHOUSE_WEBHOOK_ALLOW_PRIVATE: comma-separated CIDRs (a bare address is one host).
 * Throws with the offending entry named.
 */
export function parseAllowList(raw: string): AddressRange[] {
  const ranges: AddressRange[] = [];
  for (const entry of raw.split(",")) {
    const text = entry.trim();
    if (text === "") continue;
    try {
      if (text.includes("/")) ranges.push(ipaddr.parseCIDR(text));
      else {
        const address = ipaddr.parse(text);
        if (!net.isIP(text)) throw new Error("not an address");
        ranges.push([address, address.kind() === "ipv4" ? 32 : 128]);
      }
    } catch {
      throw new Error(`"${text.slice(0, 100)}" is not a CIDR range like 10.0.0.0/8 or fd00::/8`);
    }
  }
  return ranges;
}

/** A connection refused because its destination is not public: no socket was ever opened. */
export class DestinationRefused extends Error {
  readonly code = "EDESTINATIONREFUSED";
  constructor(host: string, range: string) {
    super(`webhook destination ${host} is ${range}, not a public address`);
    this.name = "DestinationRefused";
  }
}

/** A URL's host without the brackets an IPv6 literal wears in a URL. */
function bareHost(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

const OPT_IN =
  "Use a public HTTPS endpoint; the operator of this Gatehouse can allow private networks with GATEHOUSE_WEBHOOK_ALLOW_PRIVATE.";

export class DestinationGuard {
  readonly #allowed: readonly AddressRange[];
  readonly #resolve: ResolveHost;

  constructor(options: { allowPrivate?: readonly AddressRange[]; resolve?: ResolveHost } = {}) {
    this.#allowed = options.allowPrivate ?? [];
    this.#resolve = options.resolve ?? systemResolver;
  }

  /** The reason `address` is refused, or undefined. */
  refusal(address: string): string | undefined {
    return forbiddenRange(address, this.#allowed);
  }

  /**
   * At save time: a literal address in a forbidden range, or a name all of whose addresses are, is
   * refused with a message for the form. A name that does not resolve (yet) is accepted: the
   * connection will check it.
   */
  async checkAtSave(url: URL): Promise<void> {
    const host = bareHost(url.hostname);
    if (net.isIP(host)) {
      const range = this.refusal(host);
      if (range) {
        throw errors.parameterInvalid(
          `The endpoint URL points to a ${range} address, where Gatehouse does not deliver webhooks. ${OPT_IN}`,
          "url",
        );
      }
      return;
    }
    const answers = await resolveWithin(this.#resolve, host, SAVE_LOOKUP_MS);
    if (answers && answers.length > 0 && answers.every((a) => this.refusal(a.address))) {
      throw errors.parameterInvalid(
        `The endpoint's host ${host.slice(0, 255)} resolves only to private, loopback or reserved addresses, where Gatehouse does not deliver webhooks. ${OPT_IN}`,
        "url",
      );
    }
  }

  /** At connect time, for a URL whose host is an address (no lookup is made for those): throws if refused. */
  checkLiteral(hostname: string): void {
    const host = bareHost(hostname);
    if (!net.isIP(host)) return;
    const range = this.refusal(host);
    if (range) throw new DestinationRefused(host, range);
  }

  /**
   * The `lookup` for the delivery agent's sockets: it resolves the name, drops every address that is
   * refused, and hands the connection only what remains, so the socket connects to a checked address.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.#resolve(hostname).then(
      (answers) => {
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const wanted = answers.filter((a) => family === undefined || a.family === family);
        const allowed = wanted.filter((a) => !this.refusal(a.address));
        if (allowed.length === 0) {
          const first = wanted[0];
          const error = first
            ? new DestinationRefused(hostname, this.refusal(first.address) ?? "refused")
            : Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" });
          callback(error, "", 0);
        } else if (options.all) {
          callback(null, allowed);
        } else {
          const [chosen] = allowed as [ResolvedAddress];
          callback(null, chosen.address, chosen.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

/** The name's addresses, or undefined when it does not resolve within `ms`. */
async function resolveWithin(
  resolve: ResolveHost,
  host: string,
  ms: number,
): Promise<ResolvedAddress[] | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((done) => {
    timer = setTimeout(() => done(undefined), ms);
  });
  try {
    return await Promise.race([resolve(host).catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
