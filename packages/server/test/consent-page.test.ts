import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { setOAuthEnabled, setRequestedScopes } from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { addMember } from "../src/platform/identity/admins.ts";
import { Browser, csrfOf, hiddenFields, type Page } from "./support/browser.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

const CALLBACK = "https://sync.example.com/callback";
const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const ICON = "https://cdn.sync.example/icon.png";

/** The request an app's install link makes: every parameter must survive sign-in and "not you?". */
const REQUEST = {
  state: "st@te with spaces & symbols/?#",
  redirect_uri: CALLBACK,
  response_type: "code",
  code_challenge: CHALLENGE,
  code_challenge_method: "S256",
};

function path(location: string | undefined): string {
  const url = new URL(location as string);
  return url.pathname + url.search;
}

/** The page's visible body, without the <title> (which names the app for the browser's tab). */
function bodyOf(page: Page): string {
  return page.body.slice(page.body.indexOf("<body"));
}

describeEachDatabase("the consent page", (database) => {
  let gh: Gatehouse;
  let builder: Tenant;
  let installer: Tenant;
  let other: Tenant;
  let oauthPath: string;

  async function signedInAt(who: Tenant, target: string): Promise<{ browser: Browser; page: Page }> {
    const browser = new Browser(gh.url);
    const first = await browser.get(target);
    assert.equal(first.status, 303, first.body);
    const signIn = await browser.get(path(first.location));
    const signedIn = await browser.post("/signin", {
      _csrf: csrfOf(signIn.body),
      email: who.admin.email,
      password: PASSWORD,
      return_to: new URL(first.location as string).searchParams.get("return_to") ?? "",
    });
    assert.equal(signedIn.status, 303, signedIn.body);
    return { browser, page: await browser.get(path(signedIn.location)) };
  }

  async function profile(fields: { name?: string; description: string | null; icon_url: string | null }) {
    await gh.services.db.updateTable("apps").set(fields).where("id", "=", builder.app.app.id).execute();
  }

  before(async () => {
    gh = await startGatehouse(database);
    builder = await createTenant(gh.services, { name: "Sync Labs" });
    installer = await createTenant(gh.services, { name: "Hogwarts" });
    other = await createTenant(gh.services, { name: "Durmstrang" });
    await setRequestedScopes(gh.services, builder.app.app.id, ["read_users_companies"]);
    await setOAuthEnabled(gh.services, builder.app.app.id, true);
    await setRedirectUris(gh.services, builder.app.app.id, [CALLBACK]);
    oauthPath = `/oauth?${new URLSearchParams({ client_id: builder.app.app.client_id, ...REQUEST })}`;
  });
  after(() => gh.close());

  it("is the app's screen: no hub navigation, its icon, its name once, description, builder, scopes, who", async () => {
    await profile({ name: "Sync", description: "Keeps your CRM and inbox in step.", icon_url: ICON });
    const { page } = await signedInAt(installer, oauthPath);
    assert.equal(page.status, 200, page.body);
    const body = bodyOf(page);
    assert.doesNotMatch(body, /<nav/, "no hub navigation");
    assert.doesNotMatch(body, /href="\/(hub|settings|reviews)"/);
    assert.doesNotMatch(body, /Developer hub|Installed apps/);
    assert.match(
      body,
      /<img class="app-icon" src="https:\/\/cdn\.sync\.example\/icon\.png" alt="Sync icon" width="64" height="64"\/?>/,
    );
    assert.equal(body.match(/Sync(?! Labs| icon)/g)?.length, 1, "the app's name, once");
    assert.match(body, /Keeps your CRM and inbox in step\./);
    assert.match(body, /Built by <strong><bdi>Sync Labs<\/bdi><\/strong>/);
    assert.match(body, /Read and list users and companies/);
    assert.match(
      body,
      new RegExp(
        `Signed in as <strong><bdi>${installer.admin.name}</bdi></strong> \\(<bdi>${installer.admin.email}</bdi>\\)`,
      ),
    );
    assert.match(body, /<button type="submit" class="link">not you\?<\/button>/);
  });

  it("shows the app's initial in place of a missing or unusable icon", async () => {
    for (const icon_url of [null, "javascript:alert(1)", "http://plain.example/i.png", "/relative.png"]) {
      await profile({ name: "éclair sync", description: null, icon_url });
      const { page } = await signedInAt(installer, oauthPath);
      const body = bodyOf(page);
      assert.doesNotMatch(body, /<img/, String(icon_url));
      assert.doesNotMatch(body, /javascript:/);
      assert.match(
        body,
        /<span class="app-icon placeholder" role="img" aria-label="éclair sync icon">É<\/span>/,
      );
      assert.doesNotMatch(body, /consent-description/, "no description: no empty box");
    }
  });

  it("renders a hostile name and description as text", async () => {
    const otherScripts = "日本語のテキスト العربية עברית русский ไทย 😀 ".repeat(8).slice(0, 280);
    const description = `<script>alert(1)</script>\u202Egnp.exe "quoted" & <img src=x onerror=alert(2)> ${otherScripts}`;
    await profile({ name: "<b>Bold\u202E</b>", description, icon_url: `${ICON}" onerror="alert(3)` });
    const { page } = await signedInAt(installer, oauthPath);
    const body = bodyOf(page);
    assert.equal(page.status, 200);
    assert.doesNotMatch(body, /<script|<img src=x|<b>Bold|onerror="alert/);
    assert.match(body, /&lt;script>alert\(1\)&lt;\/script>/);
    assert.match(body, /<p class="consent-description" dir="auto">/);
    assert.ok(body.includes(otherScripts.replaceAll("&", "&amp;")), "other scripts, whole");
    assert.match(
      body,
      /<bdi>&lt;b>Bold\u202E&lt;\/b><\/bdi> would like/,
      "the override is isolated in <bdi>",
    );
  });

  it("signs out on 'not you?' and comes back to the same request, every parameter kept", async () => {
    await profile({ name: "Sync", description: null, icon_url: null });
    const { browser, page } = await signedInAt(installer, oauthPath);
    const notYou = hiddenFields(page.body, "/signout");
    assert.equal(notYou.return_to, oauthPath);
    const out = await browser.post("/signout", notYou);
    assert.equal(out.status, 303);
    assert.equal(browser.cookies.has("gh_session"), false, "signed out");
    const signIn = await browser.get(path(out.location));
    assert.equal(signIn.status, 200);
    assert.match(signIn.body, /Sign in to Gatehouse to continue to <bdi>Sync<\/bdi>/);
    const back = await browser.post("/signin", {
      ...hiddenFields(signIn.body, "/signin"),
      email: other.admin.email,
      password: PASSWORD,
    });
    assert.equal(back.status, 303);
    const returned = new URL(back.location as string);
    assert.equal(returned.pathname, "/oauth");
    assert.deepEqual(Object.fromEntries(returned.searchParams), {
      client_id: builder.app.app.client_id,
      ...REQUEST,
    });
    const consent = await browser.get(path(back.location));
    assert.match(consent.body, new RegExp(`Signed in as <strong><bdi>${other.admin.name}</bdi>`));
    // The request answers the app as the new admin, with its state intact.
    const answer = await browser.post("/oauth", {
      ...hiddenFields(consent.body, "/oauth"),
      decision: "authorize",
      workspace: other.workspace.id_code,
    });
    const location = new URL(answer.location as string);
    assert.equal(location.origin + location.pathname, CALLBACK);
    assert.equal(location.searchParams.get("state"), REQUEST.state);
    assert.match(location.searchParams.get("code") ?? "", /^gac_/);
  });

  it("keeps 'not you?' on the same request when the consent form comes back with an error", async () => {
    const second = await createTenant(gh.services, { name: "Beauxbatons" });
    await addMember(gh.services, second.workspace.id, other.admin.id, "admin");
    const { browser, page } = await signedInAt(other, oauthPath);
    const refused = await browser.post("/oauth", {
      ...hiddenFields(page.body, "/oauth"),
      decision: "authorize",
    });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /Choose one of your workspaces/);
    assert.equal(
      hiddenFields(refused.body, "/signout").return_to,
      oauthPath,
      "no _csrf, decision or workspace",
    );
  });

  it("never sends 'not you?' anywhere but this site", async () => {
    for (const returnTo of [
      "https://evil.example/oauth",
      "//evil.example/",
      "/\t/evil.example",
      "x".repeat(3000),
    ]) {
      const { browser, page } = await signedInAt(installer, oauthPath);
      const out = await browser.post("/signout", { _csrf: csrfOf(page.body), return_to: returnTo });
      assert.equal(out.status, 303);
      assert.equal(path(out.location), "/signin?return_to=%2Fhub", returnTo.slice(0, 40));
    }
    const { browser, page } = await signedInAt(installer, oauthPath);
    const plain = await browser.post("/signout", { _csrf: csrfOf(page.body) });
    assert.equal(path(plain.location), "/signin", "the header's sign-out: the plain sign-in page");
  });

  it("names the app on the sign-in page only for this site's own /oauth and a live OAuth app", async () => {
    const gone = await createTenant(gh.services, { name: "Gone Inc" });
    await setOAuthEnabled(gh.services, gone.app.app.id, true);
    await gh.services.db
      .updateTable("apps")
      .set({ deleted_at: Date.now() })
      .where("id", "=", gone.app.app.id)
      .execute();
    const notOAuth = await createTenant(gh.services, { name: "Private Inc" });
    const clientId = builder.app.app.client_id;
    const named = await new Browser(gh.url).get(`/signin?return_to=${encodeURIComponent(oauthPath)}`);
    assert.match(named.body, /<h1>Sign in to Gatehouse to continue to <bdi>Sync<\/bdi><\/h1>/);
    assert.match(named.body, /<title>Sign in to continue to Sync · Gatehouse<\/title>/);
    const signup = await new Browser(gh.url).get(
      `/signin?return_to=${encodeURIComponent(`/oauth/signup?client_id=${clientId}`)}`,
    );
    assert.match(signup.body, /continue to <bdi>Sync/);
    for (const returnTo of [
      `https://evil.example/oauth?client_id=${clientId}`,
      `//evil.example/oauth?client_id=${clientId}`,
      `/\\evil.example/oauth?client_id=${clientId}`,
      `/oauthx?client_id=${clientId}`,
      `/hub?client_id=${clientId}`,
      "/oauth?client_id=00000000-0000-0000-0000-000000000000",
      `/oauth?client_id=${gone.app.app.client_id}`,
      `/oauth?client_id=${notOAuth.app.app.client_id}`,
      "/oauth?client_id=",
      "/oauth",
      `/oauth?client_id=${"9".repeat(1900)}`,
      `/oauth?client_id=%00%0d%0a${"<script>"}`,
    ]) {
      const page = await new Browser(gh.url).get(`/signin?return_to=${encodeURIComponent(returnTo)}`);
      assert.equal(page.status, 200, returnTo.slice(0, 60));
      assert.match(page.body, /<h1>Sign in<\/h1>/, returnTo.slice(0, 60));
      assert.doesNotMatch(page.body, /continue to/);
    }
    // A failed sign-in keeps saying which app is asking.
    const browser = new Browser(gh.url);
    const signIn = await browser.get(`/signin?return_to=${encodeURIComponent(oauthPath)}`);
    const wrong = await browser.post("/signin", {
      ...hiddenFields(signIn.body, "/signin"),
      email: installer.admin.email,
      password: "not the password",
    });
    assert.equal(wrong.status, 401);
    assert.match(wrong.body, /continue to <bdi>Sync/);
  });
});
