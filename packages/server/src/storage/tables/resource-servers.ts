import type { Selectable } from "kysely";
import type { Id, Millis } from "./columns.ts";

/** The APIs that introspect any app's tokens, and the feed of tokens they should stop trusting. */
export interface ResourceServersTables {
  resource_servers: ResourceServersTable;
  token_revocations: TokenRevocationsTable;
  token_revocation_horizon: TokenRevocationHorizonTable;
}

export interface ResourceServersTable {
  id: Id;
  name: string;
  client_id: string;
  /** Keyed HMAC of the secret (see `crypto/keyring.ts`); the secret itself is shown once, at creation. */
  secret_hmac: string;
  secret_key_id: string;
  /** The secret before the last rotation, accepted until `previous_expires_at`. */
  previous_secret_hmac: string | null;
  previous_secret_key_id: string | null;
  previous_expires_at: Millis | null;
  created_at: Millis;
  rotated_at: Millis | null;
}

export type ResourceServerRow = Selectable<ResourceServersTable>;

export type RevocationEvent = "revoked" | "uninstalled" | "narrowed";

/** One entry of the revocation feed: its id is the cursor's position. */
export interface TokenRevocationsTable {
  id: Id;
  token_id: number;
  /** HMAC-SHA256 keyed by the token itself (never the token, never its stored HMAC). */
  digest: string;
  event: RevocationEvent;
  recorded_at: Millis;
}

/**
 * One row (id 1): the feed's entries up to and including `purged_through` have been cleared past their
 * retention. A cursor before it may have missed some.
 */
export interface TokenRevocationHorizonTable {
  id: number;
  purged_through: number;
}
