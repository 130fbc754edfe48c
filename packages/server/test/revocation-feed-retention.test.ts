import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { createResourceServer } from "../src/platform/apps/resource-servers/resource-servers.ts";
import { purgeRevocationFeed } from "../src/platform/apps/resource-servers/revocation-feed.ts";
import { revokeToken } from "../src/platform/apps/tokens/access-tokens.ts";
import { settled } from "./support/cli.ts";
import {
  basic,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
} from "./support/gatehouse.ts";

const digestOf = (token: string) =>
  crypto.createHmac("sha256", token).update("gatehouse-revocation-feed-v1").digest("base64url");

/** How many entries the feed holds. */
async function entriesStored(gh: Gatehouse): Promise<number> {
  const row = await gh.services.db
    .selectFrom("token_revocations")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The revocation feed keeps its entries for a retention window, not for ever: older ones are cleared by
 * every instance's purge, and a reader whose cursor is older than what was cleared is told so (410
 * `expired_cursor`) instead of being answered as if nothing had been revoked meanwhile.
 */
describeEachDatabase("the revocation feed's retention", (database) => {
  let gh: Gatehouse;
  let rs: { id: string; secret: string };

  async function feed(query: string) {
    const response = await gh.server.inject({
      method: "GET",
      url: `/oauth/revocations${query}`,
      headers: basic(`${rs.id}:${rs.secret}`),
    });
    return { status: response.statusCode, body: response.json() };
  }

  async function head(): Promise<string> {
    const { status, body } = await feed("");
    assert.equal(status, 200, JSON.stringify(body));
    return body.next;
  }

  /** A fresh token, revoked: one feed entry. Answers its digest. */
  async function revokeOne(): Promise<string> {
    const t = await createTenant(gh.services);
    await revokeToken(gh.services, t.app.accessToken.row.id, { reason: "test" });
    return digestOf(t.token);
  }

  const stored = () => entriesStored(gh);

  before(async () => {
    // The instance's own purge keeps a week (the default): the tests clear the feed when they choose.
    gh = await startGatehouse(database);
    const made = await createResourceServer(gh.services, "Feed reader");
    rs = { id: made.row.client_id, secret: made.clientSecret };
  });
  after(() => gh.close());

  it("keeps entries younger than the retention window", async () => {
    const start = await head();
    const digest = await revokeOne();
    assert.equal(await purgeRevocationFeed(gh.services, 60_000), 0);
    const { status, body } = await feed(`?since=${start}`);
    assert.equal(status, 200);
    assert.deepEqual(
      body.revocations.map((e: { digest: string }) => e.digest),
      [digest],
    );
  });

  it("clears older entries, and tells a reader that may have missed one that its cursor expired", async () => {
    const start = await head();
    const first = await revokeOne();
    const page = await feed(`?since=${start}`);
    assert.deepEqual(
      page.body.revocations.map((e: { digest: string }) => e.digest),
      [first],
    );
    const afterFirst = page.body.next;
    await revokeOne();
    await pause(5);
    assert.ok((await purgeRevocationFeed(gh.services, 0)) >= 2);
    assert.equal(await stored(), 0, "every entry older than the window is gone");

    // Both readers may have missed an entry (the second revocation): neither is answered as if not.
    for (const cursor of [start, afterFirst]) {
      const expired = await feed(`?since=${cursor}`);
      assert.equal(expired.status, 410, JSON.stringify(expired.body));
      assert.equal(expired.body.error, "expired_cursor");
      assert.match(expired.body.error_description, /start again without since/);
    }

    // Starting again works, though the feed is empty: the head is never before what was cleared.
    const fresh = await head();
    const later = await revokeOne();
    const resumed = await feed(`?since=${fresh}`);
    assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
    assert.deepEqual(
      resumed.body.revocations.map((e: { digest: string }) => e.digest),
      [later],
    );

    // A reader that had read everything the purge cleared missed nothing, and is answered as usual.
    await pause(5);
    await purgeRevocationFeed(gh.services, 0);
    const upToDate = await feed(`?since=${resumed.body.next}`);
    assert.equal(upToDate.status, 200, JSON.stringify(upToDate.body));
    assert.deepEqual(upToDate.body.revocations, []);
  });

  it("refuses a cursor ahead of the feed's end (a database restored from an older backup) the same way", async () => {
    const start = await head();
    const position = Number(/^rf1:(\d+)$/.exec(Buffer.from(start, "base64url").toString())?.[1]);
    const ahead = Buffer.from(`rf1:${position + 1_000}`).toString("base64url");
    const refused = await feed(`?since=${ahead}`);
    assert.equal(refused.status, 410, JSON.stringify(refused.body));
    assert.equal(refused.body.error, "expired_cursor");
    assert.match(refused.body.error_description, /ahead of .* end/);
    // The feed's own end is no such cursor, before or after an entry.
    assert.equal((await feed(`?since=${start}`)).status, 200);
    await revokeOne();
    assert.equal((await feed(`?since=${start}`)).status, 200);
  });

  it("lets 20 instances purge at once: each entry is cleared once, and the horizon only moves forward", async () => {
    for (let i = 0; i < 5; i++) await revokeOne();
    await pause(5);
    const cleared = await Promise.all(Array.from({ length: 20 }, () => purgeRevocationFeed(gh.services, 0)));
    assert.ok(cleared.reduce((a, b) => a + b, 0) >= 5);
    assert.equal(await stored(), 0);
    const fresh = await head();
    const digest = await revokeOne();
    const { status, body } = await feed(`?since=${fresh}`);
    assert.equal(status, 200);
    assert.deepEqual(
      body.revocations.map((e: { digest: string }) => e.digest),
      [digest],
    );
  });
});

describeEachDatabase("the revocation feed's purge on a timer", (database) => {
  let gh: Gatehouse;

  before(async () => {
    gh = await startGatehouse(database, {
      env: {
        GATEHOUSE_REVOCATION_FEED_RETENTION_MS: "100",
        GATEHOUSE_REVOCATION_FEED_PURGE_MS: "50",
      },
    });
  });
  after(() => gh.close());

  it("runs in every serving instance, clearing entries past GATEHOUSE_REVOCATION_FEED_RETENTION_MS", async () => {
    const t = await createTenant(gh.services);
    await revokeToken(gh.services, t.app.accessToken.row.id, { reason: "test" });
    const count = () => entriesStored(gh);
    assert.equal(await count(), 1);
    assert.equal(await settled(count, (n) => n === 0), 0);
  });
});
