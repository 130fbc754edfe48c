import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Browser, csrfOf } from "./support/browser.ts";
import { cliOf, settled } from "./support/cli.ts";
import {
  bearer,
  createTenant,
  type Gatehouse,
  startGatehouse,
  TENANT_PASSWORD,
  type Tenant,
} from "./support/gatehouse.ts";

/**
 * `/me`'s avatar: Intercom answers a URL even for an admin with no photo (its default avatar), so
 * Gatehouse serves one of its own, at an absolute URL on its public origin; an admin sets their own on
 * /settings/profile or with `gatehouse admin avatar`. Everything else of `/me` stays seed 002's.
 */
const ME_KEYS = ["type", "id", "email", "name", "email_verified", "app", "avatar", "has_inbox_seat"];

describe("/me's avatar", () => {
  let gh: Gatehouse;
  let tenant: Tenant;

  const me = async () => {
    const response = await fetch(`${gh.url}/me`, { headers: bearer(tenant.token) });
    assert.equal(response.status, 200);
    return (await response.json()) as { avatar: { type: string; image_url: string } };
  };

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    tenant = await createTenant(gh.services, { name: "Avatars" });
  });
  after(() => gh.close());

  it("answers Gatehouse's default avatar, an absolute URL serving a PNG, for an admin with no photo", async () => {
    const body = await me();
    assert.deepEqual(Object.keys(body), ME_KEYS);
    assert.deepEqual(body.avatar, { type: "avatar", image_url: `${gh.url}/assets/default-avatar.png` });
    const image = await fetch(body.avatar.image_url);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get("content-type"), "image/png");
    const bytes = Buffer.from(await image.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(bytes.readUInt32BE(16), 128, "128 pixels wide");
  });

  it("names the default at the origin the request reached, when no public URL is configured", async () => {
    const response = await gh.server.inject({
      url: "/me",
      headers: { ...bearer(tenant.token), host: "gatehouse.test" },
    });
    const body = response.json() as { avatar: { image_url: string } };
    assert.equal(body.avatar.image_url, "http://gatehouse.test/assets/default-avatar.png");
    assert.equal((await me()).avatar.image_url, `${gh.url}/assets/default-avatar.png`);
  });

  it("shows the admin's own avatar, set on /settings/profile, at once; an unusable URL is refused", async () => {
    const browser = new Browser(gh.url);
    await browser.signIn(tenant.admin.email, TENANT_PASSWORD);
    const page = await browser.get("/settings/profile");
    assert.equal(page.status, 200);
    const bad = await browser.post("/settings/profile/avatar", {
      _csrf: csrfOf(page.body),
      avatar_url: "javascript:alert(1)",
    });
    assert.equal(bad.status, 400);
    const photo = "https://static.example.com/avatars/hermione.jpg";
    const saved = await browser.post("/settings/profile/avatar", {
      _csrf: csrfOf(page.body),
      avatar_url: photo,
    });
    assert.equal(saved.status, 303);
    assert.equal((await me()).avatar.image_url, photo);
    const cleared = await browser.post("/settings/profile/avatar", {
      _csrf: csrfOf(page.body),
      avatar_url: "",
    });
    assert.equal(cleared.status, 303);
    assert.equal((await me()).avatar.image_url, `${gh.url}/assets/default-avatar.png`);
  });

  it("is set and cleared with gatehouse admin avatar", async () => {
    const cli = cliOf(gh);
    const photo = "https://static.example.com/avatars/cli.png";
    const set = await cli("admin", "avatar", "--email", tenant.admin.email, "--set", photo, "--json");
    assert.equal(set.code, 0, set.stderr);
    assert.equal(JSON.parse(set.stdout).avatar_url, photo);
    // The command is another process: the server hears of its write within SQLite's change poll.
    const shown = await settled(me, (body) => body.avatar.image_url === photo);
    assert.equal(shown.avatar.image_url, photo);
    const bad = await cli(
      "admin",
      "avatar",
      "--email",
      tenant.admin.email,
      "--set",
      "ftp://example.com/a.png",
    );
    assert.notEqual(bad.code, 0);
    const cleared = await cli("admin", "avatar", "--email", tenant.admin.email, "--clear", "--json");
    assert.equal(JSON.parse(cleared.stdout).avatar_url, null);
    const fallback = `${gh.url}/assets/default-avatar.png`;
    const reset = await settled(me, (body) => body.avatar.image_url === fallback);
    assert.equal(reset.avatar.image_url, fallback);
  });
});
