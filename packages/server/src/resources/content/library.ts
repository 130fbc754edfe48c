import { sql } from "kysely";
import { onPage } from "../../core/paging.ts";
import type { Services } from "../../core/services.ts";
import type { ContentRecord, ContentType } from "../../wire/content.ts";

/**
 * The workspace's content in one list, for "Read content data": its articles and news items, described
 * (kind, title, state, times) without their bodies, most recently updated first.
 */

export async function listContent(
  s: Services,
  workspaceId: number,
  filter: { content_type?: ContentType },
  page: { number: number; size: number },
): Promise<{ rows: ContentRecord[]; total: number }> {
  const only = filter.content_type;
  // Articles and news items are described alike; a kind the filter leaves out gives no rows.
  const entries = (table: "articles" | "news_items", kind: ContentType) =>
    s.db
      .selectFrom(table)
      .select([
        sql<ContentType>`${sql.lit(kind)}`.as("content_type"),
        "id",
        "title",
        (eb) => eb.ref("state").$castTo<string>().as("state"),
        "created_at",
        "updated_at",
      ])
      .where("workspace_id", "=", workspaceId)
      .$if(only !== undefined && only !== kind, (q) => q.where(sql<boolean>`1 = 0`));
  const articles = entries("articles", "article");
  const news = entries("news_items", "news_item");
  const all = () => s.db.selectFrom(articles.unionAll(news).as("content"));
  const rows = await all()
    .selectAll()
    .orderBy("updated_at", "desc")
    .orderBy("content_type")
    .orderBy("id", "desc")
    .$call(onPage(page))
    .execute();
  const total = await all()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}
