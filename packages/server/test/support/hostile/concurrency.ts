import { sql } from "kysely";
import { checkClientSecret, revealClientSecret } from "../../../src/platform/apps/client-secrets.ts";
import {
  issueAuthorizationCode,
  resolveAuthorizationRequest,
} from "../../../src/platform/apps/oauth/authorization.ts";
import { listRedirectUris } from "../../../src/platform/apps/oauth/redirect-uris.ts";
import { Browser, csrfOf } from "../browser.ts";
import { createTenant, type Tenant } from "../gatehouse.ts";
import { included, SHED, type Tally, verdict } from "./run.ts";
import { percent } from "./strings.ts";
import type { Wire, WireRequest, WireResponse } from "./wire.ts";
import { CALLBACK, type HostileWorld, PASSWORD } from "./world.ts";

/**
 * Twenty requests at once at every single-use thing and every counter a form or endpoint keeps, each
 * burst on twenty connections of its own, on a fresh tenant: what must hold afterwards is checked in
 * the database itself.
 */
export const BURST = 20;

interface Actor {
  tenant: Tenant;
  cookie: string;
  csrf: string;
}

export async function runConcurrency(
  world: HostileWorld,
  wire: Wire,
  tally: Tally,
  rounds: number,
): Promise<void> {
  if (!included("concurrency")) return;
  const problems: string[] = [];
  const scenarios = concurrencyScenarios(world, wire);
  for (let round = 0; round < rounds; round++) {
    for (const [name, scenario] of Object.entries(scenarios)) {
      const klass = `concurrency: ${name}`;
      const count = (responses: WireResponse[], allowed: (r: WireResponse) => boolean = () => false) => {
        for (const response of responses) {
          const deliberate = allowed(response);
          const wrong = verdict(response) !== undefined && !deliberate;
          tally.count(klass, deliberate ? SHED : response.status, wrong);
          if (wrong) problems.push(`${name}: ${response.status} ${response.body.slice(0, 200)}`);
        }
      };
      const complaint = await scenario(count);
      if (complaint) problems.push(`${name} (round ${round + 1}): ${complaint}`);
    }
  }
  if (problems.length > 0) throw new Error(`concurrency:\n${[...new Set(problems)].join("\n")}`);
}

type Count = (responses: WireResponse[], allowed?: (r: WireResponse) => boolean) => void;

