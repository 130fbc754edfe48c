import type { Newsfeed, NewsItem, NewsItemDeleted, NewsItemInput } from "../wire/index.ts";
import { numberedList, type PageOptions, path, type Requester } from "./shared.ts";

/** `/news`: news items, and the newsfeeds they are published on. */
export function newsApi(http: Requester) {
  return {
    items: {
      /** `POST /news/news_items`: `title` and `sender_id` (an admin's id) are required. */
      create: (body: NewsItemInput & { title: string; sender_id: number }): Promise<NewsItem> =>
        http.request("POST", "/news/news_items", body),

      /** `GET /news/news_items/{id}`. */
      find: (id: string | number): Promise<NewsItem> => http.request("GET", path`/news/news_items/${id}`),

      /** `PUT /news/news_items/{id}`: `newsfeed_assignments`, when given, replaces the list. */
      update: (id: string | number, body: NewsItemInput): Promise<NewsItem> =>
        http.request("PUT", path`/news/news_items/${id}`, body),

      /** `DELETE /news/news_items/{id}`. */
      delete: (id: string | number): Promise<NewsItemDeleted> =>
        http.request("DELETE", path`/news/news_items/${id}`),

      /** `GET /news/news_items`: every news item, drafts too, a page (`perPage`, 10 unless asked) at a time. */
      list: (options: PageOptions = {}): AsyncIterable<NewsItem> =>
        numberedList(http, "/news/news_items", options),
    },
    newsfeeds: {
      /** `GET /news/newsfeeds`: every newsfeed. */
      list: (options: PageOptions = {}): AsyncIterable<Newsfeed> =>
        numberedList(http, "/news/newsfeeds", options),

      /** `GET /news/newsfeeds/{id}`. */
      find: (id: string | number): Promise<Newsfeed> => http.request("GET", path`/news/newsfeeds/${id}`),

      /** `GET /news/newsfeeds/{id}/items`: the live items on the newsfeed, most recently published first. */
      items: (id: string | number, options: PageOptions = {}): AsyncIterable<NewsItem> =>
        numberedList(http, path`/news/newsfeeds/${id}/items`, options),
    },
  };
}
