import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Principal } from "../../platform/apps/principals/principal.ts";
import { Me } from "../../wire/admin.ts";
import { errorResponses } from "../../wire/common.ts";

/** The admin behind the token and the workspace it reaches, exactly as Intercom answers. */
function present({ admin, workspace }: Principal): Me {
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
    avatar: { type: "avatar", image_url: admin.avatarUrl },
    has_inbox_seat: admin.hasInboxSeat,
  };
}

/**
 * The body depends only on the principal, which is replaced whenever anything it holds changes; so it
 * is serialised once per principal and kept beside it for as long as the principal lives.
 */
const bodies = new WeakMap<Principal, string>();

export async function meRoutes(app: FastifyInstance) {
  // The schema names the answer; the body is the string serialised below, which Fastify sends as is.
  const schema = { querystring: Type.Object({}), response: { 200: Me, ...errorResponses } };
  app.get("/me", { schema, config: { scopes: [] } }, (request, reply) => {
    let body = bodies.get(request.principal);
    if (body === undefined) {
      body = JSON.stringify(present(request.principal));
      bodies.set(request.principal, body);
    }
    reply.type("application/json; charset=utf-8").send(body);
  });
}
