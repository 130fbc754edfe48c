import type { FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "../../core/errors.ts";
import { toBool } from "../../storage/schema.ts";
import type { AdminRow } from "../../storage/tables/identity.ts";
import type { Viewer } from "./layout.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Pages anyone may see (sign-in); every other page needs a signed-in admin. */
    signedOut?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in admin, or null. */
    admin: AdminRow | null;
    /** This browser's CSRF token, to put in every form (see csrf.ts). */
    csrf: string;
  }
}

export function viewerOf(admin: AdminRow | null): Viewer | undefined {
  if (!admin) return undefined;
  return { name: admin.name, email: admin.email, isReviewer: admin.platform_role === "reviewer" };
}

/** Controls (\p{Cc}: C0, DEL, C1) and the backslash: browsers drop or reinterpret each inside a URL. */
const UNSAFE_IN_RETURN_PATH = /[\p{Cc}\\]/u;
const MAX_RETURN_PATH = 2000;

/**
 * A safe place to return to after sign-in, for any string at all: `value` resolved against the public
 * origin as a browser's WHATWG URL parser would, kept only when it stays on that origin, and given back
 * as a normalised path (percent-encoded, so always a valid header). Anything else is `/hub`.
 *
 * String checks alone are not enough: browsers strip tabs and newlines (`/\t/evil` is `//evil`), read `\`
 * as `/`, and resolve dot segments (`/..//evil` is `//evil`), so the resolved URL is what is checked.
 */
export function safeReturnPath(value: unknown, publicOrigin: string): string {
  const fallback = "/hub";
  if (typeof value !== "string" || value === "" || value.length > MAX_RETURN_PATH) return fallback;
  if (UNSAFE_IN_RETURN_PATH.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, publicOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(publicOrigin).origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that begins `//` is read by a browser as another host, whatever it resolved from.
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
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

/** What every signed-in page's layout takes: who is signed in, and this browser's CSRF token for its forms. */
export function pageFrame(request: FastifyRequest): { viewer: Viewer; csrf: string } {
  return { viewer: viewerOf(signedInAdmin(request)) as Viewer, csrf: request.csrf };
}