function concurrencyScenarios(world: HostileWorld, wire: Wire) {
  const { gh } = world;
  const burst = (make: (i: number) => WireRequest | Promise<WireRequest>) =>
    Promise.all(
      Array.from({ length: BURST }, async (_, i) => wire.send({ ...(await make(i)), fresh: true })),
    );
  const form = (
    actor: Actor | { cookie: string },
    path: string,
    fields: Record<string, string | string[]>,
  ) => ({
    method: "POST",
    target: path,
    headers: [
      ["Cookie", actor.cookie],
      ["Content-Type", "application/x-www-form-urlencoded"],
    ] as Array<[string, string]>,
    body: Buffer.from(
      Object.entries(fields)
        .flatMap(([k, v]) => [v].flat().map((item) => `${percent(k)}=${percent(item)}`))
        .join("&"),
    ),
  });
  const actor = async (): Promise<Actor> => {
    const tenant = await createTenant(gh.services, { name: "Concurrent" });
    const browser = new Browser(gh.url);
    await browser.signIn(tenant.admin.email, PASSWORD);
    const page = await browser.get("/hub/apps/new");
    return {
      tenant,
      cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      csrf: csrfOf(page.body),
    };
  };
  const appPath = (a: Actor) => `/hub/apps/${a.tenant.app.app.client_id}`;
  // Sign-in may shed load with a 503 that says when to come back; that refusal is by design.
  const shed = (r: WireResponse) => r.status === 503 && r.headers["retry-after"] !== undefined;

  return {
    "sign-ins for one email": async (count: Count) => {
      const tenant = await createTenant(gh.services, { name: "Signing in" });
      const attempt = (password: string) =>
        form(world.signedOut, "/signin", {
          _csrf: world.signedOut.csrf,
          email: tenant.admin.email,
          password,
        });
      // The right password first, while no failure counts against the email yet; then wrong ones.
      const right = await burst(() => attempt(PASSWORD));
      count(right, shed);
      const signedIn = right.filter((r) => r.status === 303);
      const cookies = new Set(
        signedIn.map((r) => /gh_session=([^;]+)/.exec(r.headers["set-cookie"] ?? "")?.[1]),
      );
      if (cookies.size !== signedIn.length)
        return `${signedIn.length} sign-ins gave ${cookies.size} sessions`;
      const sessions = await gh.services.db
        .selectFrom("sessions")
        .select(sql<number>`count(*)`.as("n"))
        .where("admin_id", "=", tenant.admin.id)
        .executeTakeFirstOrThrow();
      if (Number(sessions.n) !== signedIn.length) {
        return `${signedIn.length} sign-ins, ${sessions.n} sessions stored`;
      }
      const wrong = await burst((i) => attempt(`wrong ${i}`));
      count(wrong, shed);
      if (wrong.some((r) => r.status === 303)) return "a wrong password signed in";
      return undefined;
    },

    "exchanges of one code": async (count: Count) => {
      const { code, verifier } = await world.freshCode();
      const responses = await burst(() =>
        form({ cookie: "" }, "/auth/eagle/token", {
          code,
          client_id: world.client.app.app.client_id,
          client_secret: world.client.app.clientSecret,
          ...(verifier && { code_verifier: verifier }),
        }),
      );
      count(responses);
      const won = responses.filter((r) => r.status === 200);
      if (won.length !== 1) return `${won.length} of ${BURST} exchanges of one code got a token`;
      const issued = await gh.services.db
        .selectFrom("access_tokens")
        .innerJoin("authorization_codes", "authorization_codes.id", "access_tokens.authorization_code_id")
        .select(sql<number>`count(*)`.as("n"))
        .where("authorization_codes.code_hmac", "=", gh.services.keys.hmac(code))
        .executeTakeFirstOrThrow();
      if (Number(issued.n) !== 1) return `one code issued ${issued.n} tokens`;
      return undefined;
    },

    "first installs from many codes": async (count: Count) => {
      const installer = await actor();
      const request = await resolveAuthorizationRequest(gh.services, {
        client_id: world.client.app.app.client_id,
      });
      const codes = await Promise.all(
        Array.from({ length: BURST }, () =>
          issueAuthorizationCode(gh.services, {
            request,
            workspaceId: installer.tenant.workspace.id,
            adminId: installer.tenant.admin.id,
          }),
        ),
      );
      const responses = await burst((i) =>
        form({ cookie: "" }, "/auth/eagle/token", {
          code: codes[i] as string,
          client_id: world.client.app.app.client_id,
          client_secret: world.client.app.clientSecret,
          redirect_uri: CALLBACK,
        }),
      );
      count(responses);
      const live = await gh.services.db
        .selectFrom("installations")
        .select(sql<number>`count(*)`.as("n"))
        .where("app_id", "=", world.client.app.app.id)
        .where("workspace_id", "=", installer.tenant.workspace.id)
        .where("uninstalled_at", "is", null)
        .executeTakeFirstOrThrow();
      if (Number(live.n) !== 1) return `${live.n} live installations of one app on one workspace`;
      const ok = responses.filter((r) => r.status === 200).length;
      if (ok !== BURST) return `${ok} of ${BURST} distinct codes were exchanged`;
      return undefined;
    },

    "token regenerations": async (count: Count) => {
      const a = await actor();
      const responses = await burst(() =>
        form(a, `${appPath(a)}/token/regenerate`, { _csrf: a.csrf, confirm: "1" }),
      );
      count(responses);
      const live = await gh.services.db
        .selectFrom("access_tokens")
        .selectAll()
        .where("installation_id", "=", a.tenant.app.installationId)
        .where("kind", "=", "access")
        .where("revoked_at", "is", null)
        .execute();
      if (live.length !== 1) return `${live.length} live access tokens after ${BURST} regenerations`;
      return undefined;
    },

    "client-secret rotations": async (count: Count) => {
      const a = await actor();
      const responses = await burst(() =>
        form(a, `${appPath(a)}/rotate-secret`, { _csrf: a.csrf, confirm: "1" }),
      );
      count(responses);
      const app = await gh.services.db
        .selectFrom("apps")
        .selectAll()
        .where("id", "=", a.tenant.app.app.id)
        .executeTakeFirstOrThrow();
      if (!checkClientSecret(gh.services, app, revealClientSecret(gh.services, app))) {
        return "the secret shown to the admin is not the one checked";
      }
      return undefined;
    },

    "scope saves": async (count: Count) => {
      const a = await actor();
      const sets = [
        ["read_tags"],
        ["read_tags", "read_admins"],
        ["read_conversations", "write_tags", "read_admins"],
      ];
      const responses = await burst((i) =>
        form(a, `${appPath(a)}/scopes`, { _csrf: a.csrf, scopes: sets[i % sets.length] as string[] }),
      );
      count(responses);
      const rows = await gh.services.db
        .selectFrom("app_scopes")
        .select("scope_id")
        .where("app_id", "=", a.tenant.app.app.id)
        .orderBy("scope_id")
        .execute();
      const saved = rows.map((r) => r.scope_id).join(" ");
      if (!sets.some((set) => [...set].sort().join(" ") === saved))
        return `the scopes saved are a mixture: ${saved}`;
      return undefined;
    },

    "redirect URL adds": async (count: Count) => {
      const a = await actor();
      // Four addresses, five times each at once: each must end up registered exactly once.
      const uris = Array.from({ length: BURST }, (_, i) => `https://app${i % 4}.example.com/callback`);
      const responses = await burst((i) =>
        form(a, `${appPath(a)}/redirect-urls/add`, { _csrf: a.csrf, uri: uris[i] as string }),
      );
      count(responses);
      const saved = await listRedirectUris(gh.services, a.tenant.app.app.id);
      if (new Set(saved).size !== saved.length) return `a redirect URL registered twice: ${saved.join(" ")}`;
      const lost = uris.filter((uri, i) => responses[i]?.status === 303 && !saved.includes(uri));
      if (lost.length > 0) return `added and confirmed, then lost: ${[...new Set(lost)].join(" ")}`;
      return undefined;
    },

    "webhook saves": async (count: Count) => {
      const a = await actor();
      const responses = await burst((i) =>
        form(a, `${appPath(a)}/webhooks`, {
          _csrf: a.csrf,
          url: `https://hooks${i}.example.com/in`,
          topics: "ping",
        }),
      );
      count(responses);
      const rows = await gh.services.db
        .selectFrom("webhook_subscriptions")
        .select("url")
        .where("app_id", "=", a.tenant.app.app.id)
        .execute();
      if (rows.length !== 1) return `${rows.length} webhook subscriptions for one app`;
      return undefined;
    },
  };
}
