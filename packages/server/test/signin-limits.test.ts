import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { ConcurrencyGate } from "../src/platform/services/limits/concurrency-gate.ts";
import { Browser, csrfOf, type Page } from "./support/browser.ts";
import type { TestDatabase } from "./support/databases.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  POSTGRES_MISSING,
  startGatehouse,
  type Tenant,
  tenantHolding,
} from "./support/gatehouse.ts";
import { freshRedisPrefix, REDIS_MISSING, REDIS_URL } from "./support/redis.ts";

/** Requests come through a proxy on loopback that names the client's address, so a test can be anywhere. */
const BEHIND_PROXY = { GATEHOUSE_TRUST_PROXY: "127.0.0.1" };

/** A browser at `address`: its sign-in form, and as many posts of it as the test wants, in parallel. */
async function signInForm(gh: Gatehouse, address: string) {
  const browser = new Browser(gh.url);
  const from = { "x-forwarded-for": address };
  const csrf = csrfOf((await browser.get("/signin", from)).body);
  return (email: string, password: string): Promise<Page> =>
    browser.post("/signin", { _csrf: csrf, email, password }, from);
}

function count(pages: Page[], status: number): number {
  return pages.filter((p) => p.status === status).length;
}

/** How many failed sign-ins were checked for an admin: each one leaves an entry in their activity log. */
async function failuresLogged(gh: Gatehouse, tenant: Tenant): Promise<number> {
  const row = await gh.services.db
    .selectFrom("activity_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("admin_id", "=", tenant.admin.id)
    .where("action", "=", "admin.login_failed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function budgetSuite(counting: string, env: () => Record<string, string>) {
  return (database: TestDatabase) => {
    let gh: Gatehouse;
    before(async () => {
      // Room for every guess the budget lets through to be checked at once, so only the budget decides.
      gh = await startGatehouse(database, {
        env: { ...BEHIND_PROXY, GATEHOUSE_SIGNIN_CONCURRENCY: "8", ...env() },
      });
    });
    after(() => gh.close());

    it(`counts 20 parallel guesses before checking any: 5 are checked, 15 get the limit page (${counting})`, async () => {
      const victim = await createTenant(gh.services);
      const guess = await signInForm(gh, "203.0.113.7");
      const pages = await Promise.all(
        Array.from({ length: 20 }, (_, i) => guess(victim.admin.email, `wrong password ${i}`)),
      );
      assert.deepEqual(
        { checked: count(pages, 401), limited: count(pages, 429) },
        { checked: 5, limited: 15 },
      );
      assert.equal(await failuresLogged(gh, victim), 5, "exactly five passwords were verified");
      for (const page of pages.filter((p) => p.status === 429)) {
        assert.ok(Number(page.headers.get("retry-after")) > 0);
        assert.match(page.body, /Too many failed attempts/);
      }
      // The guesser's address now waits, even with the right password: it is not checked at all.
      const right = await guess(victim.admin.email, PASSWORD);
      assert.equal(right.status, 429);
      assert.equal(await failuresLogged(gh, victim), 5);
      // The owner, at their own address, is not locked out by someone else's guesses.
      const owner = await signInForm(gh, "198.51.100.20");
      assert.equal((await owner(victim.admin.email, PASSWORD)).status, 303);
    });

    it(`stops every address at 50 failures for one email, a ceiling across addresses (${counting})`, async () => {
      const victim = await createTenant(gh.services);
      for (let a = 1; a <= 10; a++) {
        const guess = await signInForm(gh, `192.0.2.${a}`);
        const pages = await Promise.all(
          Array.from({ length: 6 }, (_, i) => guess(victim.admin.email, `wrong ${a}.${i}`)),
        );
        assert.deepEqual([count(pages, 401), count(pages, 429)], [5, 1], `address ${a}`);
      }
      assert.equal(await failuresLogged(gh, victim), 50);
      const elsewhere = await signInForm(gh, "198.51.100.99");
      const blocked = await elsewhere(victim.admin.email, PASSWORD);
      assert.equal(blocked.status, 429, "fifty failures from anywhere lock the email everywhere");
      assert.equal(await failuresLogged(gh, victim), 50);
    });

    it(`does not count a success against the budget (${counting})`, async () => {
      const owner = await createTenant(gh.services);
      const form = await signInForm(gh, "198.51.100.30");
      for (let i = 0; i < 4; i++) assert.equal((await form(owner.admin.email, `typo ${i}`)).status, 401);
      for (let i = 0; i < 10; i++) {
        const fresh = await signInForm(gh, "198.51.100.30");
        assert.equal((await fresh(owner.admin.email, PASSWORD)).status, 303);
      }
      for (let i = 0; i < 5; i++) assert.equal((await form(owner.admin.email, `typo ${i}`)).status, 401);
      assert.equal((await form(owner.admin.email, "typo again")).status, 429);
    });
  };
}

describeEachDatabase(
  "sign-in budgets, counted in memory",
  budgetSuite("in memory", () => ({})),
);

describe("sign-in budgets, counted in Redis", { skip: REDIS_MISSING ?? false }, () => {
  describeEachDatabase(
    "one instance",
    budgetSuite("in Redis", () => ({ REDIS_URL, GATEHOUSE_REDIS_PREFIX: freshRedisPrefix() })),
  );

  it("shares one budget between two instances: 20 guesses split across them check 5", {
    skip: POSTGRES_MISSING ?? false,
  }, async () => {
    const env = {
      ...BEHIND_PROXY,
      GATEHOUSE_SECRET_KEY: crypto.randomBytes(32).toString("base64url"),
      GATEHOUSE_SIGNIN_CONCURRENCY: "8",
      REDIS_URL,
      GATEHOUSE_REDIS_PREFIX: freshRedisPrefix(),
    };
    const a = await startGatehouse({ dialect: "postgres" }, { env });
    const b = await startGatehouse({ dialect: "postgres" }, { env, sharing: a });
    try {
      const victim = await createTenant(a.services);
      const [atA, atB] = [await signInForm(a, "203.0.113.8"), await signInForm(b, "203.0.113.8")];
      const pages = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? atA : atB)(victim.admin.email, `wrong ${i}`)),
      );
      assert.deepEqual([count(pages, 401), count(pages, 429)], [5, 15]);
      assert.equal(await failuresLogged(a, victim), 5);
    } finally {
      await b.stop();
      await a.close();
    }
  });
});

