import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import type { Principal } from "../../platform/apps/principals/principal.ts";
import { DEFAULT_AVATAR_PATH } from "../plugins/default-avatar.ts";
import { publicOrigin } from "../plugins/public-origin.ts";

/** `GET /me`: the admin behind the token and the workspace it reaches, exactly as Intercom answers. */
const MeResponse = Type.Object({
  type: Type.Literal("admin"),
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  email_verified: Type.Boolean(),
  app: Type.Object({
    type: Type.Literal("app"),
    id_code: Type.String(),
    name: Type.String(),
    created_at: Type.Integer(),
    secure: Type.Boolean(),
    identity_verification: Type.Boolean(),
    timezone: Type.String(),
    region: Type.String(),
  }),
  avatar: Type.Object({
    type: Type.Literal("avatar"),
    image_url: Type.String(),
  }),
  has_inbox_seat: Type.Boolean(),
});

type Me = Static<typeof MeResponse>;

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
  app.get("/me", { config: { scopes: [] } }, (request, reply) => {
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
