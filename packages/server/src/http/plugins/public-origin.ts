import net from "node:net";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../../config.ts";
import { errors } from "../../core/errors.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** Where Gatehouse's absolute URLs point; read through `publicOrigin`, never directly. */
    origins: OriginSettings;
  }
}

interface OriginSettings {
  /** GATEHOUSE_PUBLIC_URL, when the operator set it. */
  configured: string | undefined;
  /** The request headers an origin taken from the request depends on (for `Vary`). */
  varies: string;
}

/**
 * Makes the configured public URL known to `publicOrigin` in every route. Registered once, first, on
 * the root instance.
 */
export const publicOriginPlugin = fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    app.decorate("origins", {
      configured: config.publicUrlConfigured ? config.publicUrl : undefined,
      // Fastify reads X-Forwarded-Host and -Proto only from a proxy it trusts.
      varies: config.trustProxy === false ? "Host" : "Host, X-Forwarded-Host, X-Forwarded-Proto",
    } satisfies OriginSettings);
  },
  { name: "public-origin" },
);

/**
 * The one place absolute URLs start from: the OAuth issuer and its endpoints, the API's page, job,
 * export and phone-call links, the `iss` of authorization responses. The operator's
 * GATEHOUSE_PUBLIC_URL when set, whatever the request says; otherwise the scheme and host the request
 * came to (through a trusted proxy's X-Forwarded-Proto and -Host, as Fastify reads them), which suits
 * local and CI use. A host that is no host name at all is refused (RFC 9112 §3.2: 400) rather than
 * copied into a URL.
 */
export function publicOrigin(request: FastifyRequest): string {
  const configured = request.server.origins.configured;
  if (configured !== undefined) return configured;
  const protocol = request.protocol;
  const host = request.host;
  if ((protocol !== "http" && protocol !== "https") || !isHost(host)) {
    throw errors.parameterInvalid("The Host header must name this server: a host name and port", "Host");
  }
  return `${protocol}://${host.toLowerCase()}`;
}

/** Whether the origin is fixed by configuration, rather than read from each request. */
export function originIsConfigured(request: FastifyRequest): boolean {
  return request.server.origins.configured !== undefined;
}

/**
 * Marks a response that holds absolute URLs and that a cache could keep: with an origin taken from the
 * request, no shared cache may keep it, nor answer one Host with another's (`Vary`).
 */
export function cacheByOrigin(request: FastifyRequest, reply: FastifyReply, maxAgeSeconds: number): void {
  if (originIsConfigured(request)) {
    reply.header("Cache-Control", `public, max-age=${maxAgeSeconds}`);
    return;
  }
  reply.header("Cache-Control", `private, max-age=${maxAgeSeconds}`);
  reply.header("Vary", request.server.origins.varies);
}

/** A DNS name (underscores allowed, as in container names) or an IP literal, with an optional port. */
const HOST =
  /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?)(?::[0-9]{1,5})?$/;

function isHost(host: string | undefined): host is string {
  return typeof host === "string" && host.length <= 260 && HOST.test(host);
}

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * What to tell an operator who starts Gatehouse where others can reach it without saying its public URL:
 * every absolute URL (the OAuth issuer included) would then follow whatever Host a request names.
 */
export function publicUrlWarning(config: Config): string | undefined {
  if (config.publicUrlConfigured) return undefined;
  const host = config.host.replace(/^\[(.*)\]$/, "$1");
  const family = net.isIP(host);
  const loopback =
    host === "localhost" || (family !== 0 && LOOPBACK.check(host, family === 4 ? "ipv4" : "ipv6"));
  if (loopback) return undefined;
  return (
    `Warning: listening on ${config.host} without GATEHOUSE_PUBLIC_URL. The OAuth issuer and every ` +
    "absolute link follow the Host header of each request; set GATEHOUSE_PUBLIC_URL to the address " +
    "clients use (e.g. https://auth.example.com)."
  );
}
