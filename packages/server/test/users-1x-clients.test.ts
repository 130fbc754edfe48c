import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, it } from "node:test";
import { promisify } from "node:util";
import { Client } from "intercom-client-v2";
import { setDefaultApiVersion } from "../src/platform/apps/api-version.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

/**
 * The 1.x Users API spoken by 1.x clients nobody here wrote: seed 000's own curl
 * (`GET /users/5321a20f72cdbb4192000013`, with only the host, the id and the version header changed),
 * and the 1.x-era official Node client, intercom-client 2.11.2 (installed as `intercom-client-v2`; it
 * sends Basic auth with the token as user name, never an `Intercom-Version` header of its own, and
 * follows `pages.next` verbatim).
 */
const run = promisify(execFile);
const CURL_MISSING = await run("sh", ["-c", "command -v curl"]).then(
  () => undefined,
  () => "curl is not installed (apt-get install -y curl)",
);

// biome-ignore lint/suspicious/noExplicitAny: the client rejects with an Error carrying statusCode and body.
type ClientError = Error & { statusCode: number; body: any };

describeEachDatabase("1.x clients against the 1.x Users API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { name: "Firefly" });
  });
  after(() => gh.close());

  /** intercom-client 2.x as its README sets it up, pointed at Gatehouse, speaking `version` if given. */
  const v2 = (token: string, version?: string) =>
    new Client({ token })
      .usePromises()
      .useRequestOpts({ baseUrl: gh.url, ...(version && { headers: { "Intercom-Version": version } }) });

  it("seed 000's curl on Intercom-Version 1.4 reads a user the test made", {
    skip: CURL_MISSING ?? false,
  }, async () => {
    const user = (
      await v2(tenant.token, "1.4").users.create({ user_id: "seed-000", email: "seed@example.com" })
    ).body;
    // The seed's snippet, as written, with the host and the id replaced and the version header added.
    const snippet =
      `curl \\\n -s https://api.intercom.io/users/5321a20f72cdbb4192000013 \\\n -H 'Authorization:Bearer ${tenant.token}' \\\n -H 'Accept:application/json' \\\n -H 'Intercom-Version: 1.4'`
        .replaceAll("https://api.intercom.io", gh.url)
        .replace("5321a20f72cdbb4192000013", user.id);
    const { stdout } = await run("bash", ["-c", snippet]);
    const read = JSON.parse(stdout);
    assert.equal(read.type, "user");
    assert.equal(read.id, user.id);
    assert.equal(read.user_id, "seed-000");
    assert.equal(read.email, "seed@example.com");
    // The seed's own id names nobody here: Intercom's 404, in its error list.
    const { stdout: missing } = await run("bash", [
      "-c",
      snippet.replace(user.id, "5321a20f72cdbb4192000013"),
    ]);
    assert.deepEqual(JSON.parse(missing).errors, [{ code: "not_found", message: "User Not Found" }]);
    // Without the header the app's default (2.14) speaks, where /users is no route at all.
    const { stdout: onTwo } = await run("bash", [
      "-c",
      snippet.replace(/ \\\n -H 'Intercom-Version: 1.4'/, ""),
    ]);
    assert.deepEqual(JSON.parse(onTwo).errors, [{ code: "not_found", message: "Resource Not Found" }]);
  });

  /** create, find by id, email and user_id, list following pages.next, update, archive. */
  async function lifecycle(client: Client, prefix: string) {
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(
        (
          await client.users.create({
            user_id: `${prefix}-${i}`,
            email: `${prefix}-${i}@example.com`,
            name: `Crew ${i}`,
          })
        ).body,
      );
    const [first] = made;
    assert.equal(first.type, "user");
    assert.equal((await client.users.find({ id: first.id })).body.user_id, `${prefix}-0`);
    assert.equal((await client.users.find({ user_id: `${prefix}-0` })).body.id, first.id);
    const byEmail = (await client.users.find({ email: `${prefix}-0@example.com` })).body;
    assert.equal(byEmail.type, "user.list", "1.1+ lists the users with that email");
    assert.deepEqual(
      byEmail.users.map((u: { id: string }) => u.id),
      [first.id],
    );

    const seen: string[] = [];
    let page = (await client.users.listBy({ per_page: 2 })).body;
    seen.push(...page.users.map((u: { id: string }) => u.id));
    while (page.pages.next) {
      page = (await client.nextPage(page.pages)).body;
      seen.push(...page.users.map((u: { id: string }) => u.id));
    }
    for (const user of made) assert.ok(seen.includes(user.id), "every user is on some page");
    assert.equal(new Set(seen).size, seen.length, "and on one only");

    const updated = (
      await client.users.update({
        user_id: `${prefix}-1`,
        name: "Zoe",
        custom_attributes: { ship: "Serenity" },
      })
    ).body;
    assert.equal(updated.id, made[1].id);
    assert.equal(updated.name, "Zoe");
    assert.deepEqual(updated.custom_attributes, { ship: "Serenity" });

    assert.equal((await client.users.archive({ id: first.id })).body.id, first.id);
    assert.equal((await client.users.archive({ user_id: `${prefix}-1` })).body.id, made[1].id);
    assert.equal((await client.users.archive({ email: `${prefix}-2@example.com` })).body.id, made[2].id);
    const gone = (await client.users.find({ id: first.id }).catch((e: ClientError) => e)) as ClientError;
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.message, "User Not Found");
    assert.equal(gone.body.type, "error.list");
  }

  it("intercom-client 2.x with Intercom-Version 1.4: create, find, list, update, archive", async () => {
    await lifecycle(v2(tenant.token, "1.4"), "header");
  });

  it("intercom-client 2.x sending no version, through the app's default of 1.4", async () => {
    const own = await createTenant(gh.services, { name: "Legacy" });
    const client = v2(own.token);
    // On the app's first default, 2.14, the client meets the 404 of a missing route.
    const before = (await client.users.list().catch((e: ClientError) => e)) as ClientError;
    assert.equal(before.statusCode, 404);
    assert.equal(before.message, "Resource Not Found");
    await setDefaultApiVersion(gh.services, own.app.app.id, "1.4");
    await lifecycle(client, "default");
  });

  it("intercom-client 2.x scrolls every user once", async () => {
    const own = await createTenant(gh.services, { name: "Scrolling" });
    const client = v2(own.token, "1.2");
    for (let i = 0; i < 105; i++) await client.users.create({ user_id: `scroll-${i}` });
    const seen: string[] = [];
    await client.users.scroll.each({}, (response) => {
      seen.push(...response.body.users.map((u: { user_id: string }) => u.user_id));
    });
    assert.equal(seen.length, 105);
    assert.equal(new Set(seen).size, 105);
  });
});
