import type { IntercomVersion } from "../../../core/api-versions.ts";
import type { TokenKind } from "../../../storage/tables/tokens.ts";
import type { AddressAllowlist } from "../../identity/ip-allowlist.ts";

/** Who a verified token speaks for, and what it may do: everything the API's door needs. */
export interface Principal {
  tokenId: number;
  kind: TokenKind;
  installationId: number;
  appId: number;
  /** The app's public client_id: what forward auth names the token's app by. */
  clientId: string;
  workspaceId: number;
  /** The app's default API version: what a request without `Intercom-Version` speaks. */
  apiVersion: IntercomVersion;
  /** The token's effective scopes: standard ones, plus extended ones a review approved. */
  scopes: ReadonlySet<string>;
  /** The workspace's REST API IP allowlist, where it restricts anything: the addresses the token works from. */
  ipAllowlist?: AddressAllowlist;
  admin: {
    id: number;
    email: string;
    name: string;
    emailVerified: boolean;
    avatarUrl: string | null;
    hasInboxSeat: boolean;
  };
  workspace: {
    idCode: string;
    name: string;
    createdAt: number;
    secure: boolean;
    identityVerification: boolean;
    timezone: string;
    region: string;
  };
}

/** Cache tags a principal depends on: a change to any of these must evict it. */
export function principalTags(p: Principal): string[] {
  return [
    `token:${p.tokenId}`,
    `installation:${p.installationId}`,
    `app:${p.appId}`,
    `workspace:${p.workspaceId}`,
    `admin:${p.admin.id}`,
  ];
}
