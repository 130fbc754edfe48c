import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { IntercomClient, IntercomError } from "intercom-client";
import { createContact } from "../src/resources/contacts/contacts.ts";
import {
  DEFAULT_SUBSCRIPTION_TYPES,
  defineSubscriptionType,
  listSubscriptionTypes,
} from "../src/resources/subscription-types.ts";
import { migrate } from "../src/storage/database.ts";
import { type ApiInit, callApi, type Json } from "./support/api.ts";
import { cliOf } from "./support/cli.ts";
import { oldWorkspace, withStorageBefore } from "./support/databases.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

/** Notes on contacts, and subscription types with contacts' choices about them: HTTP, SDK and CLI. */

const errorOf = (body?: Json) => ((body?.errors ?? []) as Json[])[0] ?? {};
const unique = () => crypto.randomBytes(4).toString("hex");

describeEachDatabase("notes and subscription types API", (database) => {
  let gh: Gatehouse;
  let key: string;
  let tenant: Tenant;
  let other: Tenant;

  const call = (t: Tenant, path: string, init: ApiInit = {}) => callApi(gh.url, t.token, path, init);
  const contactOf = async (t: Tenant) =>
    (await createContact(gh.services, t.workspace.id, { email: `c-${unique()}@example.com` })).id;
  const note = (t: Tenant, contactId: string, body: unknown) =>
    call(t, `/contacts/${contactId}/notes`, { method: "POST", body });
  const attach = (t: Tenant, contactId: string, body: unknown) =>
    call(t, `/contacts/${contactId}/subscriptions`, { method: "POST", body });
  const typesOf = async (t: Tenant) => listSubscriptionTypes(gh.services, t.workspace.id);

  /** Everything these routes may write, across every workspace: what a refusal must leave as it was. */
  async function snapshot() {
    const db = gh.services.db;
    return {
      notes: await db.selectFrom("notes").selectAll().orderBy("id").execute(),
      contacts: await db.selectFrom("contacts").select(["seq", "updated_at"]).orderBy("seq").execute(),
      types: await db.selectFrom("subscription_types").selectAll().orderBy("id").execute(),
      choices: await db
        .selectFrom("contact_subscriptions")
        .selectAll()
        .orderBy("contact_seq")
        .orderBy("subscription_type_id")
        .execute(),
    };
  }

  async function refusedWithoutChange(
    attempt: () => Promise<{ status: number; body: Json }>,
    status: number,
    error: { code: string; message?: string | RegExp },
    label: string,
  ) {
    const before = await snapshot();
    const answer = await attempt();
    assert.equal(answer.status, status, `${label}: ${JSON.stringify(answer.body)}`);
    const got = errorOf(answer.body);
    assert.equal(got.code, error.code, label);
    if (typeof error.message === "string") assert.equal(got.message, error.message, label);
    else if (error.message) assert.match(got.message, error.message, label);
    assert.deepEqual(await snapshot(), before, `${label}: changed nothing`);
  }

  before(async () => {
    key = crypto.randomBytes(32).toString("base64url");
    gh = await startGatehouse(database, { env: { GATEHOUSE_SECRET_KEY: key } });
    tenant = await createTenant(gh.services);
    other = await createTenant(gh.services);
  });
  after(() => gh.close());

  it("writes a note in Intercom's shape, reads it back, and lists it", async () => {
    const contact = await contactOf(tenant);
    const created = await note(tenant, contact, {
      contact_id: contact,
      admin_id: tenant.admin.id,
      body: "Hello",
    });
    assert.equal(created.status, 200, created.text);
    assert.match(created.body.id, /^[0-9]+$/);
    assert.ok(Math.abs(created.body.created_at - Date.now() / 1000) < 60);
    assert.deepEqual(created.body, {
      type: "note",
      id: created.body.id,
      created_at: created.body.created_at,
      contact: { type: "contact", id: contact },
      author: {
        type: "admin",
        id: String(tenant.admin.id),
        name: tenant.admin.name,
        email: tenant.admin.email,
        away_mode_enabled: false,
        away_mode_reassign: false,
        away_status_reason_id: null,
        has_inbox_seat: true,
        team_ids: [],
      },
      body: "<p>Hello</p>",
    });

    const found = await call(tenant, `/notes/${created.body.id}`);
    assert.equal(found.status, 200);
    assert.deepEqual(found.body, created.body);

    const listed = await call(tenant, `/contacts/${contact}/notes`);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body, {
      type: "list",
      data: [created.body],
      total_count: 1,
      pages: { type: "pages", next: null, page: 1, per_page: 50, total_pages: 1 },
    });
  });

  it("keeps plain text as paragraphs and HTML as sent; attributes a note without admin_id to the token's admin", async () => {
    const contact = await contactOf(tenant);
    const plain = await note(tenant, contact, { body: "First line\n\nSecond <line> & more" });
    assert.equal(plain.status, 200, plain.text);
    assert.equal(plain.body.body, "<p>First line</p><p>Second &lt;line&gt; &amp; more</p>");
    assert.equal(plain.body.author.id, String(tenant.admin.id));
    const html = await note(tenant, contact, { body: "<p>Already <b>HTML</b></p>", admin_id: null });
    assert.equal(html.body.body, "<p>Already <b>HTML</b></p>");
    assert.equal((await call(tenant, `/notes/${html.body.id}`)).body.body, "<p>Already <b>HTML</b></p>");
  });

  it("pages a contact's notes newest first, and the contact shows its count and newest ten", async () => {
    const contact = await contactOf(tenant);
    const ids: string[] = [];
    for (let i = 1; i <= 12; i++) {
      const created = await note(tenant, contact, { body: `Note ${i}`, admin_id: String(tenant.admin.id) });
      assert.equal(created.status, 200, created.text);
      ids.push(created.body.id);
    }
    const newestFirst = [...ids].reverse();

    const first = await call(tenant, `/contacts/${contact}/notes?per_page=5`);
    assert.deepEqual(
      first.body.data.map((n: Json) => n.id),
      newestFirst.slice(0, 5),
    );
    assert.equal(first.body.total_count, 12);
    assert.equal(first.body.pages.total_pages, 3);
    assert.equal(first.body.pages.page, 1);
    assert.match(first.body.pages.next, /\/contacts\/[0-9a-f]{24}\/notes\?page=2&per_page=5$/);
    const third = await call(tenant, `/contacts/${contact}/notes?page=3&per_page=5`);
    assert.deepEqual(
      third.body.data.map((n: Json) => n.id),
      newestFirst.slice(10),
    );
    assert.equal(third.body.pages.next, null);
    const beyond = await call(tenant, `/contacts/${contact}/notes?page=4&per_page=5`);
    assert.equal(beyond.status, 200);
    assert.deepEqual(beyond.body.data, []);

    const expectedNotes = {
      type: "list",
      data: newestFirst.slice(0, 10).map((id) => ({ type: "note", id, url: `/notes/${id}` })),
      url: `/contacts/${contact}/notes`,
      total_count: 12,
      has_more: true,
    };
    const shown = await call(tenant, `/contacts/${contact}`);
    assert.deepEqual(shown.body.notes, expectedNotes);
    const searched = await call(tenant, "/contacts/search", {
      method: "POST",
      body: { query: { field: "id", operator: "=", value: contact } },
    });
    assert.deepEqual(searched.body.data[0].notes, expectedNotes);

    const quiet = await contactOf(tenant);
    assert.deepEqual((await call(tenant, `/contacts/${quiet}`)).body.notes, {
      type: "list",
      data: [],
      url: `/contacts/${quiet}/notes`,
      total_count: 0,
      has_more: false,
    });
    assert.deepEqual((await call(tenant, `/contacts/${quiet}/notes`)).body, {
      type: "list",
      data: [],
      total_count: 0,
      pages: { type: "pages", next: null, page: 1, per_page: 50, total_pages: 0 },
    });
  });

  it("summarises notes written at the same moment, each counted once", async () => {
    const contact = await contactOf(tenant);
    const written = await Promise.all(
      Array.from({ length: 12 }, (_, i) => note(tenant, contact, { body: `Together ${i}` })),
    );
    for (const w of written) assert.equal(w.status, 200, w.text);
    const ids = written.map((w) => Number(w.body.id)).sort((a, b) => b - a);
    const shown = (await call(tenant, `/contacts/${contact}`)).body.notes;
    assert.equal(shown.total_count, 12);
    assert.deepEqual(
      shown.data.map((n: Json) => Number(n.id)),
      ids.slice(0, 10),
    );
  });

  it("refuses notes on unknown or other workspaces' contacts, by unknown admins, or without a body, writing nothing", async () => {
    const contact = await contactOf(tenant);
    const theirs = await contactOf(other);
    const admin_id = String(tenant.admin.id);
    const userNotFound = { code: "not_found", message: "User Not Found" };
    const resourceNotFound = { code: "not_found", message: "Resource Not Found" };
    for (const id of ["123", "0123456789abcdef01234567", theirs]) {
      await refusedWithoutChange(
        () => note(tenant, id, { body: "Hello", admin_id }),
        404,
        userNotFound,
        `note on ${id}`,
      );
      await refusedWithoutChange(
        () => call(tenant, `/contacts/${id}/notes`),
        404,
        userNotFound,
        `notes of ${id}`,
      );
    }
    for (const unknown of ["123", 999_999_999, String(other.admin.id), "999999999999"]) {
      await refusedWithoutChange(
        () => note(tenant, contact, { body: "Hello", admin_id: unknown }),
        404,
        resourceNotFound,
        `admin ${unknown}`,
      );
    }
    const wrong: Array<[unknown, number, string]> = [
      [{ admin_id }, 400, "parameter_not_found"],
      [{ body: "   ", admin_id }, 400, "parameter_not_found"],
      [{ body: null, admin_id }, 400, "parameter_not_found"],
      [{ body: 42, admin_id }, 400, "parameter_invalid"],
      [{ body: ["Hello"], admin_id }, 400, "parameter_invalid"],
      [{ body: "Hello", admin_id: "abc" }, 400, "parameter_invalid"],
      [{ body: "Hello", admin_id: { id: admin_id } }, 400, "parameter_invalid"],
      [{ body: "Hello", admin_id: true }, 400, "parameter_invalid"],
      [{ body: "x".repeat(65_536), admin_id }, 400, "parameter_invalid"],
      [{ body: "Hello\u0000", admin_id }, 400, "parameter_invalid"],
      [["Hello"], 400, "parameter_invalid"],
      ["Hello", 400, "parameter_invalid"],
    ];
    for (const [body, status, code] of wrong) {
      await refusedWithoutChange(
        () => note(tenant, contact, body),
        status,
        { code },
        `body ${JSON.stringify(body).slice(0, 60)}`,
      );
    }
    // A contact the path does not name is not where the note goes: the path's contact is.
    const elsewhere = await note(tenant, contact, { body: "Here", admin_id, contact_id: theirs });
    assert.equal(elsewhere.status, 200);
    assert.equal(elsewhere.body.contact.id, contact);
    assert.equal((await call(other, `/contacts/${theirs}`)).body.notes.total_count, 0);
  });

  it("shows no workspace another's notes", async () => {
    const contact = await contactOf(tenant);
    const mine = await note(tenant, contact, { body: "Mine" });
    assert.equal(mine.status, 200);
    for (const id of [mine.body.id, "abc", "0", "99999999999"]) {
      const missing = await call(other, `/notes/${id}`);
      assert.equal(missing.status, 404, id);
      assert.deepEqual(errorOf(missing.body), { code: "not_found", message: "Resource Not Found" });
    }
    assert.equal((await call(other, `/contacts/${contact}/notes`)).status, 404);
    assert.equal((await call(tenant, `/notes/${mine.body.id}`)).status, 200);
  });

  it("notes through the official SDK", async () => {
    const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const contact = await contactOf(tenant);
    const created = await client.notes.create({
      contact_id: contact,
      body: "From the SDK",
      admin_id: String(tenant.admin.id),
    });
    assert.equal(created.body, "<p>From the SDK</p>");
    assert.equal(created.contact?.id, contact);
    assert.equal(created.author?.id, String(tenant.admin.id));
    const found = await client.notes.find({ note_id: Number(created.id) });
    assert.deepEqual(found, created);
    for (let i = 0; i < 4; i++) await client.notes.create({ contact_id: contact, body: `More ${i}` });
    const seen: string[] = [];
    for await (const item of await client.notes.list({ contact_id: contact, per_page: 2 }))
      seen.push(item.id);
    assert.equal(seen.length, 5);
    assert.equal(seen.at(-1), created.id);
    assert.equal(new Set(seen).size, 5);
    await assert.rejects(
      client.notes.find({ note_id: 999_999_999 }),
      (error: unknown) => error instanceof IntercomError && error.statusCode === 404,
    );
    await assert.rejects(
      client.notes.create({ contact_id: contact, body: "x", admin_id: String(other.admin.id) }),
      (error: unknown) =>
        error instanceof IntercomError &&
        error.statusCode === 404 &&
        (error.body as Json).errors[0].message === "Resource Not Found",
    );
  });

  it("gives every workspace its own subscription types, in Intercom's shape", async () => {
    const mine = await call(tenant, "/subscription_types");
    assert.equal(mine.status, 200);
    const rows = await typesOf(tenant);
    assert.deepEqual(mine.body, {
      type: "list",
      data: DEFAULT_SUBSCRIPTION_TYPES.map((t, i) => ({
        type: "subscription",
        id: String(rows[i]?.id),
        state: "live",
        consent_type: t.consentType,
        default_translation: { name: t.name, description: t.description, locale: "en" },
        translations: [{ name: t.name, description: t.description, locale: "en" }],
        content_types: t.contentTypes,
      })),
    });
    const theirs = await call(other, "/subscription_types");
    assert.equal(theirs.body.data.length, DEFAULT_SUBSCRIPTION_TYPES.length);
    const mineIds = new Set(mine.body.data.map((t: Json) => t.id));
    for (const t of theirs.body.data) assert.ok(!mineIds.has(t.id), "no type is shared");
  });

  it("records, lists and forgets a contact's choices", async () => {
    const contact = await contactOf(tenant);
    const [newsletters, , sms] = await typesOf(tenant);
    assert.ok(newsletters && sms);
    assert.deepEqual((await call(tenant, `/contacts/${contact}/subscriptions`)).body, {
      type: "list",
      data: [],
    });

    const out = await attach(tenant, contact, { id: String(newsletters.id), consent_type: "opt_out" });
    assert.equal(out.status, 200, out.text);
    assert.equal(out.body.type, "subscription");
    assert.equal(out.body.id, String(newsletters.id));
    assert.equal(out.body.consent_type, "opt_out");
    const again = await attach(tenant, contact, { id: newsletters.id, consent_type: "opt_out" });
    assert.deepEqual(again.body, out.body);
    const inSms = await attach(tenant, contact, { id: sms.id, consent_type: "opt_in" });
    assert.equal(inSms.status, 200, inSms.text);
    assert.deepEqual(inSms.body.content_types, ["sms_message"]);

    const listed = await call(tenant, `/contacts/${contact}/subscriptions`);
    assert.deepEqual(listed.body, { type: "list", data: [out.body, inSms.body] });
    const choices = await gh.services.db
      .selectFrom("contact_subscriptions")
      .innerJoin("contacts", "contacts.seq", "contact_subscriptions.contact_seq")
      .select("subscription_type_id")
      .where("contacts.id", "=", contact)
      .execute();
    assert.equal(choices.length, 2, "choosing twice is choosing once");

    const removed = await call(tenant, `/contacts/${contact}/subscriptions/${newsletters.id}`, {
      method: "DELETE",
    });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body, out.body);
    assert.deepEqual((await call(tenant, `/contacts/${contact}/subscriptions`)).body.data, [inSms.body]);
    const twice = await call(tenant, `/contacts/${contact}/subscriptions/${newsletters.id}`, {
      method: "DELETE",
    });
    assert.equal(twice.status, 200);
    assert.deepEqual((await call(tenant, `/contacts/${contact}/subscriptions`)).body.data, [inSms.body]);
  });

  it("refuses wrong consent, unknown, archived or other workspaces' types and contacts, changing nothing", async () => {
    const contact = await contactOf(tenant);
    const theirContact = await contactOf(other);
    const [newsletters, , sms] = await typesOf(tenant);
    const [theirType] = await typesOf(other);
    assert.ok(newsletters && sms && theirType);
    await attach(tenant, contact, { id: sms.id, consent_type: "opt_in" });
    const archived = await defineSubscriptionType(gh.services, tenant.workspace.id, {
      name: `Old news ${unique()}`,
      state: "archived",
    });
    const userNotFound = { code: "not_found", message: "User Not Found" };
    const resourceNotFound = { code: "not_found", message: "Resource Not Found" };

    const attempts: Array<[unknown, number, { code: string; message?: string | RegExp }]> = [
      [
        { id: newsletters.id, consent_type: "opt_in" },
        400,
        { code: "parameter_invalid", message: /opt_out/ },
      ],
      [{ id: sms.id, consent_type: "opt_out" }, 400, { code: "parameter_invalid", message: /opt_in/ }],
      [{ id: newsletters.id, consent_type: "maybe" }, 400, { code: "parameter_invalid" }],
      [{ id: newsletters.id, consent_type: 1 }, 400, { code: "parameter_invalid" }],
      [{ id: newsletters.id }, 400, { code: "parameter_not_found" }],
      [{ consent_type: "opt_out" }, 400, { code: "parameter_not_found" }],
      [{ id: "invalid_id", consent_type: "opt_in" }, 404, resourceNotFound],
      [{ id: "999999999", consent_type: "opt_in" }, 404, resourceNotFound],
      [{ id: 99_999_999_999, consent_type: "opt_in" }, 404, resourceNotFound],
      [{ id: theirType.id, consent_type: theirType.consent_type }, 404, resourceNotFound],
      [{ id: { id: 1 }, consent_type: "opt_in" }, 400, { code: "parameter_invalid" }],
      [{ id: [newsletters.id], consent_type: "opt_out" }, 400, { code: "parameter_invalid" }],
      [{ id: true, consent_type: "opt_out" }, 400, { code: "parameter_invalid" }],
      [{ id: archived.id, consent_type: "opt_out" }, 400, { code: "parameter_invalid", message: /archived/ }],
      ["opt_in", 400, { code: "parameter_invalid" }],
    ];
    for (const [body, status, error] of attempts) {
      await refusedWithoutChange(
        () => attach(tenant, contact, body),
        status,
        error,
        `attach ${JSON.stringify(body)}`,
      );
    }
    for (const who of ["123", "0123456789abcdef01234567", theirContact]) {
      await refusedWithoutChange(
        () => attach(tenant, who, { id: newsletters.id, consent_type: "opt_out" }),
        404,
        userNotFound,
        `attach to ${who}`,
      );
      await refusedWithoutChange(
        () => call(tenant, `/contacts/${who}/subscriptions`),
        404,
        userNotFound,
        `list of ${who}`,
      );
      await refusedWithoutChange(
        () => call(tenant, `/contacts/${who}/subscriptions/${sms.id}`, { method: "DELETE" }),
        404,
        userNotFound,
        `detach from ${who}`,
      );
    }
    for (const id of [String(theirType.id), "invalid_id", "999999999"]) {
      await refusedWithoutChange(
        () => call(tenant, `/contacts/${contact}/subscriptions/${id}`, { method: "DELETE" }),
        404,
        resourceNotFound,
        `detach ${id}`,
      );
    }
    // The other workspace cannot see or change this contact's choices, nor this one theirs.
    await refusedWithoutChange(
      () => call(other, `/contacts/${contact}/subscriptions/${sms.id}`, { method: "DELETE" }),
      404,
      userNotFound,
      "detach by another workspace",
    );
    assert.deepEqual(
      (await call(tenant, `/contacts/${contact}/subscriptions`)).body.data.map((t: Json) => t.id),
      [String(sms.id)],
    );
    // An archived type can still be let go of.
    const archivedOff = await call(tenant, `/contacts/${contact}/subscriptions/${archived.id}`, {
      method: "DELETE",
    });
    assert.equal(archivedOff.status, 200);
    assert.equal(archivedOff.body.state, "archived");
  });

  it("subscriptions through the official SDK", async () => {
    const fresh = await createTenant(gh.services);
    const client = new IntercomClient({ token: fresh.token, baseUrl: gh.url, fetch: validatingFetch });
    const contact = await contactOf(fresh);
    const types = await client.subscriptionTypes.list();
    assert.deepEqual(
      types.data?.map((t) => t.default_translation?.name),
      DEFAULT_SUBSCRIPTION_TYPES.map((t) => t.name),
    );
    const optIn = types.data?.find((t) => t.consent_type === "opt_in");
    assert.ok(optIn?.id);
    const optInId = optIn.id;
    const attached = await client.contacts.attachSubscription({
      contact_id: contact,
      id: optInId,
      consent_type: "opt_in",
    });
    assert.deepEqual(attached, optIn);
    assert.deepEqual((await client.contacts.listAttachedSubscriptions({ contact_id: contact })).data, [
      optIn,
    ]);
    const detached = await client.contacts.detachSubscription({
      contact_id: contact,
      subscription_id: optInId,
    });
    assert.deepEqual(detached, optIn);
    assert.deepEqual((await client.contacts.listAttachedSubscriptions({ contact_id: contact })).data, []);
    await assert.rejects(
      client.contacts.attachSubscription({ contact_id: contact, id: optInId, consent_type: "opt_out" }),
      (error: unknown) => error instanceof IntercomError && error.statusCode === 400,
    );
    await assert.rejects(
      client.contacts.listAttachedSubscriptions({ contact_id: "0123456789abcdef01234567" }),
      (error: unknown) =>
        error instanceof IntercomError &&
        error.statusCode === 404 &&
        (error.body as Json).errors[0].message === "User Not Found",
    );
  });

  it("lets an operator define subscription types with the CLI", async () => {
    const cli = cliOf(gh);
    const workspace = other.workspace.id_code;
    const defined = await cli(
      "subscription-type",
      "define",
      "--workspace",
      workspace,
      "--name",
      "Webinars",
      "--description",
      "Invitations to live sessions",
      "--consent",
      "opt_in",
      "--content-types",
      "sms_message,email",
      "--json",
    );
    assert.equal(defined.code, 0, defined.stderr);
    const row = JSON.parse(defined.stdout);
    assert.deepEqual(row, {
      id: row.id,
      name: "Webinars",
      description: "Invitations to live sessions",
      consent_type: "opt_in",
      content_types: "email,sms_message",
      state: "live",
    });
    const listed = await call(other, "/subscription_types");
    assert.deepEqual(listed.body.data.at(-1), {
      type: "subscription",
      id: row.id,
      state: "live",
      consent_type: "opt_in",
      default_translation: { name: "Webinars", description: "Invitations to live sessions", locale: "en" },
      translations: [{ name: "Webinars", description: "Invitations to live sessions", locale: "en" }],
      content_types: ["email", "sms_message"],
    });
    assert.ok(!(await call(tenant, "/subscription_types")).body.data.some((t: Json) => t.id === row.id));

    const before = await snapshot();
    for (const args of [
      ["--name", "webinars", "--consent", "opt_out"],
      ["--name", "Webinars", "--content-types", "email"],
      ["--name", "Fresh", "--consent", "sometimes"],
      ["--name", "Fresh", "--content-types", "fax"],
    ]) {
      const refused = await cli("subscription-type", "define", "--workspace", workspace, ...args);
      assert.equal(refused.code, 1, `${args.join(" ")}: ${refused.stdout}`);
    }
    assert.equal(
      (await cli("subscription-type", "define", "--workspace", "nosuchws", "--name", "X")).code,
      1,
    );
    assert.deepEqual(await snapshot(), before, "refused definitions changed nothing");

    const archived = await cli(
      "subscription-type",
      "define",
      "--workspace",
      workspace,
      "--name",
      "WEBINARS",
      "--state",
      "archived",
      "--json",
    );
    assert.equal(archived.code, 0, archived.stderr);
    assert.equal(JSON.parse(archived.stdout).id, row.id);
    const after = (await call(other, "/subscription_types")).body.data.at(-1);
    assert.equal(after.state, "archived");
    assert.equal(after.default_translation.name, "Webinars");
    const list = await cli("subscription-type", "list", "--workspace", workspace, "--json");
    assert.deepEqual(
      JSON.parse(list.stdout).map((t: Json) => t.name),
      [...DEFAULT_SUBSCRIPTION_TYPES.map((t) => t.name), "Webinars"],
    );
  });

  it("gives workspaces that existed before migration 0017 the subscription types new ones have", async () => {
    await withStorageBefore(database, "0017", async (storage) => {
      const workspace = await oldWorkspace(storage, "old00017");
      const applied = await migrate(storage);
      assert.equal(applied[0], "0017_notes_subscriptions");
      assert.ok(applied.every((name) => name >= "0017"));
      const types = await storage.db
        .selectFrom("subscription_types")
        .select(["name", "description", "consent_type", "content_types", "state", "created_at"])
        .where("workspace_id", "=", workspace.id)
        .orderBy("id")
        .execute();
      assert.deepEqual(
        types.map((t) => ({ ...t, created_at: Number(t.created_at) })),
        DEFAULT_SUBSCRIPTION_TYPES.map((t) => ({
          name: t.name,
          description: t.description,
          consent_type: t.consentType,
          content_types: JSON.stringify(t.contentTypes),
          state: "live",
          created_at: 1_600_000_000_000,
        })),
      );
    });
  });
});
