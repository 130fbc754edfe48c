import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ApiError } from "../../domain/errors.ts";
import { toBool } from "../../storage/schema.ts";

/** Intercom's `admin` object (OpenAPI 2.14 `#/components/schemas/admin`). */
const Admin = Type.Object({
  type: Type.Literal("admin"),
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  job_title: Type.Union([Type.String(), Type.Null()]),
  away_mode_enabled: Type.Boolean(),
  away_mode_reassign: Type.Boolean(),
  away_status_reason_id: Type.Null(),
  has_inbox_seat: Type.Boolean(),
  team_ids: Type.Array(Type.Integer()),
  avatar: Type.Optional(
    Type.Object({ type: Type.Literal("avatar"), image_url: Type.Union([Type.String(), Type.Null()]) }),
  ),
});

const AdminList = Type.Object({ type: Type.Literal("admin.list"), admins: Type.Array(Admin) });

type AdminRecord = {
  id: number;
  name: string;
  email: string;
  job_title: string | null;
  away_mode_enabled: boolean | number;
  away_mode_reassign: boolean | number;
  has_inbox_seat: boolean | number;
  avatar_url: string | null;
};

function present(row: AdminRecord, withAvatar: boolean) {
  return {
    type: "admin" as const,
    id: String(row.id),
    name: row.name,
    email: row.email,
    job_title: row.job_title,
    away_mode_enabled: toBool(row.away_mode_enabled),
    away_mode_reassign: toBool(row.away_mode_reassign),
    away_status_reason_id: null,
    has_inbox_seat: toBool(row.has_inbox_seat),
    // Gatehouse has no teams; the list is truthfully empty.
    team_ids: [] as number[],
    ...(withAvatar && { avatar: { type: "avatar" as const, image_url: row.avatar_url } }),
  };
}

/** `/admins`: the token's workspace's admins (extended scope "Read admins"; one admin also with "Read one admin"). */
export async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const columns = [
    "admins.id",
    "admins.name",
    "admins.email",
    "admins.job_title",
    "admins.away_mode_enabled",
    "admins.away_mode_reassign",
    "admins.has_inbox_seat",
    "admins.avatar_url",
  ] as const;

  app.get(
    "/admins",
    {
      schema: {
        querystring: Type.Object({ display_avatar: Type.Optional(Type.Boolean()) }),
        response: { 200: AdminList },
      },
      config: { scopes: ["read_admins"] },
    },
    async (request) => {
      const { display_avatar } = request.query;
      const rows = await app.services.db
        .selectFrom("admins")
        .innerJoin("memberships", "memberships.admin_id", "admins.id")
        .select(columns)
        .where("memberships.workspace_id", "=", request.principal.workspaceId)
        .orderBy("admins.id")
        .execute();
      return { type: "admin.list" as const, admins: rows.map((r) => present(r, display_avatar === true)) };
    },
  );

  app.get(
    "/admins/:admin_id",
    {
      schema: {
        params: Type.Object({ admin_id: Type.String({ pattern: "^[0-9]{1,15}$" }) }),
        response: { 200: Admin },
      },
      config: { scopes: ["read_admins", "read_single_admin"] },
    },
    async (request) => {
      const { admin_id } = request.params;
      const row = await app.services.db
        .selectFrom("admins")
        .innerJoin("memberships", "memberships.admin_id", "admins.id")
        .select(columns)
        .where("memberships.workspace_id", "=", request.principal.workspaceId)
        .where("admins.id", "=", Number(admin_id))
        .executeTakeFirst();
      // Another workspace's admin is as invisible as one that does not exist.
      if (!row) throw new ApiError(404, "admin_not_found", "Admin not found");
      return present(row, true);
    },
  );
}
