import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { setDefaultApiVersion } from "../src/platform/apps/api-version.ts";
import { createContact, tagContact } from "../src/resources/contacts/contacts.ts";
import { blockContact } from "../src/resources/contacts/lifecycle.ts";
import { createSegment } from "../src/resources/segments.ts";
import { createOrUpdateTag } from "../src/resources/tags.ts";
import type { Json } from "./support/api.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
  tenantHolding,
} from "./support/gatehouse.ts";

/**
 * Intercom's 1.x Users API over contacts with the `user` role (issue 13, item 9), spoken as its clients
 * spoke it: the rules of "Create or Update User", the lists and their paging, the archive, the errors,
 * and the 404 every other version gets. The clients themselves (curl, intercom-client 2.x) are in
 * users-1x-clients.test.ts.
 */
interface Call {
  method?: string;
  body?: unknown;
  version?: string | null;
  token?: string;
}

describeEachDatabase("the 1.x Users API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;

  async function call(path: string, init: Call = {}) {
    const version = init.version === undefined ? "1.4" : init.version;
    const response = await gh.fetch(gh.url + path, {
      method: init.method ?? "GET",
      headers: {
        ...bearer(init.token ?? tenant.token),
        ...(version !== null && { "intercom-version": version }),
        ...(init.body !== undefined && { "content-type": "application/json" }),
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : undefined) as Json,
    };
  }
  const post = (body: unknown, init: Call = {}) => call("/users", { ...init, method: "POST", body });
  const unique = () => Math.random().toString(36).slice(2, 10);

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { name: "Serenity" });
  });
  after(() => gh.close());

  it("creates a user and answers the 1.x user object, by id, user_id and email", async () => {
    const created = await post({
      user_id: "25",
      email: "Wash@Example.com",
      name: "Hoban Washburne",
      phone: "555671243",
      signed_up_at: 1392731331,
      last_request_at: 1480076371,
      custom_attributes: { paid_subscriber: true, monthly_spend: 155.5, team_mates: 9 },
      companies: [{ company_id: "366", name: "Serenity" }],
    });
    assert.equal(created.status, 200);
    const user = created.body;
    assert.equal(user.type, "user");
    assert.match(user.id, /^[0-9a-f]{24}$/);
    assert.equal(user.user_id, "25");
    assert.equal(user.email, "wash@example.com", "downcased, as 1.x stores it");
    assert.equal(user.anonymous, false);
    assert.equal(user.app_id, tenant.workspace.id_code);
    assert.equal(user.signed_up_at, 1392731331);
    assert.equal(user.remote_created_at, 1392731331);
    assert.equal(user.last_request_at, 1480076371);
    assert.equal(user.owner_id, null, "1.4 carries owner_id");
    assert.deepEqual(user.custom_attributes, { paid_subscriber: true, monthly_spend: 155.5, team_mates: 9 });
    assert.deepEqual(
      user.companies.companies.map((c: Json) => [c.type, c.company_id, c.name]),
      [["company", "366", "Serenity"]],
    );
    assert.deepEqual(user.tags, { type: "tag.list", tags: [] });
    assert.deepEqual(user.segments, { type: "segment.list", segments: [] });
    assert.deepEqual(user.avatar, { type: "avatar", image_url: null });
    assert.equal(user.location_data.type, "location_data");
    assert.equal("latitude" in user.location_data, false, "1.2 removed latitude");
    assert.equal("last_seen_ip" in user, false, "1.2 removed last_seen_ip");

    assert.deepEqual((await call(`/users/${user.id}`)).body, user);
    assert.deepEqual((await call("/users?user_id=25")).body, user);
    // The same contact, as 2.x sees it.
    const contact = await call(`/contacts/${user.id}`, { version: "2.14" });
    assert.equal(contact.body.role, "user");
    assert.equal(contact.body.external_id, "25");
  });

  it("shows each version's own differences of the user object", async () => {
    const { body } = await post({ user_id: `v-${unique()}` });
    const early = (await call(`/users/${body.id}`, { version: "1.1" })).body;
    assert.equal(early.last_seen_ip, null);
    assert.equal(early.user_agent_data, null);
    assert.equal(early.location_data.latitude, null);
    assert.equal("owner_id" in early, false, "owner_id came with 1.4");
    const v13 = (await call(`/users/${body.id}`, { version: "1.3" })).body;
    assert.equal("owner_id" in v13, false);
    assert.equal("last_seen_ip" in v13, false);
  });

  it("finds by email one user on 1.0 (409 when several share it) and lists them from 1.1", async () => {
    const email = `shared-${unique()}@example.com`;
    const first = (await post({ user_id: `a-${unique()}`, email })).body;
    assert.equal(
      (await call(`/users?email=${encodeURIComponent(email)}`, { version: "1.0" })).body.id,
      first.id,
    );
    const second = (await post({ user_id: `b-${unique()}`, email })).body;
    assert.notEqual(second.id, first.id, "a different user_id with a known email is a new user");
    const conflict = await call(`/users?email=${encodeURIComponent(email.toUpperCase())}`, {
      version: "1.0",
    });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.errors[0].code, "conflict");
    assert.match(conflict.body.errors[0].message, /^Multiple existing users match this email address/);
    const list = await call(`/users?email=${encodeURIComponent(email)}`, { version: "1.1" });
    assert.equal(list.body.type, "user.list");
    assert.equal(list.body.total_count, 2);
    assert.deepEqual(list.body.users.map((u: Json) => u.id).sort(), [first.id, second.id].sort());
    const none = await call("/users?email=nobody%40example.com", { version: "1.2" });
    assert.equal(none.status, 200);
    assert.deepEqual(none.body.users, []);
    assert.deepEqual(none.body.pages, { type: "pages", next: null, page: 1, per_page: 50, total_pages: 0 });
    const missing = await call("/users?email=nobody%40example.com", { version: "1.0" });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.errors[0].message, "User Not Found");
  });

  it("lists by phone from 1.2, and ignores phone before it", async () => {
    const phone = `+353-${unique()}`;
    const user = (await post({ user_id: `p-${unique()}`, phone })).body;
    const byPhone = await call(`/users?phone=${encodeURIComponent(phone)}`, { version: "1.2" });
    assert.deepEqual(
      byPhone.body.users.map((u: Json) => u.id),
      [user.id],
    );
    const ignored = await call(`/users?phone=${encodeURIComponent(phone)}`, { version: "1.1" });
    assert.ok(ignored.body.total_count > 1, "on 1.1 the list is not filtered by phone");
  });

  it("updates as Create or Update User says: by id, by user_id, by email without a user_id", async () => {
    const email = `mal-${unique()}@example.com`;
    const byEmail = (await post({ email, name: "Mal" })).body;
    assert.equal(byEmail.user_id, null);
    // Found by email, with no user_id of its own: it takes the one sent.
    const userId = `mal-${unique()}`;
    const adopted = (await post({ email, user_id: userId })).body;
    assert.equal(adopted.id, byEmail.id);
    assert.equal(adopted.user_id, userId);
    // Found by user_id: the email is updated, the id stays.
    const moved = (await post({ user_id: userId, email: `captain-${email}` })).body;
    assert.equal(moved.id, byEmail.id);
    assert.equal(moved.email, `captain-${email}`);
    // Found by id: user_id and email are updated.
    const renamed = (await post({ id: byEmail.id, user_id: `${userId}-2`, name: "Malcolm" })).body;
    assert.equal(renamed.id, byEmail.id);
    assert.equal(renamed.user_id, `${userId}-2`);
    assert.equal(renamed.name, "Malcolm");
    // Custom attributes merge: Ruby 3.x always sends {} and means no change.
    await post({ id: byEmail.id, custom_attributes: { ship: "Serenity" } });
    const merged = (await post({ id: byEmail.id, custom_attributes: { rank: "captain" } })).body;
    assert.deepEqual(merged.custom_attributes, { ship: "Serenity", rank: "captain" });
    assert.deepEqual(
      (await post({ id: byEmail.id, custom_attributes: {} })).body.custom_attributes,
      merged.custom_attributes,
    );
  });

  it("stamps last_request_at for update_last_request_at and new_session", async () => {
    const since = Math.floor(Date.now() / 1000);
    const user = (
      await post({ user_id: `seen-${unique()}`, last_request_at: 1000, update_last_request_at: true })
    ).body;
    assert.ok(user.last_request_at >= since, "update_last_request_at wins over a time sent beside it");
    const other = (await post({ user_id: `s-${unique()}`, new_session: true })).body;
    assert.ok(other.last_request_at >= since);
    assert.equal(other.session_count, 0, "Gatehouse counts no sessions");
  });

  it("refuses what 1.x refuses, in Intercom's error list with the field", async () => {
    const cases: Array<[unknown, number, string, string | undefined]> = [
      [{ name: "nobody" }, 400, "bad_request", undefined],
      [{ user_id: "x".repeat(65_536) }, 400, "parameter_invalid", "user_id"],
      [{ user_id: "ok", email: "not an email" }, 400, "parameter_invalid", "email"],
      [
        { user_id: "ok", custom_attributes: { nested: { a: 1 } } },
        400,
        "parameter_invalid",
        "custom_attributes.nested",
      ],
      [{ user_id: "ok", custom_attributes: { "a.b": 1 } }, 400, "parameter_invalid", "custom_attributes"],
      [{ user_id: "ok", signed_up_at: "yesterday" }, 400, "parameter_invalid", "signed_up_at"],
      [{ user_id: "ok", companies: [{ name: "no id" }] }, 400, "parameter_not_found", "company_id"],
      [{ id: "5321a20f72cdbb4192000013" }, 404, "not_found", undefined],
      [[1, 2], 400, "parameter_invalid", undefined],
    ];
    for (const [body, status, code, field] of cases) {
      const answer = await post(body);
      assert.equal(answer.status, status, JSON.stringify(body).slice(0, 80));
      assert.equal(answer.body.type, "error.list");
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(answer.body).slice(0, 200));
      assert.equal(answer.body.errors[0].field, field, JSON.stringify(body).slice(0, 80));
    }
    assert.equal(
      (await post({ name: "nobody" })).body.errors[0].message,
      "User email, user_id or anonymous_id must be supplied",
    );
    // A user_id another user holds (intercom-ruby#191).
    const held = `held-${unique()}`;
    await post({ user_id: held });
    const other = (await post({ user_id: `other-${unique()}` })).body;
    const taken = await post({ id: other.id, user_id: held });
    assert.equal(taken.status, 400);
    assert.deepEqual(taken.body.errors[0], {
      code: "unique_user_constraint",
      message: "User already exists.",
    });
    // unsubscribed_from_emails: null is refused from 1.3 and ignored before.
    assert.equal((await post({ id: other.id, unsubscribed_from_emails: null })).status, 400);
    assert.equal(
      (await post({ id: other.id, unsubscribed_from_emails: null }, { version: "1.2" })).status,
      200,
    );
    assert.equal((await call("/users?order=sideways")).body.errors[0].field, "order");
    assert.equal((await call("/users?per_page=0")).body.errors[0].field, "per_page");
  });

  it("brings back an archived user it finds, and never a blocked one", async () => {
    const userId = `gone-${unique()}`;
    const user = (await post({ user_id: userId })).body;
    const archived = await call(`/users/${user.id}`, { method: "DELETE" });
    assert.equal(archived.status, 200);
    assert.equal(archived.body.id, user.id);
    assert.equal((await call(`/users/${user.id}`)).status, 404);
    const back = (await post({ user_id: userId, name: "Back" })).body;
    assert.equal(back.id, user.id);
    assert.equal((await call(`/users/${user.id}`)).body.name, "Back");
    await blockContact(gh.services, tenant.workspace.id, user.id);
    const refused = await post({ user_id: userId });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.errors[0].code, "not_restorable");
  });

  it("archives by id, user_id and email, and PHP's body form; finds and lists then miss the user", async () => {
    for (const by of ["id", "user_id", "email", "body"] as const) {
      const user = (await post({ user_id: `arch-${unique()}`, email: `arch-${unique()}@example.com` })).body;
      const answer =
        by === "id"
          ? await call(`/users/${user.id}`, { method: "DELETE" })
          : by === "body"
            ? await call("/users/", { method: "DELETE", body: { user_id: user.user_id } })
            : await call(`/users?${by}=${encodeURIComponent(user[by])}`, { method: "DELETE" });
      assert.equal(answer.status, 200, by);
      assert.equal(answer.body.type, "user");
      assert.equal(answer.body.id, user.id);
      assert.equal((await call(`/users/${user.id}`)).status, 404, by);
      assert.equal((await call(`/users?user_id=${encodeURIComponent(user.user_id)}`)).status, 404, by);
      const listed = await call(`/users?email=${encodeURIComponent(user.email)}`);
      assert.equal(listed.body.total_count, 0, by);
      assert.equal(
        (await call(`/contacts/${user.id}`, { version: "2.14" })).status,
        404,
        "archived, as on 2.x",
      );
    }
    const nobody = await call("/users?user_id=nobody-at-all", { method: "DELETE" });
    assert.equal(nobody.status, 404);
    assert.equal(nobody.body.errors[0].message, "User Not Found");
  });

  it("does not show leads as users", async () => {
    const lead = await createContact(gh.services, tenant.workspace.id, {
      role: "lead",
      email: "lead@example.com",
    });
    const answer = await call(`/users/${lead.id}`);
    assert.equal(answer.status, 404);
    assert.equal(answer.body.errors[0].message, "User Not Found");
    assert.equal((await call("/users?email=lead%40example.com")).body.total_count, 0);
  });

  it("pages 1.x lists: per_page at most 60, pages.next an absolute URL keeping the filters, sorted and filtered", async () => {
    const own = await createTenant(gh.services, { name: "Paging" });
    const tag = await createOrUpdateTag(gh.services, own.workspace.id, { name: `crew-${unique()}` });
    const made: Json[] = [];
    for (let i = 0; i < 65; i++) {
      const user = (
        await post({ user_id: `crew-${i}`, signed_up_at: 1_000_000 + (i % 7) }, { token: own.token })
      ).body;
      made.push(user);
      if (i % 2 === 0) await tagContact(gh.services, own.workspace.id, user.id, tag.id);
    }
    const first = await call("/users?per_page=500", { token: own.token });
    assert.equal(first.body.total_count, 65);
    assert.equal(first.body.pages.per_page, 60);
    assert.equal(first.body.users.length, 60);
    assert.equal(first.body.pages.total_pages, 2);
    assert.equal(first.body.limited, false);
    assert.deepEqual(first.body.users[0].id, made.at(-1).id, "newest first by default");
    const next = new URL(first.body.pages.next);
    assert.equal(next.origin, gh.url);
    assert.equal(next.search, "?per_page=60&page=2");
    const second = await call(next.pathname + next.search, { token: own.token });
    assert.equal(second.body.users.length, 5);
    assert.equal(second.body.pages.next, null);
    const seen = [...first.body.users, ...second.body.users].map((u: Json) => u.id);
    assert.equal(new Set(seen).size, 65, "each user once");

    const tagged = await call(`/users?tag_id=${tag.id}&per_page=20&order=asc`, { token: own.token });
    assert.equal(tagged.body.total_count, 33);
    assert.equal(tagged.body.users[0].user_id, "crew-0");
    assert.equal(new URL(tagged.body.pages.next).search, `?tag_id=${tag.id}&order=asc&per_page=20&page=2`);
    const sorted = await call("/users?sort=signed_up_at&order=desc&per_page=60", { token: own.token });
    const times = sorted.body.users.map((u: Json) => u.signed_up_at);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );

    const segment = await createSegment(gh.services, own.workspace.id, {
      name: "Early crew",
      query: { field: "external_id", operator: "=", value: "crew-3" },
    });
    const inSegment = await call(`/users?segment_id=${segment.id}`, { token: own.token });
    assert.deepEqual(
      inSegment.body.users.map((u: Json) => u.user_id),
      ["crew-3"],
    );
    assert.equal((await call("/users?segment_id=nope", { token: own.token })).body.total_count, 0);
    const both = await call(`/users?segment_id=${segment.id}&tag_id=${tag.id}`, { token: own.token });
    assert.equal(both.status, 400);
    assert.equal(both.body.errors[0].code, "parameter_invalid");
    assert.equal((await call("/users?created_since=1", { token: own.token })).body.total_count, 65);
    assert.equal((await call("/users?page=200&per_page=60", { token: own.token })).body.users.length, 0);
  });

  it("scrolls every user once, 100 at a time, ending on an empty page that keeps its param", async () => {
    const own = await createTenant(gh.services, { name: "Scroll" });
    for (let i = 0; i < 130; i++) await post({ user_id: `s-${i}` }, { token: own.token });
    const first = await call("/users/scroll", { token: own.token });
    assert.equal(first.body.users.length, 100);
    assert.equal("pages" in first.body, false);
    const second = await call(`/users/scroll?scroll_param=${first.body.scroll_param}`, { token: own.token });
    assert.equal(second.body.users.length, 30);
    const end = await call(`/users/scroll?scroll_param=${second.body.scroll_param}`, { token: own.token });
    assert.deepEqual(end.body.users, []);
    assert.equal(end.body.scroll_param, second.body.scroll_param);
    const ids = [...first.body.users, ...second.body.users].map((u: Json) => u.user_id);
    assert.equal(new Set(ids).size, 130);
    const forged = await call("/users/scroll?scroll_param=not-ours", { token: own.token });
    assert.equal(forged.status, 404);
    assert.equal(forged.body.errors[0].message, "Scroll Parameter Not Found");
  });

  it("makes one user of twenty parallel creates of one email", async () => {
    const email = `rush-${unique()}@example.com`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => post({ email })));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    assert.equal((await call(`/users?email=${encodeURIComponent(email)}`)).body.total_count, 1);
  });

  it("needs the contact routes' scopes: one user to read it, the list scopes to list", async () => {
    const user = (await post({ user_id: `scoped-${unique()}` })).body;
    const single = await tenantHolding(gh.services, ["read_single_user_company"]);
    // A different workspace: the tenant's user is not found there, which still proves the door let it in.
    assert.equal((await call(`/users/${user.id}`, { token: single.token })).status, 404);
    const listing = await call("/users", { token: single.token });
    assert.equal(listing.status, 403);
    assert.match(listing.headers.get("www-authenticate") ?? "", /insufficient_scope/);
    assert.equal((await call("/users?user_id=x", { token: single.token })).status, 404);
    assert.equal((await post({ user_id: "x" }, { token: single.token })).status, 403);
  });

  it("is not there on 2.x: the same 404 as a path no route serves, by header or by the app's default", async () => {
    const user = (await post({ user_id: `two-${unique()}` })).body;
    const unknown = await call("/no/such/route", { version: null });
    const shape = (a: Awaited<ReturnType<typeof call>>) => ({
      status: a.status,
      body: { ...a.body, request_id: "…" },
      headers: [...a.headers.keys()].filter((h) => h !== "date" && h !== "content-length").sort(),
    });
    for (const version of ["2.0", "2.14", "2.16", "Unstable", "Preview"]) {
      for (const [method, path] of [
        ["GET", `/users/${user.id}`],
        ["GET", "/users?user_id=x"],
        ["POST", "/users"],
        ["DELETE", `/users/${user.id}`],
        ["GET", "/users/scroll"],
      ] as const) {
        const answer = await call(path, {
          method,
          version,
          ...(method === "POST" && { body: { user_id: "x" } }),
        });
        assert.deepEqual(shape(answer), shape(unknown), `${version} ${method} ${path}`);
      }
    }
    // No header: the app's default (2.14 here) decides; and a bad token is told so, as the version is
    // then unknown.
    assert.deepEqual(shape(await call(`/users/${user.id}`, { version: null })), shape(unknown));
    assert.equal((await call(`/users/${user.id}`, { version: null, token: "gat_nope" })).status, 401);
    // Even without a token: a 2.x header needs none to know the route is not there.
    assert.equal((await call(`/users/${user.id}`, { version: "2.14", token: "" })).status, 404);
    // An unknown version is still a 400 in Intercom's shape.
    const invalid = await call(`/users/${user.id}`, { version: "1.5" });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.errors[0].code, "intercom_version_invalid");
    // The user is still there, for 1.x.
    assert.equal((await call(`/users/${user.id}`)).status, 200);
  });

  it("serves 1.x when the app's default is 1.x and the request sends no header", async () => {
    const own = await createTenant(gh.services, { name: "Old integration" });
    await setDefaultApiVersion(gh.services, own.app.app.id, "1.1");
    const user = (await post({ user_id: "legacy" }, { token: own.token, version: null })).body;
    assert.equal(user.type, "user");
    const found = (await call(`/users/${user.id}`, { token: own.token, version: null })).body;
    assert.equal(found.last_seen_ip, null, "1.1's shape, from the app's default");
    // The header still wins over the default, either way.
    assert.equal((await call(`/users/${user.id}`, { token: own.token, version: "2.14" })).status, 404);
    assert.equal(
      "last_seen_ip" in (await call(`/users/${user.id}`, { token: own.token, version: "1.4" })).body,
      false,
    );
  });
});
