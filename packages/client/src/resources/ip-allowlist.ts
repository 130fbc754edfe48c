import type { IpAllowlist, IpAllowlistChanges } from "../wire/index.ts";
import type { Requester } from "./shared.ts";

/**
 * `/ip_allowlist`: the token's workspace's REST API IP allowlist (needs "Manage IP allowlist"). Once on
 * with entries, the workspace's tokens work only from the addresses and ranges listed.
 */
export function ipAllowlistApi(http: Requester) {
  return {
    /** `GET /ip_allowlist`. */
    get: (): Promise<IpAllowlist> => http.request("GET", "/ip_allowlist"),

    /**
     * `PUT /ip_allowlist`: what `changes` leaves out stays as it was. A list that would leave out the
     * caller's own address is refused (422 `parameter_invalid`), so a client cannot lock itself out.
     */
    update: (changes: IpAllowlistChanges): Promise<IpAllowlist> =>
      http.request("PUT", "/ip_allowlist", changes),
  };
}
