import crypto from "node:crypto";
import { errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import { type Actor, recordAppActivity } from "../services/audit.ts";

/**
 * An app's webhook signing secret for the Standard Webhooks headers (standardwebhooks.com): its own,
 * so a receiver never needs the OAuth client secret to check a notification. It is sealed at rest
 * like every machine secret, made the first time it is needed, and rotated with an overlap during
 * which the previous secret signs too, so receivers can move over without dropping a delivery.
 */

const PREFIX = "whsec_";

export interface SigningSecrets {
  current: string;
  /** The secret before the last rotation, while it still signs. */
  previous: string | undefined;
  previousExpiresAt: number | null;
  rotatedAt: number | null;
}

/** The sealing context names the app too, so a sealed secret copied to another app's row does not open. */
const context = (appId: number) => `webhook_signing_secrets:${appId}`;

function generate(): string {
  return `${PREFIX}${crypto.randomBytes(32).toString("base64")}`;
}

/** The app's signing secrets, made on first use (concurrent first uses agree on one). */
export async function signingSecrets(s: Services, appId: number): Promise<SigningSecrets> {
  const read = () =>
    s.db.selectFrom("webhook_signing_secrets").selectAll().where("app_id", "=", appId).executeTakeFirst();
  let row = await read();
  if (!row) {
    const app = await s.db.selectFrom("apps").select("id").where("id", "=", appId).executeTakeFirst();
    if (!app) throw errors.notFound("App not found");
    await s.db
      .insertInto("webhook_signing_secrets")
      .values({
        app_id: appId,
        secret_sealed: s.keys.seal(generate(), context(appId)),
        previous_sealed: null,
        previous_expires_at: null,
        created_at: s.now(),
        rotated_at: null,
      })
      .onConflict((conflict) => conflict.column("app_id").doNothing())
      .execute();
    row = await read();
    if (!row) throw errors.notFound("App not found");
  }
  const overlapping = row.previous_sealed !== null && (row.previous_expires_at ?? 0) > s.now();
  return {
    current: s.keys.unseal(row.secret_sealed, context(appId)),
    previous: overlapping ? s.keys.unseal(row.previous_sealed as string, context(appId)) : undefined,
    previousExpiresAt: overlapping ? row.previous_expires_at : null,
    rotatedAt: row.rotated_at,
  };
}

/**
 * Replaces the signing secret; the one it replaces keeps signing beside it for `overlapMs`. One
 * UPDATE moves current to previous, so concurrent rotations each leave a consistent pair.
 */
export async function rotateSigningSecret(
  s: Services,
  appId: number,
  overlapMs: number,
  actor?: Actor,
): Promise<SigningSecrets> {
  await signingSecrets(s, appId);
  const now = s.now();
  await write(s, async (trx) => {
    await trx
      .updateTable("webhook_signing_secrets")
      .set((eb) => ({
        previous_sealed: eb.ref("secret_sealed"),
        secret_sealed: s.keys.seal(generate(), context(appId)),
        previous_expires_at: now + overlapMs,
        rotated_at: now,
      }))
      .where("app_id", "=", appId)
      .execute();
    await recordAppActivity(s, trx, actor, appId, "app.webhook_secret_rotated", {
      previous_signs_until: new Date(now + overlapMs).toISOString(),
    });
  });
  return signingSecrets(s, appId);
}

/**
 * The Standard Webhooks headers: `webhook-id` (the notification's id, the same on every retry, so a
 * receiver can drop duplicates), `webhook-timestamp` (this attempt, in seconds, so a receiver can
 * refuse replays) and `webhook-signature`: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for each
 * secret that signs now, space-separated.
 */
export function standardWebhookHeaders(
  id: string,
  sentAtMs: number,
  body: string,
  secrets: Pick<SigningSecrets, "current" | "previous">,
): Record<string, string> {
  const timestamp = Math.floor(sentAtMs / 1000);
  const sign = (secret: string) => {
    const key = Buffer.from(secret.slice(PREFIX.length), "base64");
    return `v1,${crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
  };
  const signing = secrets.previous ? [secrets.current, secrets.previous] : [secrets.current];
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signing.map(sign).join(" "),
  };
}
