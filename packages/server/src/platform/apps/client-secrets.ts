import crypto from "node:crypto";
import type { Services } from "../../core/services.ts";
import type { AppRow } from "../../storage/tables/apps.ts";

const SECRET_CONTEXT = "apps.client_secret_sealed";

/** The columns that keep a client secret: its HMAC to check it, sealed to show it in the hub. */
export function clientSecretColumns(s: Services, secret: string) {
  return {
    client_secret_hmac: s.keys.hmac(secret),
    client_secret_key_id: s.keys.current.id,
    client_secret_sealed: s.keys.seal(secret, SECRET_CONTEXT),
  };
}

export function revealClientSecret(s: Services, app: Pick<AppRow, "client_secret_sealed">): string {
  return s.keys.unseal(app.client_secret_sealed, SECRET_CONTEXT);
}

/** Constant-time check of a presented client secret against the stored HMAC, under whichever key made it. */
export function checkClientSecret(
  s: Services,
  app: Pick<AppRow, "client_secret_hmac" | "client_secret_key_id">,
  presented: string,
): boolean {
  const key = s.keys.key(app.client_secret_key_id);
  if (!key) return false;
  const expected = Buffer.from(app.client_secret_hmac);
  const actual = Buffer.from(s.keys.hmac(presented, key));
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}
