import type { ColumnType, Insertable, Selectable } from "kysely";
import type { Id, Millis, RequiredFlag } from "./columns.ts";

/** The secrets apps hold and trade: access tokens (kept as keyed HMACs) and OAuth authorization codes. */
export interface TokensTables {
  access_tokens: AccessTokensTable;
  authorization_codes: AuthorizationCodesTable;
}

export type TokenKind = "access" | "oauth";

export interface AccessTokensTable {
  id: Id;
  installation_id: number;
  /** The admin the token acts as: `GET /me` answers for them. */
  admin_id: number;
  kind: TokenKind;
  token_hmac: string;
  token_key_id: string;
  token_sealed: string;
  /** Enough of the token to recognise it in a list (its prefix and last four characters). */
  token_hint: string;
  created_at: Millis;
  revoked_at: Millis | null;
  revoked_reason: string | null;
  revoked_by_admin_id: number | null;
  /** The code this token was issued for: a replayed code revokes what it issued (RFC 6749 §4.1.2). */
  authorization_code_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export type AccessTokenRow = Selectable<AccessTokensTable>;

export type NewAccessToken = Insertable<AccessTokensTable>;

export interface AuthorizationCodesTable {
  id: Id;
  code_hmac: string;
  code_key_id: string;
  app_id: number;
  workspace_id: number;
  admin_id: number;
  redirect_uri: string;
  /** Whether the client named the redirect URL; if so it must name it again at the token endpoint. */
  redirect_uri_explicit: RequiredFlag;
  /** Space-separated scope ids granted at consent. */
  scopes: string;
  code_challenge: string | null;
  code_challenge_method: string | null;
  created_at: Millis;
  expires_at: Millis;
  redeemed_at: Millis | null;
}
