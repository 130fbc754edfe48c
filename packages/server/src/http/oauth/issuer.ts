import type { FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";

/**
 * The OAuth issuer identifier (RFC 8414 §2): the operator's GATEHOUSE_PUBLIC_URL when set; otherwise the
 * origin the request came to, so a local or CI instance on any port describes itself correctly.
 */
export function issuerFor(config: Config, request: FastifyRequest): string {
  if (config.publicUrlConfigured) return config.publicUrl;
  return `${request.protocol}://${request.host}`;
}
