import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Config } from "../../config.ts";
import type { Services } from "../../core/services.ts";
import { findAppByClientId } from "../../platform/apps/apps.ts";
import { Email, Password } from "../../platform/identity/identity-input.ts";
import { createSession, endSession, SESSION_TTL_MS } from "../../platform/identity/sessions.ts";
import { checkCredentials } from "../../platform/identity/sign-in.ts";
import { ConcurrencyGate } from "../../platform/services/limits/concurrency-gate.ts";
import { toBool } from "../../storage/schema.ts";
import type { AdminRow } from "../../storage/tables/identity.ts";
import type { PageCookies } from "./cookies.ts";
import { Form, PageAnswers, PostAnswers } from "./forms.ts";
import { safeReturnPath } from "./page-context.ts";
import { SignInPage } from "./signin-view.ts";

const WRONG = "That email and password don't match an admin. Check them and try again.";
const BUSY = "Too many sign-ins at once. Wait a second and try again.";

/** Where to go after sign-in: any text is taken (up to a form's size); safeReturnPath keeps only this site. */
const ReturnTo = Type.String({ maxLength: 64 * 1024 });

/**
 * `/signin` and `/signout`. One message for a wrong email or a wrong password. Every attempt is counted
 * against the sign-in budgets before its password is checked (docs/security.md, "Sign-in").
 */
export async function signInRoutes(
  app: FastifyInstance,
  { services, config, cookies }: { services: Services; config: Config; cookies: PageCookies },
) {
  const publicOrigin = new URL(config.publicUrl).origin;
  // Each verification holds 19 MiB and a thread for tens of milliseconds: a few at once, never a pile.
  const verifications = new ConcurrencyGate(config.signInConcurrency);
  const pages = app.withTypeProvider<TypeBoxTypeProvider>();

  /**
   * The app an admin is signing in for: the client_id of a return path that is this site's own `/oauth`
   * (returnTo has been through safeReturnPath, so a foreign one is already `/hub`). An unknown, deleted
   * or non-OAuth app names nothing: the plain sign-in page, never an error.
   */
  async function appAsking(returnTo: string) {
    const target = new URL(returnTo, publicOrigin);
    if (target.pathname !== "/oauth" && target.pathname !== "/oauth/signup") return undefined;
    const clientId = target.searchParams.get("client_id");
    // A client_id is printable ASCII (a UUID); anything else (a NUL PostgreSQL refuses) is no app.
    if (!clientId || !/^[\x21-\x7e]{1,100}$/.test(clientId)) return undefined;
    const found = await findAppByClientId(services, clientId);
    if (!found || !toBool(found.oauth_enabled)) return undefined;
    return { name: found.name, iconUrl: found.icon_url };
  }
  pages.get(
    "/signin",
    {
      config: { signedOut: true },
      schema: { querystring: Type.Object({ return_to: Type.Optional(ReturnTo) }), response: PageAnswers },
    },
    async (request, reply) => {
      const returnTo = safeReturnPath(request.query.return_to, publicOrigin);
      if (request.admin) return reply.redirect(returnTo, 303);
      return reply.page(SignInPage({ csrf: request.csrf, returnTo, app: await appAsking(returnTo) }));
    },
  );

  pages.post(
    "/signin",
    {
      config: { signedOut: true },
      schema: {
        body: Form({ email: Email, password: Password, return_to: Type.Optional(ReturnTo) }),
        response: PostAnswers,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const returnTo = safeReturnPath(body.return_to, publicOrigin);
      const email = body.email.trim().toLowerCase();
      const form = { csrf: request.csrf, returnTo, email, app: await appAsking(returnTo) };
      // Counted before the password is checked, so parallel guesses cannot outrun the budget.
      const attempt = await services.limits.signIn.begin(email, request.ip);
      if (!attempt.allowed) {
        reply.header("Retry-After", String(Math.ceil(attempt.retryAfterMs / 1000)));
        const minutes = Math.ceil(attempt.retryAfterMs / 60_000);
        const error = `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
        return reply.page(SignInPage({ ...form, error }), 429);
      }
      const release = verifications.tryEnter();
      if (!release) {
        await attempt.notChecked();
        reply.header("Retry-After", "1");
        return reply.page(SignInPage({ ...form, error: BUSY }), 503);
      }
      let admin: AdminRow | undefined;
      try {
        admin = await checkCredentials(services, { email, password: body.password, ip: request.ip });
      } finally {
        release();
      }
      if (!admin) return reply.page(SignInPage({ ...form, error: WRONG }), 401);
      await attempt.succeeded();
      const session = await createSession(services, admin.id, {
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
      });
      // From here on the browser's CSRF token is bound to this new session: none from before is valid.
      reply.setCookie(cookies.session, session.token, cookies.options(request, SESSION_TTL_MS / 1000));
      return reply.redirect(returnTo, 303);
    },
  );

  pages.post(
    "/signout",
    {
      config: { signedOut: true },
      schema: { body: Form({ return_to: Type.Optional(ReturnTo) }), response: PostAnswers },
    },
    async (request, reply) => {
      await endSession(services, request.cookies[cookies.session]);
      reply.clearCookie(cookies.session, cookies.options(request));
      // "Not you?" on the consent page: sign in as someone else, then back to the same request.
      const returnTo = request.body.return_to;
      if (returnTo === undefined) return reply.redirect("/signin", 303);
      const back = safeReturnPath(returnTo, publicOrigin);
      return reply.redirect(`/signin?return_to=${encodeURIComponent(back)}`, 303);
    },
  );
}
