import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Services } from "../../../core/services.ts";
import { deleteApp } from "../../../platform/apps/app-deletion.ts";
import { Confirmed, ConfirmPage } from "../confirm-view.ts";
import { Form, PostAnswers } from "../forms.ts";
import { withNotice } from "../notices.ts";
import { pageFrame, signedInAdmin } from "../page-context.ts";
import { AppParams, ownedApp } from "./owned-app.ts";

const DeleteForm = Form({ ...Confirmed, confirm_name: Type.Optional(Type.String({ maxLength: 300 })) });

/**
 * `POST /hub/apps/:client_id/delete`: deletes the app (app-deletion.ts: soft, every installation and
 * token with it), as any admin of its workspace may change its settings. As GitHub does, the admin types
 * the app's name first: the post without it (or with another name) answers the confirmation page.
 */
export async function appDeleteRoutes(plain: FastifyInstance, { services }: { services: Services }) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    "/hub/apps/:client_id/delete",
    { schema: { params: AppParams, body: DeleteForm, response: PostAnswers } },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const target = await ownedApp(services, admin, request.params.client_id);
      const entered = request.body.confirm_name ?? "";
      if (request.body.confirm !== "1" || entered.trim() !== target.name) {
        const wrong = request.body.confirm === "1";
        return reply.page(
          ConfirmPage({
            ...pageFrame(request),
            title: `Delete ${target.name}?`,
            message:
              "It is uninstalled from every workspace, every token it holds stops working at once, and its webhooks stop. This cannot be undone.",
            action: `/hub/apps/${target.client_id}/delete`,
            label: "Delete this app",
            cancel: `/hub/apps/${target.client_id}`,
            typeToConfirm: {
              name: target.name,
              entered,
              error: wrong ? "That is not the app's name: nothing was deleted." : undefined,
            },
          }),
          wrong ? 400 : 200,
        );
      }
      await deleteApp(services, target.id, { adminId: admin.id, ip: request.ip });
      return reply.redirect(withNotice("/hub", "app_deleted"), 303);
    },
  );
}
