import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { IntercomClient, IntercomError } from "intercom-client";
import { Browser } from "./support/browser.ts";
import { cliOf, settled } from "./support/cli.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  TENANT_PASSWORD,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

/**
 * Intercom-Version beyond 2.14 (issue 13, item 1): the official SDK speaking 2.16, an unknown version
 * refused as Intercom refuses it, and each app's default version (set in the hub or with the CLI),
 * which answers requests that send no header and travels with the cached principal.
 */
type SdkVersion = ConstructorParameters<typeof IntercomClient>[0] extends infer O
  ? O extends { version?: infer V }
    ? V
    : never
  : never;

describeEachDatabase("API versions", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let cli: ReturnType<typeof cliOf>;

  before(async () => {
    gh = await startGatehouse(database, {
      env: { GATEHOUSE_SECRET_KEY: crypto.randomBytes(32).toString("base64url") },
    });
    tenant = await createTenant(gh.services, { name: "Versions" });
    cli = cliOf(gh);
  });
  after(() => gh.close());

  /** The SDK as an integration sets it up; intercom-client 7.0.3 types `version` only up to "2.14". */
  const sdk = (version: string) =>
    new IntercomClient({
      token: tenant.token,
      baseUrl: gh.url,
      fetch: validatingFetch,
      // A cast: the SDK's union of versions stops at "2.14", while Intercom serves later ones.
      version: version as SdkVersion,
    });

  it("the official SDK configured for 2.16 (and 2.15, Preview) makes real calls", async () => {
    for (const version of ["2.16", "2.15", "Preview"]) {
      const client = sdk(version);
      const email = `v${version.toLowerCase()}@example.com`;
      const created = await client.contacts.create({ email, name: version });
      assert.equal(created.email, email);
      const found = await client.contacts.find({ contact_id: created.id as string });
      assert.equal(found.name, version);
      const me = await client.admins.identify();
      assert.equal(me?.email, tenant.admin.email);
    }
  });

  it("names the version it answered in, in Intercom-Version, as Intercom's answers do", async () => {
    // Recorded answers from api.intercom.io carry `Intercom-Version: 2.3` beside the body (grouparoo's
    // fixtures): the version asked for, else the app's default.
    const versionOf = async (headers: Record<string, string>) => {
      const response = await gh.fetch(`${gh.url}/me`, { headers: { ...bearer(tenant.token), ...headers } });
      await response.arrayBuffer();
      return response.headers.get("intercom-version");
    };
    assert.equal(await versionOf({}), "2.14", "the app's default");
    assert.equal(await versionOf({ "intercom-version": "2.11" }), "2.11");
    assert.equal(await versionOf({ "intercom-version": "unstable" }), "Unstable", "as Intercom spells it");
    const refused = await gh.fetch(`${gh.url}/me`, {
      headers: { ...bearer(tenant.token), "intercom-version": "9.9" },
    });
    await refused.arrayBuffer();
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get("intercom-version"), null, "none for a version it does not serve");
  });

  it("refuses a version that does not exist with a 400 in Intercom's shape", async () => {
    const error = await sdk("2.17")
      .admins.identify()
      .catch((e: unknown) => e);
    assert.ok(error instanceof IntercomError);
    assert.equal(error.statusCode, 400);
    const body = error.body as {
      type: string;
      errors: Array<{ code: string; message: string; field: string }>;
    };
    assert.equal(body.type, "error.list");
    assert.equal(body.errors[0]?.code, "intercom_version_invalid");
    assert.equal(body.errors[0]?.field, "Intercom-Version");
    assert.match(body.errors[0]?.message ?? "", /'2\.17' is not valid.*2\.15, 2\.16, Unstable, Preview/);
  });

  /** What `/users/{id}` answers without a header: 200 when the app's default is 1.x, else 404. */
  async function withoutHeader(token: string, userId: string): Promise<number> {
    const response = await gh.fetch(`${gh.url}/users/${userId}`, { headers: bearer(token) });
    await response.arrayBuffer();
    return response.status;
  }

  async function someUser(token: string): Promise<string> {
    const response = await fetch(`${gh.url}/users`, {
      method: "POST",
      headers: { ...bearer(token), "intercom-version": "1.4", "content-type": "application/json" },
      body: JSON.stringify({ user_id: crypto.randomUUID() }),
    });
    return ((await response.json()) as { id: string }).id;
  }

  it("shows and sets an app's default version with the CLI; the running server follows", async () => {
    const own = await createTenant(gh.services, { name: "CLI versions" });
    const clientId = own.app.app.client_id;
    const user = await someUser(own.token);
    const shown = await cli("app", "version", "--app", clientId, "--json");
    assert.deepEqual(JSON.parse(shown.stdout), { app: clientId, api_version: "2.14" });
    assert.equal(await withoutHeader(own.token, user), 404, "2.14 has no /users");

    const set = await cli("app", "version", "--app", clientId, "--set", "1.4");
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /API version 1\.4/);
    // The server hears of the other process's change (NOTIFY, or SQLite's change poll) and evicts the
    // app's cached principals; wait at most two seconds for it.
    assert.equal(
      await settled(
        () => withoutHeader(own.token, user),
        (seen) => seen === 200,
      ),
      200,
    );

    const listed = JSON.parse(
      (await cli("app", "list", "--workspace", own.workspace.id_code, "--json")).stdout,
    );
    assert.equal(listed[0].api_version, "1.4");
    const refused = await cli("app", "version", "--app", clientId, "--set", "2.99");
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /'2\.99' is not an API version\. Versions: 1\.0, .*, Preview\./);
    assert.equal(
      JSON.parse((await cli("app", "version", "--app", clientId, "--json")).stdout).api_version,
      "1.4",
    );
  });

  it("sets the default version on the hub's Basic information page, refusing an unknown one", async () => {
    const own = await createTenant(gh.services, { name: "Hub versions" });
    const user = await someUser(own.token);
    const browser = new Browser(gh.url);
    await browser.signIn(own.admin.email, TENANT_PASSWORD);
    const base = `/hub/apps/${own.app.app.client_id}`;
    const page = await browser.get(base);
    assert.match(page.body, /<option value="2\.14" selected>2\.14<\/option>/);
    assert.match(page.body, /<option value="Preview">Preview<\/option>/);

    const saved = await browser.submit(base, { api_version: "1.1" }, `${base}/api-version`);
    assert.equal(saved.status, 303);
    assert.match((await browser.follow(saved)).body, /API version saved/);
    assert.equal(await withoutHeader(own.token, user), 200, "the change reaches the token at once");

    const refused = await browser.submit(base, { api_version: "9.9<script>" }, `${base}/api-version`);
    assert.equal(refused.status, 400);
    assert.match(refused.body, /'9\.9&lt;script>' is not an API version\. Versions: 1\.0, /);
    assert.doesNotMatch(refused.body, /<script>/);
    assert.match((await browser.get(base)).body, /<option value="1\.1" selected>/);
  });

  it("carries the default version with the cached principal: no per-request lookup, evicted by the change feed", async () => {
    const own = await createTenant(gh.services, { name: "Cached versions" });
    const user = await someUser(own.token);
    assert.equal(await withoutHeader(own.token, user), 404, "the principal is cached with 2.14");
    // A change the change feed is not told of is not seen: the version is not read per request.
    await gh.services.db
      .updateTable("apps")
      .set({ api_version: "1.4" })
      .where("id", "=", own.app.app.id)
      .execute();
    assert.equal(await withoutHeader(own.token, user), 404);
    // Told of it (as every write of the version tells it), the server reloads the principal.
    await gh.services.changes.publish([`app:${own.app.app.id}`]);
    assert.equal(await withoutHeader(own.token, user), 200);
  });
});
