import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import type { FastifyError, FastifyInstance } from "fastify";
import type { Config } from "../../config.ts";
import { ApiError } from "../../core/errors.ts";
import { decisiveFailure, describeFailure } from "../../core/schema-errors.ts";
import type { Services } from "../../core/services.ts";
import { AuthorizationRequestError } from "../../platform/apps/oauth/oauth-error.ts";
import { findSessionAdmin } from "../../platform/identity/sessions.ts";
import { databaseUnavailable } from "../plugins/errors.ts";
import { type PageCookies, pageCookies } from "./cookies.ts";
import { csrfMatches, csrfToken, newPreSessionSecret } from "./csrf.ts";
import { ErrorPage } from "./error-page.ts";
import { renderDocument, type VNode } from "./html.ts";
import { redirectToSignIn, viewerOf } from "./page-context.ts";

declare module "fastify" {
  interface FastifyReply {
    /** Sends a rendered page with the headers every page carries. */
    page(page: VNode, status?: number): FastifyReply;
  }
}

/**
 * What every page's context holds: cookies and forms, the signed-in admin, the CSRF token, the headers
 * every page carries, and errors shown as pages. Every page is uncacheable, unframeable and sends no
 * referrer; every form carries a CSRF token, bound to the session once signed in (csrf.ts), checked
 * before its handler runs. Registered in each context that serves pages (the pages here, and the OAuth
 * consent page).
 */
export async function setUpPages(
  app: FastifyInstance,
  { services, config }: { services: Services; config: Config },
): Promise<PageCookies> {
  const cookies = pageCookies(config.publicUrl);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  app.decorateRequest("admin", null);
  app.decorateRequest("csrf", "");
  app.decorateReply("page", function (this, page: VNode, status = 200) {
    return this.code(status).type("text/html; charset=utf-8").send(renderDocument(page));
  });

  app.addHook("onRequest", async (request, reply) => {
    reply.header("Cache-Control", "no-store");
    reply.header("X-Frame-Options", "DENY");
    reply.header("Referrer-Policy", "no-referrer");
    reply.header(
      "Content-Security-Policy",
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    const session = request.cookies[cookies.session];
    request.admin = (await findSessionAdmin(services, session)) ?? null;
    if (request.admin && session) {
      request.csrf = csrfToken(services.keys, { session });
      return;
    }
    let preSession = request.cookies[cookies.preSession];
    if (!preSession || preSession.length > 64) {
      preSession = newPreSessionSecret();
      reply.setCookie(cookies.preSession, preSession, cookies.options(request));
    }
    request.csrf = csrfToken(services.keys, { preSession });
  });

  // Before schema validation, so a form without its token is a CSRF refusal, not a "malformed" one.
  app.addHook("preValidation", async (request, reply) => {
    if (request.method === "POST") {
      // Still unchecked here (this runs before the schema): read the one field only if the body is a form.
      const body: unknown = request.body;
      const presented = typeof body === "object" && body !== null && "_csrf" in body ? body._csrf : undefined;
      if (!csrfMatches(request.csrf, presented)) {
        return reply.page(
          ErrorPage({
            title: "This form has expired",
            message:
              "The form was not sent from a Gatehouse page, or it is too old. Go back, reload the page, and try again.",
          }),
          403,
        );
      }
    }
    if (!request.routeOptions.config.signedOut && !request.admin) return redirectToSignIn(request, reply);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const viewer = viewerOf(request.admin);
    if (error instanceof AuthorizationRequestError || error instanceof ApiError) {
      const title =
        error instanceof AuthorizationRequestError ? "This link cannot be used" : "That didn't work";
      return reply.page(
        ErrorPage({ title, message: error.message, viewer, csrf: request.csrf }),
        error.status,
      );
    }
    if (error.validation) {
      // A form or link that fails its route's schema: the page says which field, and what it must be.
      const first = decisiveFailure(error.validation);
      const { message } = first
        ? describeFailure(first, (field) => `The ${field} field`)
        : { message: "Some of what was sent is missing or malformed" };
      return reply.page(
        ErrorPage({ title: "That was not accepted", message: `${message}.`, viewer, csrf: request.csrf }),
        400,
      );
    }
    if (error.statusCode === 413) {
      return reply.page(
        ErrorPage({
          title: "That was too much",
          message: "What was sent is larger than a form can be (64 kB). Send less, and try again.",
          viewer,
          csrf: request.csrf,
        }),
        413,
      );
    }
    if (error.statusCode === 400 || error.statusCode === 415) {
      return reply.page(
        ErrorPage({
          title: "That request was not understood",
          message: "Some of what was sent is missing or malformed.",
        }),
        error.statusCode,
      );
    }
    const unavailable = databaseUnavailable(error);
    if (unavailable) {
      request.log.warn({ err: error }, "page refused: database unavailable");
      for (const [name, value] of Object.entries(unavailable.headers)) reply.header(name, value);
      return reply.page(
        ErrorPage({
          title: "Gatehouse is briefly unavailable",
          message: "It cannot reach its database right now. Try again in a moment.",
        }),
        unavailable.status,
      );
    }
    request.log.error({ err: error }, "page failed");
    return reply.page(
      ErrorPage({
        title: "Something went wrong",
        message: "Something went wrong on our side. Try again in a moment.",
      }),
      500,
    );
  });
  return cookies;
}
