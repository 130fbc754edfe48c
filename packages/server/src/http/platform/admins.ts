import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ApiError } from "../../core/errors.ts";
import { recordId } from "../../core/validation.ts";
import { setAwayMode } from "../../platform/identity/admins.ts";
import { adminsJson, workspaceAdmins } from "../../platform/identity/placed-admins.ts";
import { pageActivity } from "../../platform/services/audit.ts";
import { Admin, AdminList } from "../../wire/admin.ts";
import { errorResponses } from "../../wire/common.ts";

const ActivityLogList = Type.Object({
  type: Type.Literal("activity_log.list"),
  pages: Type.Object({
    type: Type.Literal("pages"),
    next: Type.Union([Type.String(), Type.Null()]),
    page: Type.Integer(),
    per_page: Type.Integer(),
    total_pages: Type.Integer(),
  }),
  activity_logs: Type.Array(
    Type.Object({
      id: Type.String(),
      performed_by: Type.Object({
        type: Type.Literal("admin"),
        id: Type.Union([Type.String(), Type.Null()]),
        email: Type.Union([Type.String(), Type.Null()]),
        ip: Type.Optional(Type.String()),
      }),
      metadata: Type.Record(Type.String(), Type.Unknown()),
      created_at: Type.Integer(),
      activity_type: Type.String(),
      activity_description: Type.String(),
    }),
  ),
});

/** How the log's dotted actions read in `activity_description`. */
const PHRASES: Record<string, string> = {
  "app.created": "created the app",
  "app.renamed": "renamed the app",
  "app.client_secret_rotated": "rotated the app's client secret",
  "app.oauth_enabled": "turned on OAuth for the app",
  "app.oauth_disabled": "turned off OAuth for the app",
  "app.redirect_urls_changed": "changed the app's redirect URLs",
  "app.scopes_changed": "changed the app's permissions",
  "app.canvas_kit_on": "turned on Canvas Kit for the app",
  "app.canvas_kit_off": "turned off Canvas Kit for the app",
  "app.installed": "installed the app",
  "app.uninstalled": "uninstalled the app",
  "token.regenerated": "regenerated the app's access token",
  "token.deleted": "deleted the app's access token",
  "scope.approved": "approved an extended scope",
  "scope.rejected": "rejected an extended scope",
  "admin.away_mode_changed": "changed away mode",
  "admin.login_failed": "failed to sign in (wrong password)",
  "admin.login_succeeded": "signed in",
  "oauth.authorized": "authorized an app",
  "workspace.ip_allowlist_changed": "changed the REST API IP allowlist",
};

/**
 * The actions the API lists, by the name Intercom's `activity_type` enum gives them (2.14's
 * activity_log; the SDK types the field as that enum). Gatehouse's own actions, which the enum has no
 * name for (OAuth turned on, a scope approved…), stay on the hub's activity page.
 */
const ACTIVITY_TYPES: Record<string, string> = {
  "admin.away_mode_changed": "admin_away_mode_change",
  "admin.login_failed": "admin_login_failure",
  "admin.login_succeeded": "admin_login_success",
  "app.installed": "app_package_installation",
  "app.uninstalled": "app_package_uninstallation",
  "token.regenerated": "app_package_token_regeneration",
  "token.deleted": "oauth_token_revocation",
  "workspace.ip_allowlist_changed": "security_settings_change",
};

function describe(action: string, who: string | null, details: Record<string, unknown>): string {
  const app = typeof details.app_name === "string" ? ` (${details.app_name})` : "";
  const actor = who ?? (details.decided_by === "operator" ? "The operator" : "An app");
  return `${actor} ${PHRASES[action] ?? action.replaceAll(".", " ").replaceAll("_", " ")}${app}.`;
}

