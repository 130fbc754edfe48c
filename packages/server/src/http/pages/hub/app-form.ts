import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { TProperties } from "typebox";
import type { Services } from "../../../core/services.ts";
import type { AppRow } from "../../../storage/tables/apps.ts";
import { Confirmed, ConfirmPage } from "../confirm-view.ts";
import type { FieldError } from "../field.ts";
import { domainRefusal, SEE_FIELD, schemaRefusal, sentField } from "../form-refusal.ts";
import { Form, type FormBody, formBody, PostAnswers } from "../forms.ts";
import type { VNode } from "../html.ts";
import type { LayoutProps } from "../layout.ts";
import { type NoticeKey, withNotice } from "../notices.ts";
import { pageFrame, signedInAdmin } from "../page-context.ts";
import { AppParams, ownedApp } from "./owned-app.ts";

/** What a confirmation page says before a change (confirm-view.ts); the route fills in where it posts. */
export type AskFirst = { title: string; message: string; label: string };

/** What a form refused shows again: the values typed in its visible fields, and why it was refused. */
export type Draft = { values: Record<string, string>; error: FieldError };

/** One tab of an app's hub pages, as its forms need it: where it lives and how it draws itself. */
export interface AppTab {
  /** Below `/hub/apps/<client_id>`: "" for Basic information, "/authentication", … */
  suffix: string;
  render(
    request: FastifyRequest,
    target: AppRow,
    notice: LayoutProps["notice"],
    draft?: Draft,
  ): Promise<VNode>;
}

export interface AppFormOptions<T extends TProperties> {
  /** The visible fields a refusal is shown beside, with what was typed (default: all of the form's). */
  fields?: readonly string[];
  /** Asks first (a post without `confirm=1` answers this confirmation page); undefined: act at once. */
  confirm?: (target: AppRow) => Promise<AskFirst | undefined>;
  notice: NoticeKey | ((body: FormBody<T>) => NoticeKey);
}

/**
 * Registers one form of an app's hub tab at `/hub/apps/:client_id/<path>`: finds the app (404 if it is
 * not the admin's), asks first when `confirm` says so, runs `run`, and answers a 303 back to the tab with
 * a notice. A refusal, by the schema or by the domain, changes nothing and shows the tab again (400)
 * with what was typed and the message beside its field, or in the banner when the form has no field.
 */
export function appForm<T extends TProperties>(
  plain: FastifyInstance,
  services: Services,
  tab: AppTab,
  path: string,
  fields: T,
  run: (target: AppRow, body: FormBody<T>, actor: { adminId: number; ip: string }) => Promise<unknown>,
  options: AppFormOptions<T>,
): void {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const form = Form(fields);
  // The route's schema also admits `confirm=1` (a confirmation page's button sends it); the handler's
  // type is the form's own.
  const schema = Form({ ...fields, ...Confirmed });
  const names = options.fields ?? Object.keys(fields);
  app.post(
    `/hub/apps/:client_id/${path}`,
    { schema: { params: AppParams, body: schema, response: PostAnswers }, attachValidation: true },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const target = await ownedApp(services, admin, request.params.client_id);
      const page = `/hub/apps/${target.client_id}${tab.suffix}`;
      const refuse = async (error: FieldError) => {
        const draft =
          names.length > 0
            ? {
                values: Object.fromEntries(names.map((name) => [name, sentField(request.body, name)])),
                error,
              }
            : undefined;
        const banner = draft ? SEE_FIELD : { kind: "error" as const, text: error.message };
        return reply.page(await tab.render(request, target, banner, draft), error.status ?? 400);
      };
      const refused = schemaRefusal(request);
      if (refused) return refuse(refused);
      const body = formBody(request, form);
      const ask = sentField(request.body, "confirm") === "1" ? undefined : await options.confirm?.(target);
      if (ask) {
        return reply.page(
          ConfirmPage({
            ...pageFrame(request),
            ...ask,
            action: `/hub/apps/${target.client_id}/${path}`,
            cancel: page,
          }),
        );
      }
      try {
        await run(target, body, { adminId: admin.id, ip: request.ip });
      } catch (error) {
        return refuse(domainRefusal(error, names.length > 0 ? names : [""]));
      }
      const said = typeof options.notice === "function" ? options.notice(body) : options.notice;
      return reply.redirect(withNotice(page, said), 303);
    },
  );
}
