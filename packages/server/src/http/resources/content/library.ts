import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { seconds } from "../../../resources/content/fields.ts";
import { listContent } from "../../../resources/content/library.ts";
import { pageLinks, paging } from "../../api/page-links.ts";

/**
 * `GET /content`: Intercom's 2.14 description has no endpoint for "Read content data", so Gatehouse
 * serves a read-only list of the workspace's content (articles and news items) in Intercom's style.
 * It describes each piece without its body: the bodies stay behind the extended articles and news scopes.
 */
const Query = Type.Object({
  content_type: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
});

export async function contentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/content",
    { schema: { querystring: Query }, config: { scopes: ["read_content_data"] } },
    async (request) => {
      const { content_type, ...pageQuery } = request.query;
      const page = paging(pageQuery);
      const { rows, total } = await listContent(
        app.services,
        request.principal.workspaceId,
        content_type === undefined ? {} : { content_type },
        page,
      );
      return {
        type: "list" as const,
        data: rows.map((row) => ({
          type: "content" as const,
          content_type: row.content_type,
          id: String(row.id),
          title: row.title,
          state: row.state,
          created_at: seconds(row.created_at),
          updated_at: seconds(row.updated_at),
        })),
        total_count: total,
        pages: pageLinks(request, page, total),
      };
    },
  );
}
