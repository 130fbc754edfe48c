import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { listContent } from "../../../resources/content/library.ts";
import { errorResponses } from "../../../wire/common.ts";
import { ContentList, ContentQuery, contentEntryJson } from "../../../wire/content.ts";
import { forCaller } from "../../api/for-caller.ts";
import { numberedList, paging } from "../../api/page-links.ts";

/**
 * `GET /content`: Intercom's 2.14 description has no endpoint for "Read content data", so Gatehouse
 * serves a read-only list of the workspace's content (articles and news items) in Intercom's style.
 * It describes each piece without its body: the bodies stay behind the extended articles and news scopes.
 */
export async function contentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/content",
    {
      schema: { querystring: ContentQuery, response: { 200: ContentList, ...errorResponses } },
      config: { scopes: ["read_content_data"] },
    },
    async (request) => {
      const { content_type, ...pageQuery } = request.query;
      const page = paging(pageQuery);
      const found = await forCaller(
        request,
        listContent,
        content_type === undefined ? {} : { content_type },
        page,
      );
      return numberedList(request, page, found, contentEntryJson);
    },
  );
}
