import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ApiError } from "../../../core/errors.ts";
import type { Services } from "../../../core/services.ts";
import { recentDeliveries } from "../../../platform/webhooks/deliveries.ts";
import { queuePing } from "../../../platform/webhooks/notifications.ts";
import { rotateSigningSecret, signingSecrets } from "../../../platform/webhooks/signing-secrets.ts";
import {
  findSubscription,
  heldScopes,
  removeSubscription,
  setSubscription,
} from "../../../platform/webhooks/subscriptions.ts";
import { topicGroups } from "../../../platform/webhooks/topics.ts";
import type { AppRow } from "../../../storage/tables/apps.ts";
import { schemaRefusal, sentField } from "../form-refusal.ts";
import { Form, formBody, NoticeQuery, PageAnswers, PostAnswers } from "../forms.ts";
import type { LayoutProps } from "../layout.ts";
import { noticeFrom, withNotice } from "../notices.ts";
import { pageFrame, signedInAdmin } from "../page-context.ts";
import { type AppTab, appForm } from "./app-form.ts";
import { AppWebhooksPage } from "./app-webhooks-view.ts";
import { AppParams, appHeading, ownedApp } from "./owned-app.ts";

const WebhookForm = Form({
  url: Type.String({ maxLength: 4000 }),
  // One checkbox arrives as a string, several as an array.
  topics: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 200 }),
      Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 }),
    ]),
  ),
});

/**
 * `/hub/apps/:client_id/webhooks`: the endpoint, its topics, a test ping, the signing secret (reveal
 * and rotate), and recent deliveries.
 */
export async function appWebhooksRoutes(plain: FastifyInstance, { services }: { services: Services }) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const render = async (
    request: Parameters<typeof signedInAdmin>[0],
    target: AppRow,
    notice: LayoutProps["notice"],
    draft?: { url: string; topics: string[]; urlError?: string },
  ) => {
    return AppWebhooksPage({
      ...pageFrame(request),
      notice,
      app: await appHeading(services, target),
      subscription: await findSubscription(services, target.id),
      groups: topicGroups(),
      held: await heldScopes(services, target.id),
      scopeLabel: (id) => services.scopes.get(id)?.label ?? id,
      signing: await signingSecrets(services, target.id),
      deliveries: await recentDeliveries(services, target.id),
      ...(draft && { draft }),
    });
  };
  const target = (request: Parameters<typeof signedInAdmin>[0] & { params: { client_id: string } }) =>
    ownedApp(services, signedInAdmin(request), request.params.client_id);

  app.get(
    "/hub/apps/:client_id/webhooks",
    { schema: { params: AppParams, querystring: NoticeQuery, response: PageAnswers } },
    async (request, reply) =>
      reply.page(await render(request, await target(request), noticeFrom(request.query))),
  );

  app.post(
    "/hub/apps/:client_id/webhooks",
    { schema: { params: AppParams, body: WebhookForm, response: PostAnswers }, attachValidation: true },
    async (request, reply) => {
      const owned = await target(request);
      const refused = schemaRefusal(request);
      if (refused) {
        // The form again, as typed (the URL; topics as last saved), the refusal beside the URL if it is its.
        const url = sentField(request.body, "url");
        const draft = {
          url,
          topics: (await findSubscription(services, owned.id))?.topics ?? [],
          ...(refused.field === "url" && { urlError: refused.message }),
        };
        return reply.page(await render(request, owned, { kind: "error", text: refused.message }, draft), 400);
      }
      const body = formBody(request, WebhookForm);
      const topics =
        body.topics === undefined ? [] : Array.isArray(body.topics) ? body.topics : [body.topics];
      try {
        await setSubscription(
          services,
          owned.id,
          { url: body.url, topics },
          { adminId: signedInAdmin(request).id, ip: request.ip },
        );
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        const draft = { url: body.url, topics, ...(error.field === "url" && { urlError: error.message }) };
        return reply.page(await render(request, owned, { kind: "error", text: error.message }, draft), 400);
      }
      return reply.redirect(withNotice(`/hub/apps/${owned.client_id}/webhooks`, "webhooks_saved"), 303);
    },
  );

  const action = { schema: { params: AppParams, body: Form({}), response: PostAnswers } };
  app.post("/hub/apps/:client_id/webhooks/ping", action, async (request, reply) => {
    const owned = await target(request);
    if (!(await findSubscription(services, owned.id))) {
      return reply.page(
        await render(request, owned, { kind: "error", text: "Save an endpoint URL before sending a test." }),
        400,
      );
    }
    await queuePing(services, owned.id);
    return reply.redirect(withNotice(`/hub/apps/${owned.client_id}/webhooks`, "ping_sent"), 303);
  });

  // Removing the subscription (which cancels what is queued) and rotating its signing secret ask first,
  // as every destructive hub action does; they are the tab's forms with no field of their own.
  const tab = {
    suffix: "/webhooks",
    render: (request, target, notice) => render(request, target, notice),
  } satisfies AppTab;
  appForm(
    plain,
    services,
    tab,
    "webhooks/remove",
    {},
    (target, _body, actor) => removeSubscription(services, target.id, actor),
    {
      confirm: async () => ({
        title: "Remove the webhook subscription?",
        message:
          "Gatehouse stops sending notifications to your endpoint, and the ones still queued are cancelled.",
        label: "Remove subscription",
      }),
      notice: "webhooks_removed",
    },
  );
  appForm(
    plain,
    services,
    tab,
    "webhooks/rotate-secret",
    {},
    (target, _body, actor) =>
      rotateSigningSecret(services, target.id, services.webhooks.signingSecretOverlapMs, actor),
    {
      confirm: async () => ({
        title: "Rotate the webhook signing secret?",
        message:
          "A new secret signs every notification from now on. The current one also keeps signing until its overlap ends: update your endpoint before then.",
        label: "Rotate signing secret",
      }),
      notice: "webhook_secret_rotated",
    },
  );
}
