import type { Article, ArticleDeleted, ArticleInput, ArticleListItem } from "../wire/index.ts";
import { numberedList, type PageOptions, path, type Requester } from "./shared.ts";

/** `/articles`: help center articles. */
export function articlesApi(http: Requester) {
  return {
    /** `POST /articles`: `title` and `author_id` (an admin's id) are required; a draft unless `state` says. */
    create: (body: ArticleInput & { title: string; author_id: number }): Promise<Article> =>
      http.request("POST", "/articles", body),

    /** `GET /articles/{id}`: with its statistics. */
    find: (id: string | number): Promise<Article> => http.request("GET", path`/articles/${id}`),

    /** `PUT /articles/{id}`. */
    update: (id: string | number, body: ArticleInput): Promise<Article> =>
      http.request("PUT", path`/articles/${id}`, body),

    /** `DELETE /articles/{id}`. */
    delete: (id: string | number): Promise<ArticleDeleted> => http.request("DELETE", path`/articles/${id}`),

    /** `GET /articles`: every article, a page (`perPage`, 25 unless asked) at a time. */
    list: (options: PageOptions = {}): AsyncIterable<ArticleListItem> =>
      numberedList(http, "/articles", options),
  };
}
