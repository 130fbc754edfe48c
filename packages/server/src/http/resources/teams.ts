import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../core/validation.ts";
import { findTeam, listTeams, teamAdminIds } from "../../resources/teams.ts";
import { errorResponses } from "../../wire/common.ts";
import { Team, TeamList, teamJson } from "../../wire/team.ts";

/**
 * Intercom lists teams under its admins' permission: a team is a group of admins, and reading one
 * reveals who is in it, so the routes take "Read admins" as `/admins` does.
 */
const READ = ["read_admins"] as const;

const TeamId = Type.Object({ team_id: Type.String({ maxLength: 50 }) });

/** `/teams`: the workspace's teams, made by operators with the CLI (`gatehouse team create`). */
export async function teamRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const s = app.services;

  app.get(
    "/teams",
    {
      schema: { querystring: Type.Object({}), response: { 200: TeamList, ...errorResponses } },
      config: { scopes: READ },
    },
    async (request) => {
      const rows = await listTeams(s.db, request.principal.workspaceId);
      const admins = await teamAdminIds(
        s.db,
        rows.map((r) => r.id),
      );
      return {
        type: "team.list" as const,
        teams: rows.map((row) => teamJson(row, admins.get(row.id) ?? [])),
      };
    },
  );

  const one = {
    schema: { params: TeamId, querystring: Type.Object({}), response: { 200: Team, ...errorResponses } },
    config: { scopes: READ },
  };
  app.get("/teams/:team_id", one, async (request) => {
    const row = await findTeam(s.db, request.principal.workspaceId, pathId(request.params.team_id));
    const admins = await teamAdminIds(s.db, [row.id]);
    return teamJson(row, admins.get(row.id) ?? []);
  });
}
