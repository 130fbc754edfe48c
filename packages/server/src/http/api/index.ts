import type { FastifyInstance } from "fastify";
import type { TokenAuthenticator } from "../../domain/principals/authenticate.ts";
import type { ScopeCatalog } from "../../domain/scopes/catalog.ts";
import type { RateLimits } from "../../limits/rate-limits.ts";
import { adminRoutes } from "./admins.ts";
import { contactRoutes } from "./contacts.ts";
import { apiGuard, type ScopeTable } from "./guard.ts";
import { meRoutes } from "./me.ts";
import { tagRoutes } from "./tags.ts";
import { useApiValidation } from "./validation.ts";

/** The resource API: every route here sits behind the token guard. One file per resource. */
export async function apiRoutes(
  app: FastifyInstance,
  options: { authenticator: TokenAuthenticator; scopes: ScopeCatalog; limits: RateLimits; table: ScopeTable },
) {
  useApiValidation(app);
  await app.register(apiGuard, options);
  await app.register(meRoutes);
  await app.register(adminRoutes);
  await app.register(tagRoutes);
  await app.register(contactRoutes);
}
