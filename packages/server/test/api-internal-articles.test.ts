import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { addMember, createAdmin } from "../src/platform/identity/admins.ts";
import { type ApiInit, callApi, type Json } from "./support/api.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
  tenantHolding,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Internal articles: the workspace's articles for its teammates. */
describeEachDatabase("internal articles API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;

  const call = (t: Tenant, path: string, init: ApiInit = {}) => callApi(gh.url, t.token, path, init);
  const post = (t: Tenant, body: unknown) => call(t, "/internal_articles", { method: "POST", body });

  const holding = (scopes: string[]) => tenantHolding(gh.services, scopes);

  async function count(t: Tenant): Promise<number> {
    const row = await gh.services.db
      .selectFrom("internal_articles")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("workspace_id", "=", t.workspace.id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function write(t: Tenant, body: Json): Promise<Json> {
    const answer = await post(t, { author_id: t.admin.id, owner_id: t.admin.id, ...body });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  }

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await holding(["write_articles"]);
    other = await holding(["write_articles"]);
  });
  after(() => gh.close());

  it("creates an internal article in Intercom's shape, keeping its body as written", async () => {
    const owner = await createAdmin(gh.services, { email: "owner@internal.test", name: "Owner" });
    await addMember(gh.services, tenant.workspace.id, owner.id, "admin");
    const started = Math.floor(Date.now() / 1000);
    const created = await post(tenant, {
      title: "Refund policy",
      body: "Refunds within 30 days",
      author_id: tenant.admin.id,
      owner_id: String(owner.id),
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const article = created.body;
    assert.deepEqual(Object.keys(article), [
      "type",
      "id",
      "title",
      "body",
      "owner_id",
      "author_id",
      "created_at",
      "updated_at",
      "locale",
    ]);
    assert.deepEqual(
      { ...article, id: undefined, created_at: undefined, updated_at: undefined },
      {
        type: "internal_article",
        id: undefined,
        title: "Refund policy",
        body: "Refunds within 30 days",
        owner_id: owner.id,
        author_id: tenant.admin.id,
        created_at: undefined,
        updated_at: undefined,
        locale: "en",
      },
    );
    assert.match(article.id, /^\d+$/);
    assert.ok(article.created_at >= started - 1 && article.updated_at === article.created_at);
    assert.deepEqual((await call(tenant, `/internal_articles/${article.id}`)).body, article);
    const german = await write(tenant, { title: "Rückerstattung", locale: "de" });
    assert.equal(german.locale, "de");
  });

  it("refuses what Intercom refuses, and writes nothing", async () => {
    const before = await count(tenant);
    const cases: Array<[Json, string, string | RegExp]> = [
      [
        { title: "No author", owner_id: tenant.admin.id },
        "parameter_not_found",
        /author_id must be in the main body/,
      ],
      [{ title: "No owner", author_id: tenant.admin.id }, "parameter_not_found", "owner_id is required"],
      [{ author_id: tenant.admin.id, owner_id: tenant.admin.id }, "parameter_not_found", "title is required"],
      [
        { title: "  ", author_id: tenant.admin.id, owner_id: tenant.admin.id },
        "parameter_not_found",
        "title is required",
      ],
      [
        { title: "Stranger", author_id: other.admin.id, owner_id: tenant.admin.id },
        "parameter_invalid",
        /author_id/,
      ],
      [
        { title: "Stranger", author_id: tenant.admin.id, owner_id: other.admin.id },
        "parameter_invalid",
        /owner_id/,
      ],
      [{ title: "Nobody", author_id: 0, owner_id: tenant.admin.id }, "parameter_invalid", /author_id/],
      [
        { title: "Klingon", author_id: tenant.admin.id, owner_id: tenant.admin.id, locale: "tlh" },
        "parameter_invalid",
        /locale/,
      ],
      [{ title: 42, author_id: tenant.admin.id, owner_id: tenant.admin.id }, "parameter_invalid", /title/],
    ];
    for (const [body, code, message] of cases) {
      const answer = await post(tenant, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
      if (typeof message === "string") assert.equal(answer.body.errors[0].message, message);
      else assert.match(answer.body.errors[0].message, message);
    }
    assert.equal(await count(tenant), before);
  });

  it("updates the fields given, deletes, and answers 404 for what is not the workspace's", async () => {
    const article = await write(tenant, { title: "Escalations", body: "<p>Call the lead</p>" });
    await pause();
    const updated = await call(tenant, `/internal_articles/${article.id}`, {
      method: "PUT",
      body: { title: "Escalations, revised" },
    });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.title, "Escalations, revised");
    assert.equal(updated.body.body, "<p>Call the lead</p>", "the body left out stays");
    assert.equal(updated.body.created_at, article.created_at);
    const stored = await gh.services.db
      .selectFrom("internal_articles")
      .select(["created_at", "updated_at"])
      .where("id", "=", Number(article.id))
      .executeTakeFirstOrThrow();
    assert.ok(Number(stored.updated_at) > Number(stored.created_at), "the update is stamped");
    const bad = await call(tenant, `/internal_articles/${article.id}`, {
      method: "PUT",
      body: { owner_id: other.admin.id },
    });
    assert.equal(bad.status, 400);
    assert.equal((await call(tenant, `/internal_articles/${article.id}`)).body.owner_id, tenant.admin.id);

    for (const [method, body] of [
      ["GET", undefined],
      ["PUT", { title: "Theirs" }],
      ["DELETE", undefined],
    ] as const) {
      const foreign = await call(other, `/internal_articles/${article.id}`, { method, body });
      assert.equal(foreign.status, 404, method);
      assert.deepEqual(foreign.body.errors[0], { code: "not_found", message: "Resource Not Found" });
    }
    assert.equal((await call(tenant, "/internal_articles/abc")).status, 404);
    assert.equal((await call(tenant, "/internal_articles/99999999999999")).status, 404);

    const deleted = await call(tenant, `/internal_articles/${article.id}`, { method: "DELETE" });
    assert.deepEqual(deleted.body, { id: article.id, object: "internal_article", deleted: true });
    assert.equal((await call(tenant, `/internal_articles/${article.id}`)).status, 404);
    assert.equal((await call(tenant, `/internal_articles/${article.id}`, { method: "DELETE" })).status, 404);
  });

  it("lists most recently updated first, page by page, and searches by phrase", async () => {
    const t = await holding(["write_articles"]);
    const first = await write(t, { title: "Onboarding checklist", body: "Day one: laptop" });
    await pause();
    const second = await write(t, { title: "Holiday rota", body: "Ask 100% of the team" });
    await pause();
    const third = await write(t, { title: "On-call", body: "Page the ONBOARDING buddy" });
    const list = await call(t, "/internal_articles");
    assert.equal(list.status, 200);
    assert.equal(list.body.type, "list");
    assert.equal(list.body.total_count, 3);
    assert.deepEqual(
      list.body.data.map((a: Json) => a.id),
      [third.id, second.id, first.id],
    );
    assert.deepEqual(list.body.pages, { type: "pages", page: 1, per_page: 25, total_pages: 1 });
    const paged = await call(t, "/internal_articles?per_page=2");
    assert.deepEqual(
      paged.body.data.map((a: Json) => a.id),
      [third.id, second.id],
    );
    assert.match(paged.body.pages.next, /\/internal_articles\?page=2&per_page=2$/);
    const last = await call(t, "/internal_articles?per_page=2&page=2");
    assert.deepEqual(
      last.body.data.map((a: Json) => a.id),
      [first.id],
    );

    const search = async (query: string) => (await call(t, `/internal_articles/search${query}`)).body;
    const onboarding = await search("?phrase=onboarding");
    assert.equal(onboarding.type, "list");
    assert.equal(onboarding.total_count, 2);
    assert.deepEqual(
      onboarding.data.internal_articles.map((a: Json) => a.id),
      [third.id, first.id],
    );
    assert.equal(onboarding.pages.per_page, 10);
    assert.deepEqual(
      (await search("?phrase=100%25")).data.internal_articles.map((a: Json) => a.id),
      [second.id],
      "% is the character itself",
    );
    assert.equal((await search("?phrase=1%25%25")).total_count, 0);
    assert.equal((await search("")).total_count, 3);
    // Gatehouse files internal articles in no folder: a folder holds none of them.
    const folder = await search("?folder_id=123");
    assert.deepEqual(folder.data.internal_articles, []);
    assert.equal(folder.total_count, 0);
    assert.equal((await call(other, "/internal_articles/search?phrase=onboarding")).body.total_count, 0);
  });

  it("reads with either articles scope and writes only with Read and Write Articles", async () => {
    const reader = await holding(["read_articles"]);
    assert.equal((await call(reader, "/internal_articles")).status, 200);
    assert.equal((await call(reader, "/internal_articles/search")).status, 200);
    const refused = await post(reader, {
      title: "No",
      author_id: reader.admin.id,
      owner_id: reader.admin.id,
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.errors[0].code, "forbidden");
    assert.equal(await count(reader), 0);
    const unapproved = await createTenant(gh.services, { scopes: ["read_articles"] });
    assert.equal((await call(unapproved, "/internal_articles")).status, 403);
    const contacts = await createTenant(gh.services);
    assert.equal((await call(contacts, "/internal_articles")).status, 403, "no standard scope opens them");
  });

  it("works with the official SDK", async () => {
    const t = await holding(["write_articles"]);
    const client = new IntercomClient({ token: t.token, baseUrl: gh.url, fetch: validatingFetch });
    const created = await client.internalArticles.createInternalArticle({
      title: "Thanks for everything",
      body: "Body of the Article",
      author_id: t.admin.id,
      owner_id: t.admin.id,
    });
    assert.equal(created.title, "Thanks for everything");
    assert.equal(created.owner_id, t.admin.id);
    const id = Number(created.id);
    const found = await client.internalArticles.retrieveInternalArticle({ internal_article_id: id });
    assert.equal(found.body, "Body of the Article");
    const updated = await client.internalArticles.updateInternalArticle({
      internal_article_id: id,
      title: "Christmas is here!",
      body: "<p>New gifts in store for the jolly season</p>",
    });
    assert.equal(updated.title, "Christmas is here!");
    const list = await client.internalArticles.listInternalArticles();
    assert.equal(list.total_count, 1);
    assert.deepEqual(
      list.data?.map((a) => a.id),
      [created.id],
    );
    const search = await client.internalArticles.searchInternalArticles({});
    assert.deepEqual(
      search.data?.internal_articles?.map((a) => a.id),
      [created.id],
    );
    const none = await client.internalArticles.searchInternalArticles({ folder_id: "folder_id" });
    assert.equal(none.total_count, 0);
    const deleted = await client.internalArticles.deleteInternalArticle({ internal_article_id: id });
    assert.deepEqual(deleted, { id: created.id, object: "internal_article", deleted: true });
    assert.equal(await count(t), 0);
  });
});
