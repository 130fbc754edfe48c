import { createArticle } from "../../src/resources/content/articles.ts";
import { createCollection, helpCenterDirectory } from "../../src/resources/content/help-centers.ts";
import { createNewsItem, listNewsfeeds } from "../../src/resources/content/news.ts";
import type { RouteSamples, SampleContext } from "../support/route-samples.ts";

/** Articles, help center collections and help centers, news items and newsfeeds. */

async function article({ gh, tenant }: SampleContext) {
  return createArticle(gh.services, tenant.workspace.id, { title: "Sample", author_id: tenant.admin.id });
}

async function collection({ gh, tenant }: SampleContext) {
  return createCollection(gh.services, tenant.workspace.id, { name: "Sample" });
}

async function newsItem({ gh, tenant }: SampleContext) {
  return createNewsItem(gh.services, tenant.workspace.id, { title: "Sample", sender_id: tenant.admin.id });
}

async function newsfeed({ gh, tenant }: SampleContext) {
  const { rows } = await listNewsfeeds(gh.services, tenant.workspace.id, { number: 1, size: 1 });
  const feed = rows[0];
  if (!feed) throw new Error("a workspace starts with newsfeeds");
  return feed;
}

export const samples: RouteSamples = {
  "POST /articles": async ({ tenant, url }) => ({
    url,
    body: { title: "Sample", author_id: tenant.admin.id },
  }),
  "GET /articles/:article_id": async (c) => ({
    url: c.url.replace(":article_id", String((await article(c)).id)),
  }),
  "PUT /articles/:article_id": async (c) => ({
    url: c.url.replace(":article_id", String((await article(c)).id)),
    body: { title: "Renamed" },
  }),
  "DELETE /articles/:article_id": async (c) => ({
    url: c.url.replace(":article_id", String((await article(c)).id)),
  }),

  "POST /help_center/collections": async ({ url }) => ({ url, body: { name: "Sample" } }),
  "GET /help_center/collections/:collection_id": async (c) => ({
    url: c.url.replace(":collection_id", String((await collection(c)).id)),
  }),
  "PUT /help_center/collections/:collection_id": async (c) => ({
    url: c.url.replace(":collection_id", String((await collection(c)).id)),
    body: { name: "Renamed" },
  }),
  "DELETE /help_center/collections/:collection_id": async (c) => ({
    url: c.url.replace(":collection_id", String((await collection(c)).id)),
  }),
  "GET /help_center/help_centers/:help_center_id": async ({ gh, tenant, url }) => {
    const { first } = await helpCenterDirectory(gh.services.db, tenant.workspace.id);
    return { url: url.replace(":help_center_id", String(first?.id)) };
  },

  "POST /news/news_items": async ({ tenant, url }) => ({
    url,
    body: { title: "Sample", sender_id: tenant.admin.id },
  }),
  "GET /news/news_items/:news_item_id": async (c) => ({
    url: c.url.replace(":news_item_id", String((await newsItem(c)).id)),
  }),
  "PUT /news/news_items/:news_item_id": async (c) => ({
    url: c.url.replace(":news_item_id", String((await newsItem(c)).id)),
    body: { title: "Renamed" },
  }),
  "DELETE /news/news_items/:news_item_id": async (c) => ({
    url: c.url.replace(":news_item_id", String((await newsItem(c)).id)),
  }),
  "GET /news/newsfeeds/:newsfeed_id": async (c) => ({
    url: c.url.replace(":newsfeed_id", String((await newsfeed(c)).id)),
  }),
  "GET /news/newsfeeds/:newsfeed_id/items": async (c) => ({
    url: c.url.replace(":newsfeed_id", String((await newsfeed(c)).id)),
  }),
};
