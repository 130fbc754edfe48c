import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLogger } from "../src/logging.ts";
import { setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { Browser, hiddenFields } from "./support/browser.ts";
import { basic, bearer, createTenant, startGatehouse, TENANT_PASSWORD } from "./support/gatehouse.ts";

describe("logs", () => {
  it("hold no token, code, client secret, password or session id from a full run, even at trace level", async () => {
    const lines: string[] = [];
    const gh = await startGatehouse(
      { dialect: "sqlite" },
      { env: { LOG_LEVEL: "trace" }, logStream: { write: (line) => void lines.push(line) } },
    );
    const secrets: string[] = [];
    try {
      const builder = await createTenant(gh.services);
      const installer = await createTenant(gh.services);
      secrets.push(builder.token, installer.token, builder.app.clientSecret, TENANT_PASSWORD);
      await setOAuthEnabled(gh.services, builder.app.app.id, true);
      await setRedirectUris(gh.services, builder.app.app.id, ["https://client.example.com/cb"]);

      // The API, every way a token can be sent, and failures.
      await fetch(`${gh.url}/me`, { headers: bearer(builder.token) });
      await fetch(`${gh.url}/me`, { headers: basic(`${builder.token}:`) });
      await fetch(`${gh.url}/me`, { headers: basic(builder.token) });
      await fetch(`${gh.url}/admins`, { headers: bearer(builder.token) });
      await fetch(`${gh.url}/me`, { headers: bearer(`${builder.token.slice(0, -2)}zz`) });
      await fetch(`${gh.url}/me?token=${builder.token}`, { headers: { authorization: "Bearer" } });

      // Sign-in (wrong password, then right), consent, code, exchange, replay.
      const browser = new Browser(gh.url);
      await browser.submit("/signin", { email: installer.admin.email, password: "wrong password, logged?" });
      await browser.signIn(installer.admin.email, TENANT_PASSWORD);
      secrets.push(browser.cookies.get("gh_session") as string);
      const consent = await browser.get(`/oauth?client_id=${builder.app.app.client_id}&state=st`);
      const answer = await browser.post("/oauth", {
        ...hiddenFields(consent.body, "/oauth"),
        decision: "authorize",
        workspace: installer.workspace.id_code,
      });
      const code = new URL(answer.location as string).searchParams.get("code") as string;
      secrets.push(code);
      const form = { code, client_id: builder.app.app.client_id, client_secret: builder.app.clientSecret };
      const exchanged = await fetch(`${gh.url}/auth/eagle/token`, {
        method: "POST",
        body: new URLSearchParams(form),
      });
      const { token } = (await exchanged.json()) as { token: string };
      secrets.push(token);
      await fetch(`${gh.url}/auth/eagle/token`, { method: "POST", body: new URLSearchParams(form) });
      await fetch(`${gh.url}/auth/eagle/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...form, client_secret: `${builder.app.clientSecret}!` }),
      });
      await fetch(`${gh.url}/oauth/introspect`, {
        method: "POST",
        body: new URLSearchParams({ token, client_id: form.client_id, client_secret: form.client_secret }),
      });
      await fetch(`${gh.url}/oauth/revoke`, {
        method: "POST",
        body: new URLSearchParams({ token, client_id: form.client_id, client_secret: form.client_secret }),
      });
      await fetch(`${gh.url}/oauth/report-leak`, {
        method: "POST",
        body: new URLSearchParams({ token: installer.token }),
      });
    } finally {
      await gh.close();
    }
    const log = lines.join("");
    assert.ok(lines.length > 20, `the run was logged (${lines.length} lines)`);
    assert.match(log, /"url":"\/me"/, "request lines are there to be searched");
    for (const secret of secrets) {
      assert.ok(secret && secret.length >= 12);
      assert.ok(!log.includes(secret), `a secret appears in the logs: ${secret.slice(0, 6)}…`);
      assert.ok(
        !log.includes(secret.slice(4, 24)),
        `part of a secret appears in the logs: ${secret.slice(0, 6)}…`,
      );
    }
  });

  it("redact a secret logged at the top level of a line as well as one level down", () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
    const secret = "gat_top_level_secret_value";
    for (const key of [
      "token",
      "access_token",
      "refresh_token",
      "client_secret",
      "password",
      "code",
      "code_verifier",
    ]) {
      logger.info({ [key]: secret, nested: { [key]: secret } }, `logged ${key}`);
    }
    assert.equal(lines.length, 7);
    for (const line of lines) assert.ok(!line.includes(secret), line);
  });
});
