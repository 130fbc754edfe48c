import type { Services } from "../../../core/services.ts";
import type { AccessTokenRow } from "../../../storage/tables/tokens.ts";

/** Authenticated-encryption context for sealed tokens: a sealed value only opens in this column. */
const SEAL_CONTEXT = "access_tokens.token_sealed";

export function sealToken(s: Services, token: string): string {
  return s.keys.seal(token, SEAL_CONTEXT);
}

export function revealToken(s: Services, row: Pick<AccessTokenRow, "token_sealed">): string {
  return s.keys.unseal(row.token_sealed, SEAL_CONTEXT);
}
