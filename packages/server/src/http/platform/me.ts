import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Principal } from "../../platform/apps/principals/principal.ts";
import { Me } from "../../wire/admin.ts";
import { errorResponses } from "../../wire/common.ts";
import { DEFAULT_AVATAR_PATH } from "../plugins/default-avatar.ts";
import { publicOrigin } from "../plugins/public-origin.ts";

/** The admin's own avatar, or Gatehouse's default at the public origin (Intercom never answers null). */
function present({ admin, workspace }: Principal, origin: string): Me {
  return {
    type: "admin",
    id: String(admin.id),
    email: admin.email,
    name: admin.name,
    email_verified: admin.emailVerified,
    app: {
      type: "app",
      id_code: workspace.idCode,
      name: workspace.name,
      created_at: Math.floor(workspace.createdAt / 1000),
      secure: workspace.secure,
      identity_verification: workspace.identityVerification,
      timezone: workspace.timezone,
      region: workspace.region,
    },
    avatar: { type: "avatar", image_url: admin.avatarUrl ?? `${origin}${DEFAULT_AVATAR_PATH}` },
    has_inbox_seat: admin.hasInboxSeat,
  };
}

/**
 * The body depends only on the principal, which is replaced whenever anything it holds changes, and on
 * the public origin (the default avatar's URL), which is fixed when configured; so it is serialised once
 * per principal and origin and kept beside the principal for as long as it lives.
 */
const bodies = new WeakMap<Principal, { origin: string; body: string }>();

export async function meRoutes(app: FastifyInstance) {
  // The schema names the answer; the body is the string serialised below, which Fastify sends as is.
  const schema = { querystring: Type.Object({}), response: { 200: Me, ...errorResponses } };
  app.get("/me", { schema, config: { scopes: [] } }, (request, reply) => {
    const origin = publicOrigin(request);
    const cached = bodies.get(request.principal);
    let body = cached?.origin === origin ? cached.body : undefined;
    if (body === undefined) {
      body = JSON.stringify(present(request.principal, origin));
      bodies.set(request.principal, { origin, body });
    }
    reply.type("application/json; charset=utf-8").send(body);
  });
}
