import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { type ApiInit, callApi } from "./support/api.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
  tenantHolding,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

/** Articles, help center collections and sections, and help centers. */

type Json = Record<string, unknown>;

const errorOf = (body?: Json) => ((body?.errors ?? []) as Json[])[0] ?? {};
const idsOf = (body?: Json) => ((body?.data ?? []) as Json[]).map((item) => item.id);
const pagesOf = (body?: Json) => (body?.pages ?? {}) as Json;
/** A search's `data`: the articles found and their highlights. */
const foundIn = (body?: Json) =>
  (body?.data ?? { articles: [], highlights: [] }) as { articles: Json[]; highlights: Json[] };
const foundIds = (body?: Json) => foundIn(body).articles.map((x) => x.id);
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describeEachDatabase("articles and help center API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

  const holding = (scopes: string[]) => tenantHolding(gh.services, scopes);

  async function count(table: "articles" | "help_center_collections", workspaceId: number) {
    const row = await gh.services.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("workspace_id", "=", workspaceId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function helpCenterId(t: Tenant): Promise<number> {
    const row = await gh.services.db
      .selectFrom("help_centers")
      .select("id")
      .where("workspace_id", "=", t.workspace.id)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const post = (t: Tenant, path: string, body: unknown) => call(t.token, path, { method: "POST", body });
  const put = (t: Tenant, path: string, body: unknown) => call(t.token, path, { method: "PUT", body });

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await holding(["write_articles"]);
    other = await holding(["write_articles"]);
  });
  after(() => gh.close());

  it("gives every workspace a help center, in Intercom's shape", async () => {
    const list = await call(tenant.token, "/help_center/help_centers");
    assert.equal(list.status, 200);
    const id = await helpCenterId(tenant);
    const center = {
      id: String(id),
      workspace_id: tenant.workspace.id_code,
      created_at: Math.floor(tenant.workspace.created_at / 1000),
      updated_at: Math.floor(tenant.workspace.created_at / 1000),
      identifier: tenant.workspace.id_code,
      website_turned_on: false,
      display_name: `${tenant.workspace.name} Help Center`,
      url: `https://intercom.help/${tenant.workspace.id_code}`,
      custom_domain: null,
    };
    assert.deepEqual(list.body, { type: "list", data: [center] });
    assert.deepEqual((await call(tenant.token, `/help_center/help_centers/${id}`)).body, center);
    assert.deepEqual((await call(tenant.token, "/help_center/help_centers?page=2")).body, {
      type: "list",
      data: [],
    });
    for (const path of [
      `/help_center/help_centers/${await helpCenterId(other)}`,
      "/help_center/help_centers/x",
    ]) {
      const missing = await call(tenant.token, path);
      assert.equal(missing.status, 404, path);
      assert.equal(errorOf(missing.body).code, "not_found");
    }
  });

  it("creates, reads, updates and deletes an article in Intercom's shape", async () => {
    const code = tenant.workspace.id_code;
    const collection = await post(tenant, "/help_center/collections", {
      name: "Getting started",
      description: "First steps",
    });
    assert.equal(collection.status, 200);
    const collectionId = Number(collection.body?.id);
    assert.deepEqual(collection.body, {
      id: String(collectionId),
      workspace_id: code,
      name: "Getting started",
      url: `https://intercom.help/${code}/en/collections/${collectionId}-getting-started`,
      order: 1,
      created_at: collection.body?.created_at,
      updated_at: collection.body?.created_at,
      description: "First steps",
      icon: "book-bookmark",
      parent_id: null,
      help_center_id: await helpCenterId(tenant),
    });

    const created = await post(tenant, "/articles", {
      title: "Thanks for everything",
      description: "Description of the Article",
      body: "Body of the Article",
      author_id: tenant.admin.id,
      state: "published",
      parent_id: collectionId,
      parent_type: "collection",
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const id = created.body?.id as string;
    assert.match(id, /^\d+$/);
    const createdAt = created.body?.created_at as number;
    assert.ok(Math.abs(createdAt - Date.now() / 1000) < 60);
    const expected = {
      id,
      type: "article",
      workspace_id: code,
      parent_id: collectionId,
      parent_type: "collection",
      parent_ids: [collectionId],
      statistics: {
        type: "article_statistics",
        views: 0,
        conversations: 0,
        conversions: 0,
        reactions: 0,
        happy_reaction_percentage: 0,
        neutral_reaction_percentage: 0,
        sad_reaction_percentage: 0,
      },
      tags: { type: "tag.list", tags: [] },
      title: "Thanks for everything",
      description: "Description of the Article",
      body: '<p class="no-margin">Body of the Article</p>',
      author_id: tenant.admin.id,
      state: "published",
      created_at: createdAt,
      updated_at: createdAt,
      url: `https://intercom.help/${code}/en/articles/${id}-thanks-for-everything`,
    };
    assert.deepEqual(created.body, expected);
    assert.deepEqual((await call(tenant.token, `/articles/${id}`)).body, expected);

    // Only what the request gives changes; the body keeps its paragraphs in the editor's form.
    const updated = await put(tenant, `/articles/${id}`, {
      title: "Christmas is here!",
      body: "<p>New gifts in store for the jolly season</p>",
      state: "draft",
    });
    assert.equal(updated.status, 200);
    assert.equal(updated.body?.title, "Christmas is here!");
    assert.equal(updated.body?.body, '<p class="no-margin">New gifts in store for the jolly season</p>');
    assert.equal(updated.body?.state, "draft");
    assert.equal(updated.body?.url, null, "a draft has no public address");
    assert.equal(updated.body?.description, "Description of the Article");
    assert.equal(updated.body?.parent_id, collectionId);
    const republished = await put(tenant, `/articles/${id}`, { state: "published", parent_id: null });
    assert.equal(republished.body?.url, `https://intercom.help/${code}/en/articles/${id}-christmas-is-here`);
    assert.equal(republished.body?.parent_id, null);
    assert.equal(republished.body?.parent_type, null);
    assert.deepEqual(republished.body?.parent_ids, []);

    const deleted = await call(tenant.token, `/articles/${id}`, { method: "DELETE" });
    assert.deepEqual(deleted.body, { id, object: "article", deleted: true });
    for (const method of ["GET", "PUT", "DELETE"]) {
      const gone = await call(tenant.token, `/articles/${id}`, {
        method,
        ...(method === "PUT" && { body: { title: "x" } }),
      });
      assert.equal(gone.status, 404, method);
      assert.deepEqual(errorOf(gone.body), { code: "not_found", message: "Resource Not Found" });
    }
  });

  it("lists articles most recently updated first, page by page, without statistics", async () => {
    const t = await holding(["write_articles"]);
    const ids: string[] = [];
    for (const title of ["One", "Two", "Three"]) {
      ids.push((await post(t, "/articles", { title, author_id: t.admin.id })).body?.id as string);
      await pause();
    }
    const [one, two, three] = ids;
    await put(t, `/articles/${one}`, { description: "touched" });
    const first = await call(t.token, "/articles?per_page=2");
    assert.equal(first.status, 200);
    assert.deepEqual(idsOf(first.body), [one, three]);
    assert.equal(first.body?.total_count, 3);
    assert.deepEqual(first.body?.pages, {
      type: "pages",
      page: 1,
      per_page: 2,
      total_pages: 2,
      next: `${gh.url}/articles?page=2&per_page=2`,
    });
    const item = (first.body?.data as Json[] | undefined)?.[0] ?? {};
    assert.equal(item.statistics, undefined, "lists leave statistics out");
    assert.equal(item.state, "draft", "articles start as drafts");
    assert.equal(item.url, null);
    assert.deepEqual(idsOf((await call(t.token, "/articles?page=2&per_page=2")).body), [two]);
    assert.deepEqual(idsOf((await call(t.token, "/articles?page=3&per_page=2")).body), []);
    const all = await call(t.token, "/articles");
    assert.equal(pagesOf(all.body).per_page, 25);
    assert.equal((await call(t.token, "/articles?per_page=0")).status, 400);
  });

  it("searches titles, descriptions and bodies by phrase, state and help center, with highlights", async () => {
    const t = await holding(["write_articles"]);
    const collection = await post(t, "/help_center/collections", { name: "Billing" });
    const a = await post(t, "/articles", {
      title: "Refunds and invoices",
      body: "<p>How to ask for a <b>refund</b> of 100% of an invoice.</p>",
      author_id: t.admin.id,
      state: "published",
      parent_id: Number(collection.body?.id),
    });
    const b = await post(t, "/articles", {
      title: "Getting started",
      description: "Where refunds are explained",
      author_id: t.admin.id,
    });
    await post(t, "/articles", { title: "Unrelated", body: "Nothing here", author_id: t.admin.id });
    await post(other, "/articles", { title: "Refunds elsewhere", author_id: other.admin.id });

    const found = await call(t.token, "/articles/search?phrase=REFUND");
    assert.equal(found.status, 200);
    assert.equal(found.body?.type, "list");
    assert.equal(found.body?.total_count, 2);
    const data = foundIn(found.body);
    assert.deepEqual(data.articles.map((x) => x.id).sort(), [a.body?.id, b.body?.id].sort());
    assert.deepEqual(data.highlights, []);
    assert.equal(pagesOf(found.body).per_page, 10);

    const published = await call(t.token, "/articles/search?phrase=refund&state=published");
    assert.deepEqual(foundIds(published.body), [a.body?.id]);
    const drafts = await call(t.token, "/articles/search?phrase=refund&state=draft");
    assert.deepEqual(foundIds(drafts.body), [b.body?.id]);
    const inCenter = await call(
      t.token,
      `/articles/search?phrase=refund&help_center_id=${await helpCenterId(t)}`,
    );
    assert.deepEqual(foundIds(inCenter.body), [a.body?.id]);
    const elsewhere = await call(t.token, `/articles/search?help_center_id=${await helpCenterId(other)}`);
    assert.equal(elsewhere.body?.total_count, 0);
    // Pattern characters are searched for as themselves.
    const percent = await call(t.token, `/articles/search?phrase=${encodeURIComponent("100%")}`);
    assert.deepEqual(foundIds(percent.body), [a.body?.id]);
    assert.equal((await call(t.token, "/articles/search?phrase=_")).body?.total_count, 0);

    const lit = await call(t.token, "/articles/search?phrase=refund&state=published&highlight=true");
    assert.deepEqual(foundIn(lit.body).highlights, [
      {
        article_id: a.body?.id,
        highlighted_title: [
          { type: "highlight", text: "Refund" },
          { type: "plain", text: "s and invoices" },
        ],
        highlighted_summary: [
          [
            { type: "plain", text: "How to ask for a " },
            { type: "highlight", text: "refund" },
            { type: "plain", text: " of 100% of an invoice." },
          ],
        ],
      },
    ]);

    const bad = await call(t.token, "/articles/search?state=archived");
    assert.equal(bad.status, 400);
    assert.equal(errorOf(bad.body).code, "parameter_invalid");
  });

  it("keeps translations, with the default locale standing in for the main fields", async () => {
    const t = await holding(["write_articles"]);
    const created = await post(t, "/articles", {
      translated_content: {
        type: "article_translated_content",
        en: { title: "Welcome", body: "Hello", author_id: t.admin.id, state: "published" },
        fr: { title: "Bienvenue", description: "Pour commencer", author_id: t.admin.id, state: "published" },
      },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const id = created.body?.id as string;
    assert.equal(created.body?.title, "Welcome");
    assert.equal(created.body?.state, "published");
    assert.equal(created.body?.default_locale, "en");
    const at = created.body?.created_at;
    const base = `https://intercom.help/${t.workspace.id_code}`;
    assert.deepEqual(created.body?.translated_content, {
      type: "article_translated_content",
      en: {
        type: "article_content",
        title: "Welcome",
        description: "",
        body: '<p class="no-margin">Hello</p>',
        author_id: t.admin.id,
        state: "published",
        created_at: at,
        updated_at: at,
        url: `${base}/en/articles/${id}-welcome`,
      },
      fr: {
        type: "article_content",
        title: "Bienvenue",
        description: "Pour commencer",
        body: "",
        author_id: t.admin.id,
        state: "published",
        created_at: at,
        updated_at: at,
        url: `${base}/fr/articles/${id}-bienvenue`,
      },
    });
    const updated = await put(t, `/articles/${id}`, {
      translated_content: { fr: { state: "draft" }, de: { title: "Willkommen", author_id: t.admin.id } },
    });
    const translated = updated.body?.translated_content as Record<string, Json>;
    assert.equal(translated.fr?.title, "Bienvenue", "fields left out stay");
    assert.equal(translated.fr?.url, null);
    assert.equal(translated.de?.state, "draft");
    const removed = await put(t, `/articles/${id}`, { translated_content: { fr: null, de: null } });
    assert.equal(removed.body?.translated_content, undefined, "a one-language article has none");
    assert.equal(removed.body?.default_locale, undefined);

    const before = await count("articles", t.workspace.id);
    for (const [translated_content, field] of [
      [{ xx: { title: "?" } }, "translated_content.xx"],
      [{ fr: "Bonjour" }, "translated_content.fr"],
      [{ fr: { title: "Sans auteur" } }, "translated_content.fr.author_id"],
      [{ fr: { title: "Auteur", author_id: other.admin.id } }, "translated_content.fr.author_id"],
      ["text", "translated_content"],
    ] as const) {
      const refused = await post(t, "/articles", { title: "T", author_id: t.admin.id, translated_content });
      assert.equal(refused.status, 400, JSON.stringify(translated_content));
      assert.equal(errorOf(refused.body).field, field);
    }
    assert.equal(await count("articles", t.workspace.id), before);
  });

  it("nests sections in collections; an article knows which it is in, and outlives its collection", async () => {
    const t = await holding(["write_articles"]);
    const top = await post(t, "/help_center/collections", { name: "Top" });
    const topId = top.body?.id as string;
    const section = await post(t, "/help_center/collections", { name: "Section", parent_id: topId });
    assert.equal(section.status, 200);
    assert.equal(section.body?.parent_id, topId);
    assert.equal(section.body?.order, 1);
    assert.equal(section.body?.description, "");
    const second = await post(t, "/help_center/collections", { name: "Second" });
    assert.equal(second.body?.order, 2, "after its siblings");
    const sectionId = Number(section.body?.id);
    const article = await post(t, "/articles", {
      title: "Inside",
      author_id: t.admin.id,
      parent_id: String(sectionId),
      parent_type: "section",
    });
    assert.equal(article.body?.parent_type, "section");
    assert.equal(article.body?.parent_id, sectionId);
    const mismatch = await post(t, "/articles", {
      title: "Wrong",
      author_id: t.admin.id,
      parent_id: sectionId,
      parent_type: "collection",
    });
    assert.equal(mismatch.status, 400);
    assert.equal(errorOf(mismatch.body).field, "parent_type");

    // Three levels deep at most, and never inside itself.
    const deep = await post(t, "/help_center/collections", { name: "Deep", parent_id: sectionId });
    assert.equal(deep.status, 200);
    const deeper = await post(t, "/help_center/collections", { name: "Deeper", parent_id: deep.body?.id });
    assert.equal(deeper.status, 400);
    const loop = await put(t, `/help_center/collections/${topId}`, { parent_id: deep.body?.id });
    assert.equal(loop.status, 400);
    assert.equal(errorOf(loop.body).code, "parameter_invalid");
    const tooTall = await put(t, `/help_center/collections/${topId}`, { parent_id: second.body?.id });
    assert.equal(tooTall.status, 400, "top has two levels below it already");
    const lifted = await put(t, `/help_center/collections/${deep.body?.id}`, {
      parent_id: null,
      name: "Lifted",
    });
    assert.equal(lifted.status, 200);
    assert.equal(lifted.body?.parent_id, null);
    assert.equal(lifted.body?.name, "Lifted");

    const deleted = await call(t.token, `/help_center/collections/${topId}`, { method: "DELETE" });
    assert.deepEqual(deleted.body, { id: topId, object: "collection", deleted: true });
    assert.equal(
      (await call(t.token, `/help_center/collections/${sectionId}`)).status,
      404,
      "its sections go",
    );
    const orphan = await call(t.token, `/articles/${article.body?.id}`);
    assert.equal(orphan.status, 200);
    assert.equal(orphan.body?.parent_id, null);
    assert.equal(orphan.body?.parent_type, null);
  });

  it("keeps every locale of translations written at once, to an article and to a collection", async () => {
    const t = await holding(["write_articles"]);
    const locales = ["fr", "de", "es", "it", "nl", "pt", "sv", "da"];
    const article = await post(t, "/articles", { title: "Many tongues", author_id: t.admin.id });
    const collection = await post(t, "/help_center/collections", { name: "Many tongues" });
    await Promise.all(
      locales.flatMap((locale) => [
        put(t, `/articles/${article.body?.id}`, {
          translated_content: { [locale]: { title: `Title ${locale}`, author_id: t.admin.id } },
        }),
        put(t, `/help_center/collections/${collection.body?.id}`, {
          translated_content: { [locale]: { name: `Name ${locale}` } },
        }),
      ]),
    );
    const held = (await call(t.token, `/articles/${article.body?.id}`)).body?.translated_content;
    for (const locale of locales) assert.equal(held?.[locale]?.title, `Title ${locale}`, `article ${locale}`);
    const groups = (await call(t.token, `/help_center/collections/${collection.body?.id}`)).body
      ?.translated_content;
    for (const locale of locales)
      assert.equal(groups?.[locale]?.name, `Name ${locale}`, `collection ${locale}`);
  });

  it("never nests two collections in each other, when each is moved into the other at once", async () => {
    const t = await holding(["write_articles"]);
    for (let round = 0; round < 5; round++) {
      const a = await post(t, "/help_center/collections", { name: `A${round}` });
      const b = await post(t, "/help_center/collections", { name: `B${round}` });
      const moves = await Promise.all([
        put(t, `/help_center/collections/${a.body?.id}`, { parent_id: b.body?.id }),
        put(t, `/help_center/collections/${b.body?.id}`, { parent_id: a.body?.id }),
      ]);
      assert.deepEqual(
        moves.map((m) => m.status).sort(),
        [200, 400],
        `round ${round}: ${JSON.stringify(moves.map((m) => m.body))}`,
      );
      const parents = await Promise.all(
        [a, b].map(
          async (c) => (await call(t.token, `/help_center/collections/${c.body?.id}`)).body?.parent_id,
        ),
      );
      assert.ok(parents.includes(null), `round ${round}: one of them stays on top (${parents})`);
    }
  });

  it("lists collections newest first and keeps their translations", async () => {
    const t = await holding(["write_articles"]);
    const a = await post(t, "/help_center/collections", {
      name: "Alpha",
      translated_content: { fr: { name: "Alpha FR", description: "Description" } },
    });
    assert.equal(a.body?.default_locale, "en");
    assert.deepEqual(a.body?.translated_content, {
      type: "group_translated_content",
      en: { type: "group_content", name: "Alpha", description: "" },
      fr: { type: "group_content", name: "Alpha FR", description: "Description" },
    });
    await pause();
    const b = await post(t, "/help_center/collections", { name: "Beta" });
    const list = await call(t.token, "/help_center/collections?per_page=1");
    assert.deepEqual(idsOf(list.body), [b.body?.id]);
    assert.equal(list.body?.total_count, 2);
    assert.equal(pagesOf(list.body).total_pages, 2);
    assert.deepEqual(idsOf((await call(t.token, "/help_center/collections?page=2&per_page=1")).body), [
      a.body?.id,
    ]);
    assert.deepEqual((await call(t.token, `/help_center/collections/${a.body?.id}`)).body, a.body);
  });

  it("refuses bad articles and collections with Intercom's errors, storing nothing", async () => {
    const t = await holding(["write_articles"]);
    const theirs = await post(other, "/help_center/collections", { name: "Theirs" });
    const cases: Array<[Json, string, string]> = [
      [{ title: "No author" }, "parameter_not_found", "author_id"],
      [{ author_id: t.admin.id }, "parameter_not_found", "title"],
      [{ title: "  ", author_id: t.admin.id }, "parameter_not_found", "title"],
      [{ title: "Stranger", author_id: other.admin.id }, "parameter_invalid", "author_id"],
      [{ title: "Nobody", author_id: 999999999 }, "parameter_invalid", "author_id"],
      [{ title: "State", author_id: t.admin.id, state: "live" }, "parameter_invalid", "state"],
      [{ title: "Parent", author_id: t.admin.id, parent_id: 999999 }, "parameter_invalid", "parent_id"],
      [
        { title: "Theirs", author_id: t.admin.id, parent_id: theirs.body?.id },
        "parameter_invalid",
        "parent_id",
      ],
      [
        { title: "Type", author_id: t.admin.id, parent_id: theirs.body?.id, parent_type: "shelf" },
        "parameter_invalid",
        "parent_id",
      ],
    ];
    for (const [body, code, field] of cases) {
      const refused = await post(t, "/articles", body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(errorOf(refused.body).code, code, JSON.stringify(body));
      assert.equal(errorOf(refused.body).field, field, JSON.stringify(refused.body));
    }
    const missingAuthor = await post(t, "/articles", { title: "x" });
    assert.equal(
      errorOf(missingAuthor.body).message,
      "author_id must be in the main body or default locale translated_content object",
    );
    for (const body of [
      { title: 42, author_id: t.admin.id },
      { title: "x", author_id: true },
      { title: "NUL", author_id: t.admin.id, body: "a\u0000b" },
      [],
    ]) {
      const refused = await post(t, "/articles", body);
      assert.equal(refused.status, 400, JSON.stringify(body));
    }
    assert.equal(await count("articles", t.workspace.id), 0);

    const noName = await post(t, "/help_center/collections", { description: "Missing required parameter" });
    assert.equal(noName.status, 400);
    assert.deepEqual(errorOf(noName.body), {
      code: "parameter_not_found",
      message: "Name is a required parameter.",
      field: "name",
    });
    for (const body of [
      { name: 7 },
      { name: "Nested", parent_id: theirs.body?.id },
      { name: "Center", help_center_id: await helpCenterId(other) },
      { name: "Locale", translated_content: { klingon: { name: "x" } } },
    ]) {
      const refused = await post(t, "/help_center/collections", body);
      assert.equal(refused.status, 400, JSON.stringify(body));
    }
    assert.equal(await count("help_center_collections", t.workspace.id), 0);

    for (const path of ["/articles/999999", "/articles/abc", "/articles/99999999999", "/articles/1e3"]) {
      assert.equal((await call(t.token, path)).status, 404, path);
    }
    for (const path of ["/help_center/collections/999999", "/help_center/collections/-1"]) {
      assert.equal((await call(t.token, path, { method: "DELETE" })).status, 404, path);
      assert.equal((await put(t, path, { name: "x" })).status, 404, path);
    }
  });

  it("keeps each workspace's articles and collections to itself", async () => {
    const article = await post(tenant, "/articles", { title: "Private", author_id: tenant.admin.id });
    const collection = await post(tenant, "/help_center/collections", { name: "Private" });
    const articlePath = `/articles/${article.body?.id}`;
    const collectionPath = `/help_center/collections/${collection.body?.id}`;
    for (const path of [articlePath, collectionPath]) {
      assert.equal((await call(other.token, path)).status, 404, path);
      assert.equal((await put(other, path, { title: "Mine", name: "Mine" })).status, 404, path);
      assert.equal((await call(other.token, path, { method: "DELETE" })).status, 404, path);
    }
    assert.ok(!idsOf((await call(other.token, "/articles")).body).includes(article.body?.id));
    assert.ok(
      !idsOf((await call(other.token, "/help_center/collections")).body).includes(collection.body?.id),
    );
    const search = await call(other.token, "/articles/search?phrase=Private");
    assert.equal(search.body?.total_count, 0);
    assert.equal((await call(tenant.token, articlePath)).body?.title, "Private", "unchanged");
    assert.equal((await call(tenant.token, collectionPath)).body?.name, "Private", "unchanged");
  });

  it("reads with either articles scope and writes only with Read and Write Articles", async () => {
    const reader = await holding(["read_articles"]);
    assert.equal((await call(reader.token, "/articles")).status, 200);
    assert.equal((await call(reader.token, "/help_center/collections")).status, 200);
    const refused = await post(reader, "/articles", { title: "No", author_id: reader.admin.id });
    assert.equal(refused.status, 403);
    assert.equal(errorOf(refused.body).code, "forbidden");
    assert.equal((await post(reader, "/help_center/collections", { name: "No" })).status, 403);
    assert.equal(await count("articles", reader.workspace.id), 0);
    // Extended scopes count only once approved.
    const unapproved = await createTenant(gh.services, { scopes: ["read_articles"] });
    assert.equal((await call(unapproved.token, "/articles")).status, 403);
  });

  it("works with the official SDK", async () => {
    const t = await holding(["write_articles"]);
    const client = new IntercomClient({ token: t.token, baseUrl: gh.url, fetch: validatingFetch });
    const centers = [];
    for await (const center of await client.helpCenters.list()) centers.push(center);
    assert.deepEqual(
      centers.map((c) => c.id),
      [String(await helpCenterId(t))],
    );
    assert.equal(
      (await client.helpCenters.find({ help_center_id: Number(centers[0]?.id) })).identifier,
      t.workspace.id_code,
    );

    const collection = await client.helpCenters.collections.create({
      name: "From the SDK",
      description: "SDK",
    });
    assert.equal(collection.name, "From the SDK");
    const renamed = await client.helpCenters.collections.update({
      collection_id: Number(collection.id),
      name: "Renamed by the SDK",
    });
    assert.equal(renamed.name, "Renamed by the SDK");
    assert.equal(
      (await client.helpCenters.collections.find({ collection_id: Number(collection.id) })).name,
      renamed.name,
    );
    const collections = [];
    for await (const c of await client.helpCenters.collections.list()) collections.push(c.id);
    assert.deepEqual(collections, [collection.id]);

    const article = await client.articles.create({
      title: "SDK article",
      description: "Written through the SDK",
      body: "<p>Hello from the SDK</p>",
      author_id: t.admin.id,
      state: "published",
      parent_id: Number(collection.id),
      parent_type: "collection",
    });
    assert.equal(article.title, "SDK article");
    assert.equal(article.parent_id, Number(collection.id));
    const found = await client.articles.find({ article_id: Number(article.id) });
    assert.equal(found.body, '<p class="no-margin">Hello from the SDK</p>');
    const updated = await client.articles.update({
      article_id: Number(article.id),
      title: "SDK article, revised",
    });
    assert.equal(updated.title, "SDK article, revised");
    const listed = [];
    for await (const item of await client.articles.list({ per_page: 1 })) listed.push(item.id);
    assert.deepEqual(listed, [article.id]);
    const search = await client.articles.search({ phrase: "revised", state: "published", highlight: true });
    assert.equal(search.total_count, 1);
    assert.equal(search.data?.articles?.[0]?.id, article.id);
    assert.equal(search.data?.highlights?.[0]?.article_id, article.id);
    const deleted = await client.articles.delete({ article_id: Number(article.id) });
    assert.deepEqual(deleted, { id: article.id, object: "article", deleted: true });
    const gone = await client.helpCenters.collections.delete({ collection_id: Number(collection.id) });
    assert.equal(gone.deleted, true);
    assert.equal(await count("articles", t.workspace.id), 0);
    assert.equal(await count("help_center_collections", t.workspace.id), 0);
  });
});
