import type { FastifyInstance } from "fastify";
import { Type } from "typebox";

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
    image_url: Type.Union([Type.String(), Type.Null()]),
  }),
  has_inbox_seat: Type.Boolean(),
});

export async function meRoutes(app: FastifyInstance) {
  app.get("/me", { schema: { response: { 200: MeResponse } }, config: { scopes: [] } }, async (request) => {
    const { admin, workspace } = request.principal;
    return {
      type: "admin" as const,
      id: String(admin.id),
      email: admin.email,
      name: admin.name,
      email_verified: admin.emailVerified,
      app: {
        type: "app" as const,
        id_code: workspace.idCode,
        name: workspace.name,
        created_at: Math.floor(workspace.createdAt / 1000),
        secure: workspace.secure,
        identity_verification: workspace.identityVerification,
        timezone: workspace.timezone,
        region: workspace.region,
      },
      avatar: { type: "avatar" as const, image_url: admin.avatarUrl },
      has_inbox_seat: admin.hasInboxSeat,
    };
  });
}