describe("ConcurrencyGate", () => {
  it("lets `limit` holders in, turns the next away, and takes each place back once", () => {
    const gate = new ConcurrencyGate(4);
    const held = Array.from({ length: 4 }, () => gate.tryEnter());
    assert.ok(held.every(Boolean));
    assert.equal(gate.tryEnter(), undefined);
    held[0]?.();
    held[0]?.();
    const again = gate.tryEnter();
    assert.ok(again, "a released place is free again");
    assert.equal(gate.tryEnter(), undefined, "releasing twice frees one place, not two");
  });
});

describeEachDatabase("password checks at once", (database) => {
  let gh: Gatehouse;
  before(async () => {
    gh = await startGatehouse(database, { env: BEHIND_PROXY });
  });
  after(() => gh.close());

  it("verifies at most four passwords at once; beyond that a readable 503 with Retry-After: 1", async () => {
    const tenants = await Promise.all(Array.from({ length: 24 }, () => createTenant(gh.services)));
    const forms = await Promise.all(tenants.map((_, i) => signInForm(gh, `203.0.113.${100 + i}`)));
    const pages = await Promise.all(
      tenants.map((t, i) => (forms[i] as Awaited<ReturnType<typeof signInForm>>)(t.admin.email, "wrong")),
    );
    const busy = pages.filter((p) => p.status === 503);
    assert.ok(busy.length > 0, "24 verifications at once are more than four");
    assert.equal(count(pages, 401) + busy.length, 24, "every other answer is a checked failure");
    for (const page of busy) {
      assert.equal(page.headers.get("retry-after"), "1");
      assert.match(page.headers.get("content-type") ?? "", /text\/html/);
      assert.match(page.body, /Too many sign-ins at once/);
    }
    // A refused attempt was never checked, so it does not count against the admin.
    const refused = tenants.filter((_, i) => pages[i]?.status === 503);
    for (const t of refused) assert.equal(await failuresLogged(gh, t), 0);
  });

  it("logs a failed sign-in in the admin's activity log, Intercom's admin_login_failure, with the address", async () => {
    const tenant = await tenantHolding(gh.services, ["read_admin_activity_logs"]);
    const form = await signInForm(gh, "198.51.100.77");
    assert.equal((await form(tenant.admin.email, "not the password")).status, 401);
    const browser = new Browser(gh.url);
    await browser.signIn(tenant.admin.email, PASSWORD);
    const page = await browser.get(`/settings/${tenant.workspace.id_code}/activity`);
    assert.match(page.body, /admin\.login_failed/);
    assert.match(page.body, /198\.51\.100\.77/);
    const rows = await gh.services.db
      .selectFrom("activity_log")
      .select(["workspace_id", "ip", "details"])
      .where("admin_id", "=", tenant.admin.id)
      .where("action", "=", "admin.login_failed")
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.workspace_id, r.ip]),
      [[tenant.workspace.id, "198.51.100.77"]],
    );
    assert.doesNotMatch(rows[0]?.details ?? "", /not the password/, "the password tried is never kept");
    const api = await fetch(`${gh.url}/admins/activity_logs?created_at_after=0`, {
      headers: bearer(tenant.token),
    });
    const { activity_logs } = (await api.json()) as { activity_logs: Array<Record<string, unknown>> };
    const failure = activity_logs.find((l) => l.activity_type === "admin_login_failure");
    assert.deepEqual(failure?.performed_by, {
      type: "admin",
      id: String(tenant.admin.id),
      email: tenant.admin.email,
      ip: "198.51.100.77",
    });
    assert.deepEqual(failure?.metadata, { sign_in_method: "email_password" });
    assert.ok(activity_logs.some((l) => l.activity_type === "admin_login_success"));
  });
});
