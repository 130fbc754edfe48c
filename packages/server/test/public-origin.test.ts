import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ConfigError, loadConfig } from "../src/config.ts";
import { setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { createContact } from "../src/resources/contacts/contacts.ts";
import { bearer, type Gatehouse, startGatehouse, type Tenant, tenantHolding } from "./support/gatehouse.ts";

// biome-ignore lint/suspicious/noExplicitAny: the tests read the JSON as it comes.
type Json = any;

const PUBLIC_URL = "https://auth.example.com";
const HOSTILE = {
  host: "evil.example",
  "x-forwarded-host": "evil-proxy.example",
  "x-forwarded-proto": "https",
};

/** One request as a client behind any Host would send it: `inject`, so the Host header is ours to set. */
async function send(
  gh: Gatehouse,
  path: string,
  options: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: object; form?: object } = {},
) {
  const response = await gh.server.inject({
    method: options.method ?? "GET",
    url: path,
    headers: {
      ...(options.body && { "content-type": "application/json" }),
      ...(options.form && { "content-type": "application/x-www-form-urlencoded" }),
      ...options.headers,
    },
    ...(options.body && { payload: JSON.stringify(options.body) }),
    ...(options.form && { payload: new URLSearchParams(options.form as Record<string, string>).toString() }),
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: response.body ? (JSON.parse(response.body) as Json) : undefined,
  };
}

const metadata = (gh: Gatehouse, headers: Record<string, string>) =>
  send(gh, "/.well-known/oauth-authorization-server", { headers });

describe("absolute URLs without a configured public URL", () => {
  let gh: Gatehouse;
  let behindProxy: Gatehouse;
  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    behindProxy = await startGatehouse({ dialect: "sqlite" }, { env: { GATEHOUSE_TRUST_PROXY: "true" } });
  });
  after(async () => {
    await gh.close();
    await behindProxy.close();
  });

  it("builds metadata from the Host asked for, but no shared cache may keep it or give it to another Host", async () => {
    const answer = await metadata(gh, HOSTILE);
    assert.equal(answer.status, 200);
    assert.equal(
      answer.body.issuer,
      "http://evil.example",
      "X-Forwarded-* is ignored without a trusted proxy",
    );
    const cacheControl = String(answer.headers["cache-control"]);
    assert.doesNotMatch(cacheControl, /public/);
    assert.match(cacheControl, /private|no-store/);
    assert.match(String(answer.headers.vary), /\bHost\b/);
  });

  it("reads a trusted proxy's X-Forwarded-Host and -Proto, and varies on them", async () => {
    const answer = await metadata(behindProxy, HOSTILE);
    assert.equal(answer.body.issuer, "https://evil-proxy.example");
    assert.equal(answer.body.token_endpoint, "https://evil-proxy.example/auth/eagle/token");
    assert.match(String(answer.headers.vary), /X-Forwarded-Host/);
    assert.doesNotMatch(String(answer.headers["cache-control"]), /public/);
    const strange = await metadata(behindProxy, { host: "ok.example", "x-forwarded-proto": "javascript" });
    assert.equal(strange.status, 400, "a scheme other than http or https is not copied into a URL");
  });

  it("refuses a Host that is no host name, rather than copying it into a URL", async () => {
    for (const host of [
      "evil.example/path?",
      "evil.example@good.example",
      'a"><script>',
      "a b",
      "x".repeat(300),
      "evil.example:80:80",
    ]) {
      const answer = await metadata(gh, { host });
      assert.equal(answer.status, 400, host);
      assert.equal(answer.body.type, "error.list", host);
      assert.doesNotMatch(JSON.stringify(answer.body), /evil\.example|script/, host);
    }
    for (const host of ["gatehouse_app:8080", "[::1]:8080", "Auth.Example.COM"]) {
      const answer = await metadata(gh, { host });
      assert.equal(answer.status, 200, host);
      assert.equal(answer.body.issuer, `http://${host.toLowerCase()}`);
    }
  });

  it("answers an authorization request under such a Host with an error page, not a redirect naming it", async () => {
    const tenant = await tenantHolding(gh.services, []);
    await setOAuthEnabled(gh.services, tenant.app.app.id, true);
    await setRedirectUris(gh.services, tenant.app.app.id, ["https://client.example.com/cb"]);
    const page = await gh.server.inject({
      url: `/oauth?client_id=${tenant.app.app.client_id}&response_type=token`,
      headers: { host: "evil.example/x" },
    });
    assert.equal(page.statusCode, 400);
    assert.equal(page.headers.location, undefined);
    assert.match(String(page.headers["content-type"]), /text\/html/);
  });
});

describe("GATEHOUSE_PUBLIC_URL", () => {
  it("is checked at start: an http or https URL without credentials, query or fragment", () => {
    for (const bad of [
      "auth.example.com",
      "ftp://auth.example.com",
      "https://u:p@auth.example.com",
      "https://a.example/?x=1",
      "https://a.example/#f",
    ])
      assert.throws(() => loadConfig({ GATEHOUSE_PUBLIC_URL: bad }), ConfigError, bad);
    assert.equal(
      loadConfig({ GATEHOUSE_PUBLIC_URL: "https://Auth.Example.com/" }).publicUrl,
      "https://auth.example.com",
    );
    assert.equal(
      loadConfig({ GATEHOUSE_PUBLIC_URL: "https://example.com/auth/" }).publicUrl,
      "https://example.com/auth",
    );
  });
});