/** `/admins`: the token's workspace's admins (extended scope "Read admins"; one admin also with "Read one admin"). */
export async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/admins",
    {
      schema: {
        querystring: Type.Object({ display_avatar: Type.Optional(Type.Boolean()) }),
        response: { 200: AdminList, ...errorResponses },
      },
      config: { scopes: ["read_admins"] },
    },
    async (request) => {
      const { display_avatar } = request.query;
      const { db } = app.services;
      const { workspaceId } = request.principal;
      const rows = await workspaceAdmins(db, workspaceId);
      const admins = await adminsJson(db, workspaceId, rows, display_avatar === true);
      return { type: "admin.list" as const, admins };
    },
  );

  app.get(
    "/admins/activity_logs",
    {
      schema: {
        querystring: Type.Object({
          created_at_after: Type.String({ pattern: "^[0-9]{1,12}$" }),
          created_at_before: Type.Optional(Type.String({ pattern: "^[0-9]{1,12}$" })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 250 })),
        }),
        response: { 200: ActivityLogList, ...errorResponses },
      },
      config: { scopes: ["read_admin_activity_logs"] },
    },
    async (request) => {
      const query = request.query;
      const page = query.page ?? 1;
      const perPage = query.per_page ?? 20;
      const { total, rows } = await pageActivity(
        app.services,
        request.principal.workspaceId,
        {
          after: Number(query.created_at_after) * 1000,
          before: query.created_at_before ? Number(query.created_at_before) * 1000 : Number.MAX_SAFE_INTEGER,
        },
        { number: page, size: perPage },
        Object.keys(ACTIVITY_TYPES),
      );
      const totalPages = Math.max(1, Math.ceil(total / perPage));
      return {
        type: "activity_log.list" as const,
        pages: { type: "pages" as const, next: null, page, per_page: perPage, total_pages: totalPages },
        activity_logs: rows.map((r) => ({
          id: String(r.id),
          performed_by: {
            type: "admin" as const,
            id: r.admin_id === null ? null : String(r.admin_id),
            email: r.admin_email,
            // 2.14's ip is a string: an action without a known address (the CLI's) has none.
            ...(r.ip !== null && { ip: r.ip }),
          },
          metadata: r.details,
          created_at: Math.floor(r.created_at / 1000),
          activity_type: ACTIVITY_TYPES[r.action] as string,
          activity_description: describe(r.action, r.admin_name, r.details),
        })),
      };
    },
  );

  app.put(
    "/admins/:admin_id/away",
    {
      schema: {
        params: Type.Object({ admin_id: Type.String({ pattern: "^[0-9]{1,15}$" }) }),
        body: Type.Object({
          away_mode_enabled: Type.Boolean(),
          away_mode_reassign: Type.Boolean(),
          away_status_reason_id: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
        }),
        response: { 200: Admin, ...errorResponses },
      },
      config: { scopes: ["update_admins"] },
    },
    async (request) => {
      const { admin_id } = request.params;
      const body = request.body;
      const { workspaceId } = request.principal;
      const reason = body.away_status_reason_id;
      const row = await setAwayMode(
        app.services,
        workspaceId,
        recordId(admin_id),
        {
          enabled: body.away_mode_enabled,
          reassign: body.away_mode_reassign,
          reasonId: reason === undefined || reason === null ? null : recordId(reason),
        },
        { appId: request.principal.appId, ip: request.ip },
      );
      return (await adminsJson(app.services.db, workspaceId, [row], false))[0];
    },
  );

  app.get(
    "/admins/:admin_id",
    {
      schema: {
        params: Type.Object({ admin_id: Type.String({ pattern: "^[0-9]{1,15}$" }) }),
        querystring: Type.Object({}),
        response: { 200: Admin, ...errorResponses },
      },
      config: { scopes: ["read_admins", "read_single_admin"] },
    },
    async (request) => {
      const { admin_id } = request.params;
      const [row] = await workspaceAdmins(app.services.db, request.principal.workspaceId, recordId(admin_id));
      // Another workspace's admin is as invisible as one that does not exist.
      if (!row) throw new ApiError(404, "admin_not_found", "Admin not found");
      return (await adminsJson(app.services.db, request.principal.workspaceId, [row], true))[0];
    },
  );
}
