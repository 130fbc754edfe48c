/**
 * What the bench puts in an instance's database before (and between) its runs, written through the
 * server's own modules against the same database, so the rows are exactly what the server writes:
 * the demo workspace, an OAuth client, authorization codes by the thousand, tokens by the million.
 */
import { sql } from "kysely";
import { type Runtime, startRuntime } from "../src/bootstrap.ts";
import { loadConfig } from "../src/config.ts";
import type { Services } from "../src/core/services.ts";
import { createLogger } from "../src/logging.ts";
import { createApp, setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { CODE_TTL_MS, grantableScopes } from "../src/platform/apps/oauth/authorization.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { generateSecret, secretHint } from "../src/platform/apps/tokens/token-format.ts";
import { sealToken } from "../src/platform/apps/tokens/token-seal.ts";
import { ensureDemo } from "../src/platform/demo.ts";

/** The server's runtime (storage, keys, scopes) opened in the bench's own process over `env`'s database. */
export function openRuntime(env: Record<string, string>): Promise<Runtime> {
  return startRuntime(loadConfig({ ...env, LOG_LEVEL: "silent" }), createLogger("silent"));
}

export interface Demo {
  token: string;
  workspaceId: number;
  adminId: number;
  installationId: number;
}

/** The demo workspace, admin, app and access token `npm start` makes on an empty database. */
export async function seedDemo(s: Services): Promise<Demo> {
  const demo = await ensureDemo(s);
  if (!demo.created) throw new Error("the bench's database was not empty");
  const row = await s.db
    .selectFrom("installations as i")
    .innerJoin("apps as p", "p.id", "i.app_id")
    .select(["i.id", "i.workspace_id", "p.created_by_admin_id"])
    .where("p.client_id", "=", demo.app.clientId)
    .executeTakeFirstOrThrow();
  return {
    token: demo.token,
    workspaceId: row.workspace_id,
    adminId: row.created_by_admin_id,
    installationId: row.id,
  };
}

export interface OAuthClient {
  appId: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** A confidential OAuth app in the demo workspace, with one redirect URL, as the hub would make it. */
export async function createOAuthClient(s: Services, demo: Demo): Promise<OAuthClient> {
  const created = await createApp(s, {
    workspaceId: demo.workspaceId,
    adminId: demo.adminId,
    name: "Bench OAuth app",
    scopes: s.scopes.ofTier("standard").map((scope) => scope.id),
  });
  const redirectUri = "https://bench.example.com/callback";
  await setOAuthEnabled(s, created.app.id, true);
  await setRedirectUris(s, created.app.id, [redirectUri]);
  return {
    appId: created.app.id,
    clientId: created.app.client_id,
    clientSecret: created.clientSecret,
    redirectUri,
  };
}

/**
 * `count` authorization codes for the client, as the consent page issues them (the same format, keyed
 * digest, bindings and lifetime as `issueAuthorizationCode`), inserted a thousand to a statement rather
 * than one consent at a time.
 */
export async function mintCodes(
  s: Services,
  client: OAuthClient,
  demo: Demo,
  count: number,
): Promise<string[]> {
  const scopes = (await grantableScopes(s, client.appId)).map((scope) => scope.id).join(" ");
  const codes: string[] = [];
  const now = s.now();
  await s.db.transaction().execute(async (trx) => {
    for (let start = 0; start < count; start += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, count - start) }, () =>
        generateSecret("authorizationCode"),
      );
      codes.push(...batch);
      await trx
        .insertInto("authorization_codes")
        .values(
          batch.map((code) => ({
            code_hmac: s.keys.hmac(code),
            code_key_id: s.keys.current.id,
            app_id: client.appId,
            workspace_id: demo.workspaceId,
            admin_id: demo.adminId,
            redirect_uri: client.redirectUri,
            redirect_uri_explicit: false,
            scopes,
            code_challenge: null,
            code_challenge_method: null,
            created_at: now,
            expires_at: now + CODE_TTL_MS,
          })),
        )
        .execute();
    }
  });
  return codes;
}

const TOKENS_A_STATEMENT = 10_000;
const STATEMENTS_A_TRANSACTION = 10;

/**
 * Stores `count` live OAuth tokens for the demo installation, each as `issueToken` stores one (its
 * keyed digest, sealed copy and hint), one multi-row INSERT per ten thousand; returns the tokens at
 * `keep` (indices into the `count`), for the requests to present.
 */
export async function storeTokens(
  s: Services,
  demo: Demo,
  count: number,
  keep: ReadonlySet<number>,
): Promise<string[]> {
  const kept: string[] = [];
  const now = s.now();
  const keyId = quote(s.keys.current.id);
  for (let done = 0; done < count; ) {
    await s.db.transaction().execute(async (trx) => {
      for (let n = 0; n < STATEMENTS_A_TRANSACTION && done < count; n++) {
        const rows: string[] = [];
        for (const end = Math.min(count, done + TOKENS_A_STATEMENT); done < end; done++) {
          const token = generateSecret("oauth");
          if (keep.has(done)) kept.push(token);
          rows.push(
            `(${demo.installationId}, ${demo.adminId}, 'oauth', ${quote(s.keys.hmac(token))}, ${keyId}, ` +
              `${quote(sealToken(s, token))}, ${quote(secretHint(token))}, ${now})`,
          );
        }
        await sql
          .raw(
            "insert into access_tokens (installation_id, admin_id, kind, token_hmac, token_key_id, " +
              `token_sealed, token_hint, created_at) values ${rows.join(", ")}`,
          )
          .execute(trx);
      }
    });
  }
  return kept;
}

/** Digests, sealed values and hints are base64url and ASCII; quoted all the same. */
function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
