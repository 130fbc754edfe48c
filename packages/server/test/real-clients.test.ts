import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { IntercomClient } from "intercom-client";
import { setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { Browser, hiddenFields } from "./support/browser.ts";
import {
  createTenant,
  type Gatehouse,
  startGatehouse,
  TENANT_PASSWORD,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

/**
 * Clients nobody here wrote: the seeds' own curl commands and Python snippet, with only the host
 * replaced, and the official `intercom-client` SDK given only a base URL and a token.
 */
const run = promisify(execFile);
const ME_KEYS = ["type", "id", "email", "name", "email_verified", "app", "avatar", "has_inbox_seat"];

async function which(command: string): Promise<boolean> {
  try {
    await run("sh", ["-c", `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

async function pythonWithRequests(): Promise<string | undefined> {
  for (const python of ["/usr/bin/python3", "python3"]) {
    try {
      await run(python, ["-c", "import requests"]);
      return python;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

const CURL_MISSING = (await which("curl")) ? undefined : "curl is not installed (apt-get install -y curl)";
const PYTHON = await pythonWithRequests();
const PYTHON_MISSING = PYTHON
  ? undefined
  : "Python's requests is not installed (apt-get install -y python3-requests)";

/** Runs a seed's shell snippet with `https://api.intercom.io` replaced by Gatehouse's address. */
async function shell(gh: Gatehouse, snippet: string): Promise<string> {
  const { stdout } = await run("bash", ["-c", snippet.replaceAll("https://api.intercom.io", gh.url)]);
  return stdout;
}

describe("the seeds' own snippets and the official SDK", () => {
  let gh: Gatehouse;
  let tenant: Tenant;
  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    tenant = await createTenant(gh.services, { name: "Hogwarts workspace" });
  });
  after(() => gh.close());

  it("seed 002's curl returns the /me JSON", { skip: CURL_MISSING ?? false }, async () => {
    const out = await shell(
      gh,
      `curl --request GET \\
     --url 'https://api.intercom.io/me' \\
     --header 'accept: application/json' \\
     --header 'authorization: Bearer ${tenant.token}'`,
    );
    const me = JSON.parse(out);
    assert.deepEqual(Object.keys(me), ME_KEYS);
    assert.equal(me.email, tenant.admin.email);
    assert.equal(me.app.name, "Hogwarts workspace");
  });

  it("seed 000's curl (Authorization:Bearer with no space) works", {
    skip: CURL_MISSING ?? false,
  }, async () => {
    const out = await shell(
      gh,
      `curl \\\n -s https://api.intercom.io/me \\\n -H 'Authorization:Bearer ${tenant.token}' \\\n -H 'Accept:application/json'`,
    );
    assert.equal(JSON.parse(out).type, "admin");
  });

  it("seed 003's curl with the token as the Basic user name and a blank password works", {
    skip: CURL_MISSING ?? false,
  }, async () => {
    const out = await shell(
      gh,
      `curl \\\n-s \\\n-u '${tenant.token}': -H 'Accept:application/json' https://api.intercom.io/me`,
    );
    assert.equal(JSON.parse(out).id, String(tenant.admin.id));
    const apiKey = await shell(
      gh,
      `curl -s -u 'ecahpwf5:abcdef0123456789': -H 'Accept:application/json' https://api.intercom.io/me`,
    );
    assert.match(JSON.parse(apiKey).errors[0].message, /API keys are retired/);
  });

  it("seed 002's Python snippet prints the /me JSON", { skip: PYTHON_MISSING ?? false }, async () => {
    const snippet = `import requests

url = "https://api.intercom.io/me"

headers = {
    "accept": "application/json",
    "authorization": "Bearer ${tenant.token}"
}

response = requests.get(url, headers=headers)

print(response.text)
`.replaceAll("https://api.intercom.io", gh.url);
    const { stdout } = await run(PYTHON as string, ["-c", snippet]);
    const me = JSON.parse(stdout);
    assert.deepEqual(Object.keys(me), ME_KEYS);
    assert.equal(me.email_verified, true);
  });

  it("seed 002's token exchange (a plain form POST, as Ruby's post_form sends) answers token and access_token", {
    skip: CURL_MISSING ?? false,
  }, async () => {
    const installer = await createTenant(gh.services, { name: "Installer" });
    await setOAuthEnabled(gh.services, tenant.app.app.id, true);
    await setRedirectUris(gh.services, tenant.app.app.id, ["https://yourapp.com/callback"]);
    const browser = new Browser(gh.url);
    await browser.signIn(installer.admin.email, TENANT_PASSWORD);
    const consent = await browser.get(`/oauth?client_id=${tenant.app.app.client_id}&state=example`);
    const answer = await browser.post("/oauth", {
      ...hiddenFields(consent.body, "/oauth"),
      decision: "authorize",
    });
    const callback = new URL(answer.location as string);
    assert.equal(callback.origin + callback.pathname, "https://yourapp.com/callback");
    assert.equal(callback.searchParams.get("state"), "example");
    const code = callback.searchParams.get("code") as string;
    const out = await shell(
      gh,
      `curl -s https://api.intercom.io/auth/eagle/token --data-urlencode 'code=${code}' --data-urlencode 'client_id=${tenant.app.app.client_id}' --data-urlencode 'client_secret=${tenant.app.clientSecret}'`,
    );
    const rsp = JSON.parse(out);
    assert.equal(rsp.token_type, "Bearer");
    assert.equal(rsp.token, rsp.access_token);
    const me = JSON.parse(
      await shell(gh, `curl -s https://api.intercom.io/me -H 'Authorization: Bearer ${rsp.token}'`),
    );
    assert.equal(me.email, installer.admin.email);
  });

  it("the official intercom-client SDK identifies the admin with nothing but a base URL and a token", async () => {
    const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const me = await client.admins.identify();
    assert.equal(me?.email, tenant.admin.email);
    assert.equal(me?.app?.id_code, tenant.workspace.id_code);
    const refused = new IntercomClient({
      token: "gat_not_a_real_token",
      baseUrl: gh.url,
      fetch: validatingFetch,
    });
    await assert.rejects(
      refused.admins.identify(),
      (error: { statusCode?: number }) => error.statusCode === 401,
    );
  });
});
