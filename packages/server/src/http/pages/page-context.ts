import crypto from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "../../domain/errors.ts";
import type { Services } from "../../domain/services.ts";
import type { Viewer } from "../../pages/layout.ts";
import type { AdminRow } from "../../storage/schema.ts";
import { toBool } from "../../storage/schema.ts";

export const SESSION_COOKIE = "gh_session";
export const CSRF_COOKIE = "gh_csrf";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Pages anyone may see (sign-in); every other page needs a signed-in admin. */
    signedOut?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in admin, or null. */
    admin: AdminRow | null;
    /** This browser's CSRF token, to put in every form. */
    csrf: string;
  }
}

/** The CSRF token is a keyed HMAC of a random per-browser cookie (OWASP's signed double-submit). */
export function csrfFor(services: Services, cookie: string): string {
  return services.keys.hmac(`csrf:${cookie}`);
}

export function newCsrfCookie(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export function csrfMatches(expected: string, presented: unknown): boolean {
  if (typeof presented !== "string") return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function viewerOf(admin: AdminRow | null): Viewer | undefined {
  if (!admin) return undefined;
  return { name: admin.name, email: admin.email, isReviewer: admin.platform_role === "reviewer" };
}

export function cookieOptions(request: FastifyRequest, maxAgeSeconds?: number) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: request.protocol === "https",
    ...(maxAgeSeconds !== undefined && { maxAge: maxAgeSeconds }),
  };
}

/** A safe place to return to after sign-in: a path on this server, never another origin. */
export function safeReturnPath(value: unknown): string {
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\")
  ) {
    return "/hub";
  }
  return value.length > 4000 ? "/hub" : value;
}

export function redirectToSignIn(request: FastifyRequest, reply: FastifyReply) {
  const returnTo = request.method === "GET" ? request.url : "/hub";
  return reply.redirect(`/signin?return_to=${encodeURIComponent(returnTo)}`, 303);
}

export function isSignedIn(admin: AdminRow | null): admin is AdminRow {
  return admin !== null;
}

export { toBool };

/** The signed-in admin of a page that requires one (the plugin has already sent others to sign in). */
export function signedInAdmin(request: FastifyRequest): AdminRow {
  if (!request.admin) throw new ApiError(401, "unauthorized", "Sign in first.");
  return request.admin;
}
