import { createInternalArticle } from "../../src/resources/content/internal-articles.ts";
import { createTeam } from "../../src/resources/teams.ts";
import { createVisitor } from "../../src/resources/visitors.ts";
import type { RouteSamples, SampleContext } from "../support/route-samples.ts";

/** Teams, internal articles and visitors: each route's record made in the tenant's workspace. */
async function article({ gh, tenant }: SampleContext) {
  return createInternalArticle(gh.services, tenant.workspace.id, {
    title: "A sample internal article",
    author_id: tenant.admin.id,
    owner_id: tenant.admin.id,
  });
}

const visitor = ({ gh, tenant }: SampleContext) => createVisitor(gh.services, tenant.workspace.id);

export const samples: RouteSamples = {
  "GET /teams/:team_id": async ({ gh, tenant, url }) => {
    const team = await createTeam(gh.services, tenant.workspace.id, {
      name: `Sample team ${Math.random().toString(36).slice(2)}`,
    });
    return { url: url.replace(":team_id", String(team.id)) };
  },
  "POST /internal_articles": async ({ tenant, url }) => ({
    url,
    body: { title: "Sample", author_id: tenant.admin.id, owner_id: tenant.admin.id },
  }),
  "GET /internal_articles/:internal_article_id": async (context) => ({
    url: context.url.replace(":internal_article_id", String((await article(context)).id)),
  }),
  "PUT /internal_articles/:internal_article_id": async (context) => ({
    url: context.url.replace(":internal_article_id", String((await article(context)).id)),
    body: { title: "Renamed" },
  }),
  "DELETE /internal_articles/:internal_article_id": async (context) => ({
    url: context.url.replace(":internal_article_id", String((await article(context)).id)),
  }),
  "GET /visitors": async (context) => ({
    url: `${context.url}?user_id=${(await visitor(context)).user_id}`,
  }),
  "PUT /visitors": async (context) => ({
    url: context.url,
    body: { id: (await visitor(context)).id, name: "A sample visitor" },
  }),
  "POST /visitors/convert": async (context) => ({
    url: context.url,
    body: {
      type: "lead",
      user: { email: "converted@example.com" },
      visitor: { user_id: (await visitor(context)).user_id },
    },
  }),
};
