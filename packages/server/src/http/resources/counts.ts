import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Static } from "typebox";
import { errors } from "../../core/errors.ts";
import type { Services } from "../../core/services.ts";
import {
  companyContactCounts,
  countCompanies,
  countUsers,
  segmentCounts,
  tagCounts,
  workspaceCounts,
} from "../../resources/counts.ts";
import { errorResponses } from "../../wire/common.ts";
import { type CountBreakdown, Counts, CountsQuery } from "../../wire/count.ts";

/** Intercom lists named counts as one-key objects: `[{"VIP": 3}, …]`. */
const named = (counts: Array<{ name: string; count: number }>) => counts.map((c) => ({ [c.name]: c.count }));

type Variant = (s: Services, workspaceId: number) => Promise<Omit<Static<typeof CountBreakdown>, "type">>;

/** What `?type=…&count=…` asks for, and how each is answered. */
const VARIANTS: Record<string, Variant> = {
  company: async (s, w) => ({ company: { count: await countCompanies(s, w) } }),
  "company:tag": async (s, w) => ({ company: { tag: named(await tagCounts(s, w, "companies")) } }),
  // Segments hold contacts in Gatehouse: there are no company segments to count.
  "company:segment": async () => ({ company: { segment: [] } }),
  "company:user": async (s, w) => ({
    company: {
      user: (await companyContactCounts(s, w)).map((c) => ({
        [c.name ?? c.companyId]: c.count,
        remote_company_id: c.companyId,
      })),
    },
  }),
  user: async (s, w) => ({ user: { count: await countUsers(s, w) } }),
  "user:tag": async (s, w) => ({ user: { tag: named(await tagCounts(s, w, "contacts")) } }),
  "user:segment": async (s, w) => ({ user: { segment: named(await segmentCounts(s, w)) } }),
};

/** `GET /counts`: the workspace's totals, or one breakdown of them. */
export async function countRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/counts",
    {
      schema: {
        querystring: CountsQuery,
        response: { 200: Counts, ...errorResponses },
      },
      config: { scopes: ["read_counts"] },
    },
    async (request) => {
      const { type, count } = request.query;
      const workspaceId = request.principal.workspaceId;
      if (type === undefined) {
        if (count !== undefined) throw errors.parameterNotFound("count needs a type", "type");
        const totals = await workspaceCounts(app.services, workspaceId);
        return {
          type: "count.hash" as const,
          company: { count: totals.company },
          user: { count: totals.user },
          lead: { count: totals.lead },
          tag: { count: totals.tag },
          segment: { count: totals.segment },
        };
      }
      const key = count === undefined ? type : `${type}:${count}`;
      const variant = Object.hasOwn(VARIANTS, key) ? VARIANTS[key] : undefined;
      if (!variant)
        throw errors.parameterInvalid(
          "Counts are by type company (with count tag, segment or user) or user (with count tag or segment)",
          count === undefined ? "type" : "count",
        );
      return { type: "count" as const, ...(await variant(app.services, workspaceId)) };
    },
  );
}
