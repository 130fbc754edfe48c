import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as client from "openid-client";
import { setClientType, setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { Browser, hiddenFields } from "./support/browser.ts";
import {
  bearer,
  createTenant,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

const CALLBACK = "https://client.example.com/cb";
const PUBLIC_URL = "https://auth.example.com";

interface World {
  gh: Gatehouse;
  builder: Tenant;
  installer: Tenant;
  browser: Browser;
}

async function world(env: Record<string, string> = {}): Promise<World> {
  const gh = await startGatehouse({ dialect: "sqlite" }, { env });
  const builder = await createTenant(gh.services, { name: "Builder", scopes: ["read_tags"] });
  const installer = await createTenant(gh.services, { name: "Installer" });
  await setOAuthEnabled(gh.services, builder.app.app.id, true);
  await setRedirectUris(gh.services, builder.app.app.id, [CALLBACK]);
  const browser = new Browser(gh.url);
  await browser.signIn(installer.admin.email, PASSWORD);
  return { gh, builder, installer, browser };
}

/** Opens an authorization URL (on whatever origin it names) as the signed-in installer, and answers it. */
async function authorizationResponse(
  w: World,
  authorizeUrl: URL | string,
  decision = "authorize",
): Promise<URL> {
  const url = new URL(authorizeUrl, w.gh.url);
  const page = await w.browser.get(url.pathname + url.search);
  if (page.status === 303) return new URL(page.location as string);
  assert.equal(page.status, 200, page.body.slice(0, 300));
  const answer = await w.browser.post("/oauth", {
    ...hiddenFields(page.body, "/oauth"),
    decision,
    workspace: w.installer.workspace.id_code,
  });
  assert.equal(answer.status, 303);
  return new URL(answer.location as string);
}

async function issuerOf(gh: Gatehouse): Promise<Record<string, unknown>> {
  return (await fetch(`${gh.url}/.well-known/oauth-authorization-server`)).json() as Promise<
    Record<string, unknown>
  >;
}

/**
 * RFC 9207: every authorization response names its issuer, so a client talking to several servers can
 * tell which one answered (the mix-up attack, RFC 9700 §4.4).
 */
for (const configured of [false, true]) {
  describe(`the authorization response's iss ${configured ? "with" : "without"} a configured public URL`, () => {
    let w: World;
    let issuer: string;
    before(async () => {
      w = await world(configured ? { GATEHOUSE_PUBLIC_URL: PUBLIC_URL } : {});
      issuer = configured ? PUBLIC_URL : w.gh.url;
    });
    after(() => w.gh.close());

    it("is on every redirect to the client, success and error alike, and equals the metadata's issuer", async () => {
      const metadata = await issuerOf(w.gh);
      assert.equal(metadata.issuer, issuer);
      const id = w.builder.app.app.client_id;
      const answers = {
        code: await authorizationResponse(w, `/oauth?client_id=${id}&state=a`),
        access_denied: await authorizationResponse(w, `/oauth?client_id=${id}&state=b`, "cancel"),
        unsupported_response_type: await authorizationResponse(
          w,
          `/oauth?client_id=${id}&state=c&response_type=token`,
        ),
        invalid_request: await authorizationResponse(
          w,
          `/oauth?client_id=${id}&state=d&code_challenge=short&code_challenge_method=S256`,
        ),
      };
      for (const [kind, answer] of Object.entries(answers)) {
        assert.equal(answer.origin + answer.pathname, CALLBACK, kind);
        assert.equal(answer.searchParams.get("iss"), issuer, kind);
        assert.equal(answer.searchParams.getAll("iss").length, 1, kind);
        if (kind !== "code") assert.equal(answer.searchParams.get("error"), kind);
      }
    });

    it(`${configured ? "advertises" : "does not advertise"} authorization_response_iss_parameter_supported`, async () => {
      const metadata = await issuerOf(w.gh);
      if (configured) assert.equal(metadata.authorization_response_iss_parameter_supported, true);
      else assert.equal(metadata.authorization_response_iss_parameter_supported, undefined);
    });
  });
}

/** openid-client's refusal, whose reason is in its cause. */
const refusedFor = (reason: RegExp) => (error: Error) =>
  reason.test(`${error.message} ${(error.cause as Error | undefined)?.message ?? ""}`);

describe("openid-client against a configured public URL", () => {
  let w: World;
  let config: client.Configuration;
  /** The TLS proxy at the public URL, as the client sees it: every request goes on to Gatehouse. */
  const throughProxy: client.CustomFetch = (url, options) =>
    fetch(url.replace(PUBLIC_URL, w.gh.url), options as RequestInit);

  before(async () => {
    w = await world({ GATEHOUSE_PUBLIC_URL: PUBLIC_URL });
    await setClientType(w.gh.services, w.builder.app.app.id, "public");
    config = await client.discovery(
      new URL(PUBLIC_URL),
      w.builder.app.app.client_id,
      { redirect_uris: [CALLBACK] },
      client.None(),
      {
        algorithm: "oauth2",
        [client.customFetch]: throughProxy,
      },
    );
    config[client.customFetch] = throughProxy;
  });
  after(() => w.gh.close());

  async function start(): Promise<{ callback: URL; verifier: string; state: string }> {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const authorizeUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
    });
    assert.equal(authorizeUrl.origin, PUBLIC_URL);
    return { callback: await authorizationResponse(w, authorizeUrl), verifier, state };
  }

  it("completes a PKCE flow, checking the iss it now requires", async () => {
    assert.equal(config.serverMetadata().authorization_response_iss_parameter_supported, true);
    const { callback, verifier, state } = await start();
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const me = await fetch(`${w.gh.url}/me`, { headers: bearer(tokens.access_token) });
    assert.equal(me.status, 200);
  });

  it("rejects a response whose iss names another server, or none", async () => {
    const { callback, verifier, state } = await start();
    const forged = new URL(callback);
    forged.searchParams.set("iss", "https://evil.example");
    await assert.rejects(
      client.authorizationCodeGrant(config, forged, { pkceCodeVerifier: verifier, expectedState: state }),
      refusedFor(/unexpected "iss"/),
    );
    const stripped = new URL(callback);
    stripped.searchParams.delete("iss");
    await assert.rejects(
      client.authorizationCodeGrant(config, stripped, { pkceCodeVerifier: verifier, expectedState: state }),
      refusedFor(/"iss" \(issuer\) missing/),
    );
    // Neither attempt reached the token endpoint: the genuine response still redeems the code.
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    assert.ok(tokens.access_token);
  });
});
