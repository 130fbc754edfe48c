import crypto from "node:crypto";
import { errors } from "../../../core/errors.ts";
import { type Services, write } from "../../../core/services.ts";
import { requireText } from "../../../core/validation.ts";
import type { ResourceServerRow } from "../../../storage/tables/resource-servers.ts";
import { generateSecret } from "../tokens/token-format.ts";
import { provenCredentials, resourceServerTag } from "./proven-credentials.ts";

/**
 * Resource servers: the APIs a token is presented to, which ask Gatehouse about any app's tokens
 * (RFC 7662 §2.1: the protected resource authenticates to the introspection endpoint). Made and managed
 * with the CLI only. Their client ids say what they are (`rs_…`), so an introspection's caller is looked
 * up in one table, and never mistaken for an app.
 */

export const RESOURCE_SERVER_ID_PREFIX = "rs_";

export interface CreatedResourceServer {
  row: ResourceServerRow;
  /** Shown once: only its HMAC is kept. */
  clientSecret: string;
}

function secretColumns(s: Services, secret: string) {
  return { secret_hmac: s.keys.hmac(secret), secret_key_id: s.keys.current.id };
}

export async function createResourceServer(s: Services, name: string): Promise<CreatedResourceServer> {
  const clientSecret = generateSecret("resourceServerSecret");
  const row = await write(s, (trx) =>
    trx
      .insertInto("resource_servers")
      .values({
        name: requireText(name, "name", 255),
        client_id: `${RESOURCE_SERVER_ID_PREFIX}${crypto.randomUUID()}`,
        ...secretColumns(s, clientSecret),
        created_at: s.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return { row, clientSecret };
}

export async function listResourceServers(s: Services): Promise<ResourceServerRow[]> {
  return s.db.selectFrom("resource_servers").selectAll().orderBy("id").execute();
}

export async function findResourceServer(
  s: Services,
  clientId: string,
): Promise<ResourceServerRow | undefined> {
  if (!clientId.startsWith(RESOURCE_SERVER_ID_PREFIX) || clientId.length > 100) return undefined;
  return s.db.selectFrom("resource_servers").selectAll().where("client_id", "=", clientId).executeTakeFirst();
}

async function requireResourceServer(s: Services, clientId: string): Promise<ResourceServerRow> {
  const row = await findResourceServer(s, clientId);
  if (!row) throw errors.notFound(`No resource server with client_id ${clientId}`);
  return row;
}

/**
 * A new secret; the one it replaces is still accepted for `overlapMs` (0: refused at once), so the
 * resource server's instances can move over without a refusal. One UPDATE moves current to previous,
 * so concurrent rotations each leave a consistent pair.
 */
export async function rotateResourceServerSecret(
  s: Services,
  clientId: string,
  overlapMs: number,
): Promise<{ row: ResourceServerRow; clientSecret: string }> {
  await requireResourceServer(s, clientId);
  const clientSecret = generateSecret("resourceServerSecret");
  const now = s.now();
  const row = await write(s, (trx, touched) => {
    // Published once committed: every instance forgets the secrets it had proven for this server.
    touched.add(resourceServerTag(clientId));
    return trx
      .updateTable("resource_servers")
      .set((eb) => ({
        previous_secret_hmac: overlapMs > 0 ? eb.ref("secret_hmac") : null,
        previous_secret_key_id: overlapMs > 0 ? eb.ref("secret_key_id") : null,
        previous_expires_at: overlapMs > 0 ? now + overlapMs : null,
        ...secretColumns(s, clientSecret),
        rotated_at: now,
      }))
      .where("client_id", "=", clientId)
      .returningAll()
      .executeTakeFirst();
  });
  if (!row) throw errors.notFound(`No resource server with client_id ${clientId}`);
  return { row, clientSecret };
}

export async function deleteResourceServer(s: Services, clientId: string): Promise<void> {
  const deleted = await write(s, (trx, touched) => {
    touched.add(resourceServerTag(clientId));
    return trx.deleteFrom("resource_servers").where("client_id", "=", clientId).executeTakeFirst();
  });
  if (deleted.numDeletedRows === 0n) throw errors.notFound(`No resource server with client_id ${clientId}`);
}

/**
 * The resource server a client id and secret prove, if they do: the current secret, or the previous
 * one while its overlap lasts. A pair proven before is answered from memory (until its overlap ends,
 * a rotation or deletion, or a short time to live); otherwise the check is constant-time, and an
 * unknown id costs an HMAC too, so timing does not tell which ids exist.
 */
export async function authenticateResourceServer(
  s: Services,
  clientId: string,
  secret: string,
): Promise<ResourceServerRow | undefined> {
  const proven = provenCredentials(s);
  const key = proven.key(clientId, secret);
  const known = proven.get(key, s.now());
  if (known) return known;
  const generation = proven.generation;
  const row = await findResourceServer(s, clientId);
  const current = matches(s, row?.secret_hmac ?? "x".repeat(43), row?.secret_key_id, secret);
  if (!row) return undefined;
  const now = s.now();
  if (current) {
    proven.set(key, row, generation, now);
    return row;
  }
  const overlapping =
    row.previous_secret_hmac !== null && row.previous_expires_at !== null && row.previous_expires_at > now;
  if (!overlapping || !matches(s, row.previous_secret_hmac as string, row.previous_secret_key_id, secret))
    return undefined;
  proven.set(key, row, generation, now, row.previous_expires_at as number);
  return row;
}

function matches(s: Services, stored: string, keyId: string | null | undefined, presented: string): boolean {
  const key = keyId ? s.keys.key(keyId) : s.keys.current;
  if (!key) return false;
  const expected = Buffer.from(stored);
  const actual = Buffer.from(s.keys.hmac(presented, key));
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}
