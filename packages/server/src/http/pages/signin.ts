import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Config } from "../../config.ts";
import { authenticateAdmin } from "../../domain/admins.ts";
import type { Services } from "../../domain/services.ts";
import { createSession, endSession, SESSION_TTL_MS } from "../../domain/sessions.ts";
import { SignInPage } from "../../pages/signin.ts";
import { CSRF_COOKIE, cookieOptions, newCsrfCookie, SESSION_COOKIE, safeReturnPath } from "./page-context.ts";

const WRONG = "That email and password don't match an admin. Check them and try again.";

/** `/signin` and `/signout`. One message for a wrong email or a wrong password; failures slow down. */
export async function signInRoutes(
  app: FastifyInstance,
  { services, config }: { services: Services; config: Config },
) {
  const publicOrigin = new URL(config.publicUrl).origin;
  app.get(
    "/signin",
    {
      config: { signedOut: true },
      schema: { querystring: Type.Object({ return_to: Type.Optional(Type.String()) }) },
    },
    async (request, reply) => {
      const returnTo = safeReturnPath((request.query as { return_to?: string }).return_to, publicOrigin);
      if (request.admin) return reply.redirect(returnTo, 303);
      return reply.page(SignInPage({ csrf: request.csrf, returnTo }));
    },
  );

  app.post(
    "/signin",
    {
      config: { signedOut: true },
      schema: {
        body: Type.Object({
          email: Type.String({ maxLength: 320 }),
          password: Type.String({ maxLength: 1024 }),
          return_to: Type.Optional(Type.String()),
          _csrf: Type.String(),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body as { email: string; password: string; return_to?: string };
      const returnTo = safeReturnPath(body.return_to, publicOrigin);
      const email = body.email.trim().toLowerCase();
      // Failures are counted per email and per address (Redis-shared when configured); see RateLimits.
      const wait = await services.limits.signInWait(email, request.ip);
      if (wait > 0) {
        reply.header("Retry-After", String(Math.ceil(wait / 1000)));
        const minutes = Math.ceil(wait / 60_000);
        return reply.page(
          SignInPage({
            csrf: request.csrf,
            returnTo,
            email,
            error: `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
          }),
          429,
        );
      }
      const admin = await authenticateAdmin(services, email, body.password);
      if (!admin) {
        await services.limits.signInFailed(email, request.ip);
        return reply.page(SignInPage({ csrf: request.csrf, returnTo, email, error: WRONG }), 401);
      }
      await services.limits.signInSucceeded(email);
      const session = await createSession(services, admin.id, {
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(request, SESSION_TTL_MS / 1000));
      // A fresh CSRF secret for the signed-in browser, so nothing planted before sign-in carries over.
      reply.setCookie(CSRF_COOKIE, newCsrfCookie(), cookieOptions(request));
      return reply.redirect(returnTo, 303);
    },
  );

  app.post("/signout", { config: { signedOut: true } }, async (request, reply) => {
    await endSession(services, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/signin", 303);
  });
}
