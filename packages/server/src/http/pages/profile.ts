import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ApiError } from "../../core/errors.ts";
import type { Services } from "../../core/services.ts";
import { setAdminAvatar } from "../../platform/identity/admins.ts";
import { html } from "./html.ts";
import { Layout, type LayoutProps, type Viewer } from "./layout.ts";
import { noticeFrom, withNotice } from "./notices.ts";
import { pageFrame, signedInAdmin, viewerOf } from "./page-context.ts";

/**
 * `/settings/profile`: the signed-in admin's own avatar, the photo `/me` shows (without one, `/me` shows
 * Gatehouse's default avatar). The CLI sets the same: `gatehouse admin avatar`.
 */
export async function profileRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const page = (p: {
    viewer: Viewer;
    csrf: string;
    avatarUrl: string | null;
    notice: LayoutProps["notice"];
  }) =>
    html`<${Layout} title="Your profile" viewer=${p.viewer} csrf=${p.csrf} notice=${p.notice}>
      <section class="card">
        <h1>Your profile</h1>
        <form method="post" action="/settings/profile/avatar">
          <input type="hidden" name="_csrf" value=${p.csrf} />
          <label for="avatar_url">Avatar URL</label>
          <input id="avatar_url" name="avatar_url" type="url" maxlength="2000" value=${p.avatarUrl ?? ""} />
          <p class="muted">The photo apps see in <code>/me</code>. Leave it empty for Gatehouse's default.</p>
          <button type="submit">Save avatar</button>
        </form>
      </section>
    <//>`;

  app.withTypeProvider<TypeBoxTypeProvider>().get(
    "/settings/profile",
    {
      schema: {
        querystring: Type.Object({ notice: Type.Optional(Type.String({ maxLength: 50 })) }),
        response: { 200: Type.String({ contentMediaType: "text/html" }) },
      },
    },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      return reply.page(
        page({
          ...pageFrame(request),
          avatarUrl: admin.avatar_url,
          notice: noticeFrom(request.query),
        }),
      );
    },
  );

  app.withTypeProvider<TypeBoxTypeProvider>().post(
    "/settings/profile/avatar",
    {
      schema: {
        body: Type.Object({ avatar_url: Type.String({ maxLength: 2000 }) }),
        response: { 303: Type.Null() },
      },
    },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      try {
        await setAdminAvatar(services, admin.id, request.body.avatar_url);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        const viewer = viewerOf(admin) as Viewer;
        const notice = { kind: "error" as const, text: error.message };
        return reply.page(page({ viewer, csrf: request.csrf, avatarUrl: admin.avatar_url, notice }), 400);
      }
      return reply.redirect(withNotice("/settings/profile", "avatar_saved"), 303);
    },
  );
}
