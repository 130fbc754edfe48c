import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { createApp } from "../src/platform/apps/apps.ts";
import { type ApiInit, callApi, nowSeconds } from "./support/api.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
  tenantHolding,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

/** News items and newsfeeds, and the workspace's content list behind "Read content data". */

type Json = Record<string, unknown>;

const errorOf = (body?: Json) => ((body?.errors ?? []) as Json[])[0] ?? {};
const idsOf = (body?: Json) => ((body?.data ?? []) as Json[]).map((item) => item.id);

describeEachDatabase("news API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

  const holding = (scopes: string[]) => tenantHolding(gh.services, scopes);

  async function feeds(t: Tenant): Promise<number[]> {
    const rows = await gh.services.db
      .selectFrom("newsfeeds")
      .select("id")
      .where("workspace_id", "=", t.workspace.id)
      .orderBy("id")
      .execute();
    return rows.map((r) => r.id);
  }

  async function count(table: "news_items" | "newsfeed_assignments", t: Tenant) {
    const row =
      table === "news_items"
        ? await gh.services.db
            .selectFrom("news_items")
            .where("workspace_id", "=", t.workspace.id)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        : await gh.services.db
            .selectFrom("newsfeed_assignments")
            .innerJoin("newsfeeds", "newsfeeds.id", "newsfeed_assignments.newsfeed_id")
            .where("newsfeeds.workspace_id", "=", t.workspace.id)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  const post = (t: Tenant, body: unknown) => call(t.token, "/news/news_items", { method: "POST", body });
  const put = (t: Tenant, id: unknown, body: unknown) =>
    call(t.token, `/news/news_items/${id}`, { method: "PUT", body });

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await holding(["write_news"]);
    other = await holding(["write_news"]);
  });
  after(() => gh.close());

  it("gives every workspace its newsfeeds, in Intercom's shape", async () => {
    const [users, visitors] = await feeds(tenant);
    const at = Math.floor(tenant.workspace.created_at / 1000);
    const expected = [
      { id: String(users), type: "newsfeed", name: "User Feed", created_at: at, updated_at: at },
      { id: String(visitors), type: "newsfeed", name: "Visitor Feed", created_at: at, updated_at: at },
    ];
    const list = await call(tenant.token, "/news/newsfeeds");
    assert.equal(list.status, 200);
    assert.deepEqual(list.body, {
      type: "list",
      pages: { type: "pages", page: 1, per_page: 10, total_pages: 1 },
      data: expected,
      total_count: 2,
    });
    assert.deepEqual((await call(tenant.token, `/news/newsfeeds/${users}`)).body, expected[0]);
    const [theirs] = await feeds(other);
    for (const path of [
      `/news/newsfeeds/${theirs}`,
      "/news/newsfeeds/abc",
      `/news/newsfeeds/${theirs}/items`,
    ]) {
      const missing = await call(tenant.token, path);
      assert.equal(missing.status, 404, path);
      assert.deepEqual(errorOf(missing.body), { code: "not_found", message: "Resource Not Found" });
    }
  });

  it("creates, reads, updates and deletes a news item in Intercom's shape", async () => {
    const [feed] = await feeds(tenant);
    const created = await post(tenant, {
      title: "Halloween is here!",
      body: "<p>New costumes in store for this spooky season</p>",
      labels: ["Product", "Update", "New"],
      sender_id: tenant.admin.id,
      deliver_silently: true,
      reactions: ["😆", "😅"],
      state: "live",
      newsfeed_assignments: [{ newsfeed_id: feed, published_at: 1664638214 }],
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const id = created.body?.id as string;
    const at = created.body?.created_at as number;
    assert.ok(Math.abs(at - nowSeconds()) < 60);
    const expected = {
      id,
      type: "news-item",
      workspace_id: tenant.workspace.id_code,
      title: "Halloween is here!",
      body: "<p>New costumes in store for this spooky season</p>",
      sender_id: tenant.admin.id,
      state: "live",
      labels: ["Product", "Update", "New"],
      cover_image_url: null,
      reactions: ["😆", "😅"],
      deliver_silently: true,
      created_at: at,
      updated_at: at,
      newsfeed_assignments: [{ newsfeed_id: feed, published_at: 1664638214 }],
    };
    assert.deepEqual(created.body, expected);
    assert.deepEqual((await call(tenant.token, `/news/news_items/${id}`)).body, expected);

    const updated = await put(tenant, id, {
      title: "Christmas is here!",
      body: "<p>New gifts in store for the jolly season</p>",
      sender_id: tenant.admin.id,
      reactions: ["😝", "😂"],
    });
    assert.equal(updated.status, 200);
    assert.deepEqual(
      { ...updated.body, updated_at: at },
      {
        ...expected,
        title: "Christmas is here!",
        body: "<p>New gifts in store for the jolly season</p>",
        reactions: ["😝", "😂"],
      },
      "what the update leaves out stays, the publish date too",
    );

    const deleted = await call(tenant.token, `/news/news_items/${id}`, { method: "DELETE" });
    assert.deepEqual(deleted.body, { id, object: "news-item", deleted: true });
    assert.equal(await count("newsfeed_assignments", tenant), 0, "its assignments go with it");
    for (const method of ["GET", "PUT", "DELETE"]) {
      const gone = await call(tenant.token, `/news/news_items/${id}`, {
        method,
        ...(method === "PUT" && { body: { title: "x" } }),
      });
      assert.equal(gone.status, 404, method);
      assert.equal(errorOf(gone.body).code, "not_found");
    }
  });

  it("starts items as drafts; a live item is published on its newsfeeds now", async () => {
    const t = await holding(["write_news"]);
    const [users, visitors] = await feeds(t);
    const draft = await post(t, {
      title: "Draft",
      sender_id: t.admin.id,
      newsfeed_assignments: [{ newsfeed_id: users, published_at: 1664638214 }],
    });
    assert.equal(draft.status, 200);
    assert.equal(draft.body?.state, "draft");
    assert.equal(draft.body?.body, "");
    assert.equal(draft.body?.deliver_silently, false);
    assert.deepEqual(draft.body?.labels, []);
    assert.deepEqual(draft.body?.reactions, []);
    assert.deepEqual(
      draft.body?.newsfeed_assignments,
      [{ newsfeed_id: users }],
      "a draft's publish date is ignored",
    );
    assert.deepEqual(idsOf((await call(t.token, `/news/newsfeeds/${users}/items`)).body), []);

    const live = await put(t, draft.body?.id, { state: "live" });
    const [assignment] = (live.body?.newsfeed_assignments ?? []) as Json[];
    assert.equal(assignment?.newsfeed_id, users);
    assert.ok(Math.abs((assignment?.published_at as number) - nowSeconds()) < 60, "published now");

    const older = await post(t, {
      title: "Older",
      sender_id: t.admin.id,
      state: "live",
      newsfeed_assignments: [
        { newsfeed_id: String(users), published_at: 1600000000 },
        { newsfeed_id: visitors },
      ],
    });
    const onUsers = await call(t.token, `/news/newsfeeds/${users}/items`);
    assert.equal(onUsers.status, 200);
    assert.deepEqual(idsOf(onUsers.body), [draft.body?.id, older.body?.id], "newest publication first");
    assert.deepEqual(onUsers.body?.pages, { type: "pages", page: 1, per_page: 20, total_pages: 1 });
    assert.equal(onUsers.body?.total_count, 2);
    assert.deepEqual(idsOf((await call(t.token, `/news/newsfeeds/${visitors}/items`)).body), [
      older.body?.id,
    ]);

    // Assignments given on update are the whole new list; taking an item back to draft takes it off.
    await put(t, older.body?.id, { newsfeed_assignments: [{ newsfeed_id: visitors }] });
    assert.deepEqual(idsOf((await call(t.token, `/news/newsfeeds/${users}/items`)).body), [draft.body?.id]);
    await put(t, draft.body?.id, { state: "draft" });
    assert.deepEqual(idsOf((await call(t.token, `/news/newsfeeds/${users}/items`)).body), []);

    const list = await call(t.token, "/news/news_items?per_page=1");
    assert.deepEqual(idsOf(list.body), [draft.body?.id]);
    assert.equal(list.body?.total_count, 2);
    assert.deepEqual(idsOf((await call(t.token, "/news/news_items?page=2&per_page=1")).body), [
      older.body?.id,
    ]);
    assert.deepEqual(idsOf((await call(t.token, "/news/news_items?page=3&per_page=1")).body), []);
  });

  it("refuses bad news items with Intercom's errors, storing nothing", async () => {
    const t = await holding(["write_news"]);
    const [feed] = await feeds(t);
    const [theirs] = await feeds(other);
    const base = { title: "News", sender_id: t.admin.id };
    const cases: Array<[Json, string, string]> = [
      [{ sender_id: t.admin.id }, "parameter_not_found", "title"],
      [{ title: "No sender" }, "parameter_not_found", "sender_id"],
      [{ ...base, sender_id: other.admin.id }, "parameter_invalid", "sender_id"],
      [{ ...base, state: "published" }, "parameter_invalid", "state"],
      [{ ...base, labels: [""] }, "parameter_not_found", "labels"],
      [{ ...base, reactions: ["like"] }, "parameter_invalid", "reactions"],
      [
        { ...base, newsfeed_assignments: [{ newsfeed_id: theirs }] },
        "parameter_invalid",
        "newsfeed_assignments.newsfeed_id",
      ],
      [
        { ...base, newsfeed_assignments: [{ newsfeed_id: 999999 }] },
        "parameter_invalid",
        "newsfeed_assignments.newsfeed_id",
      ],
      [{ ...base, newsfeed_assignments: [{}] }, "parameter_not_found", "newsfeed_assignments.newsfeed_id"],
      [
        {
          ...base,
          state: "live",
          newsfeed_assignments: [{ newsfeed_id: feed, published_at: nowSeconds() + 86400 }],
        },
        "parameter_invalid",
        "newsfeed_assignments.published_at",
      ],
      [{ ...base, cover_image_url: "https://example.com/cover.gif" }, "parameter_invalid", "cover_image_url"],
    ];
    for (const [body, code, field] of cases) {
      const refused = await post(t, body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(errorOf(refused.body).code, code, JSON.stringify(refused.body));
      assert.equal(errorOf(refused.body).field, field, JSON.stringify(refused.body));
    }
    for (const body of [
      { ...base, title: 5 },
      { ...base, deliver_silently: "yes" },
      { ...base, labels: "Product" },
      { ...base, sender_id: 1.5 },
      "news",
    ]) {
      assert.equal((await post(t, body)).status, 400, JSON.stringify(body));
    }
    assert.equal(await count("news_items", t), 0);
    assert.equal(await count("newsfeed_assignments", t), 0);

    const item = await post(t, base);
    const bad = await put(t, item.body?.id, {
      title: "Changed",
      newsfeed_assignments: [{ newsfeed_id: theirs }],
    });
    assert.equal(bad.status, 400);
    assert.equal(
      (await call(t.token, `/news/news_items/${item.body?.id}`)).body?.title,
      "News",
      "nothing changed",
    );
    for (const path of ["/news/news_items/999999", "/news/news_items/99999999999", "/news/news_items/x"]) {
      assert.equal((await call(t.token, path)).status, 404, path);
    }
  });

  it("keeps each workspace's news to itself", async () => {
    const item = await post(tenant, { title: "Private", sender_id: tenant.admin.id });
    const path = `/news/news_items/${item.body?.id}`;
    assert.equal((await call(other.token, path)).status, 404);
    assert.equal((await put(other, item.body?.id, { title: "Mine" })).status, 404);
    assert.equal((await call(other.token, path, { method: "DELETE" })).status, 404);
    assert.ok(!idsOf((await call(other.token, "/news/news_items")).body).includes(item.body?.id));
    assert.equal((await call(tenant.token, path)).body?.title, "Private", "unchanged");
  });

  it("reads with either news scope and writes only with Read and Write news", async () => {
    const reader = await holding(["read_news"]);
    assert.equal((await call(reader.token, "/news/news_items")).status, 200);
    assert.equal((await call(reader.token, "/news/newsfeeds")).status, 200);
    const refused = await post(reader, { title: "No", sender_id: reader.admin.id });
    assert.equal(refused.status, 403);
    assert.equal(errorOf(refused.body).code, "forbidden");
    assert.equal(await count("news_items", reader), 0);
    assert.equal((await call(reader.token, "/articles")).status, 403, "news scopes are not articles scopes");
  });

  it("lists the workspace's articles and news items under Read content data", async () => {
    const writer = await holding(["write_news", "write_articles"]);
    const reader = await createTenant(gh.services, { scopes: ["read_content_data"] });
    // An app of the writer's workspace holding only "Read content data" reads what the writer wrote.
    const article = await call(writer.token, "/articles", {
      method: "POST",
      body: { title: "An article", author_id: writer.admin.id, body: "Secret body" },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const news = await post(writer, { title: "A news item", sender_id: writer.admin.id, state: "live" });
    const contentApp = await createApp(gh.services, {
      workspaceId: writer.workspace.id,
      adminId: writer.admin.id,
      name: "Content reader",
      scopes: ["read_content_data"],
    });
    const token = contentApp.accessToken.token;
    const list = await call(token, "/content");
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(list.body, {
      type: "list",
      data: [
        {
          type: "content",
          content_type: "news_item",
          id: news.body?.id,
          title: "A news item",
          state: "live",
          created_at: news.body?.created_at,
          updated_at: news.body?.updated_at,
        },
        {
          type: "content",
          content_type: "article",
          id: article.body?.id,
          title: "An article",
          state: "draft",
          created_at: article.body?.created_at,
          updated_at: article.body?.updated_at,
        },
      ],
      total_count: 2,
      pages: { type: "pages", page: 1, per_page: 50, total_pages: 1 },
    });
    assert.ok(!JSON.stringify(list.body).includes("Secret body"), "bodies stay behind the articles scopes");
    assert.deepEqual(idsOf((await call(token, "/content?content_type=article")).body), [article.body?.id]);
    assert.deepEqual(idsOf((await call(token, "/content?content_type=news_item&per_page=1")).body), [
      news.body?.id,
    ]);
    assert.equal((await call(token, "/content?content_type=macro")).status, 400);
    assert.deepEqual(idsOf((await call(reader.token, "/content")).body), [], "another workspace sees none");
    assert.equal((await call(token, "/articles")).status, 403);
    assert.equal((await call(token, "/news/news_items")).status, 403);
    assert.equal((await call(writer.token, "/content")).status, 403);
  });

  it("works with the official SDK", async () => {
    const t = await holding(["write_news"]);
    const client = new IntercomClient({ token: t.token, baseUrl: gh.url, fetch: validatingFetch });
    const newsfeeds = await client.news.feeds.list();
    assert.deepEqual(
      newsfeeds.data?.map((f) => f.id),
      (await feeds(t)).map(String),
    );
    const feedId = String(newsfeeds.data?.[0]?.id);
    assert.equal((await client.news.feeds.find({ newsfeed_id: feedId })).name, "User Feed");

    const item = await client.news.items.create({
      title: "From the SDK",
      body: "<p>Hello</p>",
      sender_id: t.admin.id,
      state: "live",
      labels: ["SDK"],
      reactions: ["👍"],
      deliver_silently: true,
      newsfeed_assignments: [{ newsfeed_id: Number(feedId), published_at: 1664638214 }],
    });
    assert.equal(item.title, "From the SDK");
    assert.deepEqual(item.newsfeed_assignments, [{ newsfeed_id: Number(feedId), published_at: 1664638214 }]);
    const found = await client.news.items.find({ news_item_id: Number(item.id) });
    assert.deepEqual(found.labels, ["SDK"]);
    const updated = await client.news.items.update({
      news_item_id: Number(item.id),
      body: { title: "From the SDK, revised", sender_id: t.admin.id },
    });
    assert.equal(updated.title, "From the SDK, revised");
    assert.equal(updated.body, "<p>Hello</p>");
    const listed = await client.news.items.list();
    assert.deepEqual(
      listed.data?.map((i) => i.id),
      [item.id],
    );
    const onFeed = await client.news.feeds.listItems({ newsfeed_id: feedId });
    assert.deepEqual(
      onFeed.data?.map((i) => i.id),
      [item.id],
    );
    const deleted = await client.news.items.delete({ news_item_id: Number(item.id) });
    assert.deepEqual(deleted, { id: item.id, object: "news-item", deleted: true });
    assert.equal(await count("news_items", t), 0);
  });
});