describe("absolute URLs with a configured public URL", () => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let headers: Record<string, string>;

  before(async () => {
    // A trusted proxy too: its X-Forwarded-* headers give way to the configured URL as well.
    gh = await startGatehouse(
      { dialect: "sqlite" },
      { env: { GATEHOUSE_PUBLIC_URL: `${PUBLIC_URL}/`, GATEHOUSE_TRUST_PROXY: "true" } },
    );
    tenant = await tenantHolding(
      gh.services,
      gh.services.scopes.all().map((scope) => scope.id),
    );
    headers = { ...bearer(tenant.token), ...HOSTILE };
  });
  after(() => gh.close());

  const fromPublicUrl = (url: unknown, what: string) =>
    assert.ok(String(url).startsWith(`${PUBLIC_URL}/`), `${what}: ${String(url)}`);

  it("names the public URL as issuer and endpoints in metadata, which then may be cached publicly", async () => {
    const answer = await metadata(gh, HOSTILE);
    assert.equal(answer.body.issuer, PUBLIC_URL);
    for (const key of [
      "authorization_endpoint",
      "token_endpoint",
      "revocation_endpoint",
      "introspection_endpoint",
    ])
      fromPublicUrl(answer.body[key], key);
    assert.match(String(answer.headers["cache-control"]), /^public/);
  });

  it("names it as iss in introspection", async () => {
    const answer = await send(gh, "/oauth/introspect", {
      method: "POST",
      headers: HOSTILE,
      form: {
        token: tenant.token,
        client_id: tenant.app.app.client_id,
        client_secret: tenant.app.clientSecret,
      },
    });
    assert.equal(answer.body.active, true);
    assert.equal(answer.body.iss, PUBLIC_URL);
  });

  it("starts the API's page links from it", async () => {
    const contact = await createContact(gh.services, tenant.workspace.id, { email: "paged@example.com" });
    for (const body of ["one", "two"]) {
      const note = await send(gh, `/contacts/${contact.id}/notes`, {
        method: "POST",
        headers,
        body: { body, admin_id: tenant.admin.id },
      });
      assert.equal(note.status, 200, JSON.stringify(note.body));
    }
    const page = await send(gh, `/contacts/${contact.id}/notes?per_page=1`, { headers });
    assert.equal(page.status, 200);
    fromPublicUrl(page.body.pages.next, "notes pages.next");
  });

  it("starts the events' next and since links from it", async () => {
    const contact = await createContact(gh.services, tenant.workspace.id, { email: "events@example.com" });
    for (let i = 0; i < 3; i++) {
      const tracked = await send(gh, "/events", {
        method: "POST",
        headers,
        body: {
          event_name: `step-${i}`,
          created_at: Math.floor(Date.now() / 1000) - 100 + i,
          id: contact.id,
        },
      });
      assert.equal(tracked.status, 202);
    }
    const list = await send(gh, `/events?type=user&intercom_user_id=${contact.id}&per_page=2`, { headers });
    assert.equal(list.status, 200);
    fromPublicUrl(list.body.pages.next, "events pages.next");
    fromPublicUrl(list.body.pages.since, "events pages.since");
  });

  it("starts a job's links from it", async () => {
    const type = await send(gh, "/ticket_types", { method: "POST", headers, body: { name: "Queued" } });
    const contact = await createContact(gh.services, tenant.workspace.id, { email: "job@example.com" });
    const job = await send(gh, "/tickets/enqueue", {
      method: "POST",
      headers,
      body: { ticket_type_id: type.body.id, contacts: [{ id: contact.id }], skip_notifications: true },
    });
    assert.equal(job.status, 200, JSON.stringify(job.body));
    fromPublicUrl(job.body.url, "job url");
    let status = job.body;
    for (let i = 0; i < 200 && status.status !== "success"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = (await send(gh, `/jobs/status/${job.body.id}`, { headers })).body;
    }
    assert.equal(status.status, "success");
    fromPublicUrl(status.url, "job status url");
    fromPublicUrl(status.resource_url, "job resource_url");
  });

  it("starts a phone-call redirect's url from it", async () => {
    const answer = await send(gh, "/phone_call_redirects", {
      method: "POST",
      headers,
      body: { phone: "+353832345678" },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    fromPublicUrl(answer.body.url, "phone_call_redirect url");
  });

  it("starts an export's download_url from it", async () => {
    await createContact(gh.services, tenant.workspace.id, { email: "exported@example.com" });
    const now = Math.floor(Date.now() / 1000);
    const created = await send(gh, "/export/content/data", {
      method: "POST",
      headers,
      body: { created_at_after: now - 3600, created_at_before: now + 3600 },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    let job = created.body;
    for (let i = 0; i < 200 && job.status !== "completed"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = (await send(gh, `/export/content/data/${created.body.job_identifier}`, { headers })).body;
    }
    assert.equal(job.status, "completed");
    fromPublicUrl(job.download_url, "download_url");
  });
});
