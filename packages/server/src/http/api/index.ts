import type { FastifyInstance } from "fastify";
import type { TokenAuthenticator } from "../../domain/principals/authenticate.ts";
import type { ScopeCatalog } from "../../domain/scopes/catalog.ts";
import type { RateLimits } from "../../limits/rate-limits.ts";
import { adminRoutes } from "./admins.ts";
import { aiContentRoutes } from "./ai-content.ts";
import { articleRoutes } from "./articles.ts";
import { canvasKitRoutes } from "./canvas-kit.ts";
import { companyRoutes } from "./companies.ts";
import { contactLifecycleRoutes } from "./contact-lifecycle.ts";
import { contactRoutes } from "./contacts.ts";
import { contentRoutes } from "./content.ts";
import { contentExportRoutes } from "./content-exports.ts";
import { conversationConvertRoutes } from "./conversation-convert.ts";
import { conversationCustomerRoutes } from "./conversation-customers.ts";
import { conversationRedactionRoutes } from "./conversation-redaction.ts";
import { conversationTagRoutes } from "./conversation-tags.ts";
import { conversationRoutes } from "./conversations.ts";
import { countRoutes } from "./counts.ts";
import { customObjectRoutes } from "./custom-objects.ts";
import { dataAttributeRoutes } from "./data-attributes.ts";
import { dataConnectorRoutes } from "./data-connectors.ts";
import { eventRoutes } from "./events.ts";
import { apiGuard, type ScopeTable } from "./guard.ts";
import { helpCenterRoutes } from "./help-center.ts";
import { jobRoutes } from "./jobs.ts";
import { meRoutes } from "./me.ts";
import { messageRoutes } from "./messages.ts";
import { newsRoutes } from "./news.ts";
import { noteRoutes } from "./notes.ts";
import { phoneCallRedirectRoutes } from "./phone-call-redirects.ts";
import { segmentRoutes } from "./segments.ts";
import { subscriptionTypeRoutes } from "./subscription-types.ts";
import { tagRoutes } from "./tags.ts";
import { ticketTagRoutes } from "./ticket-tags.ts";
import { ticketTypeRoutes } from "./ticket-types.ts";
import { ticketRoutes } from "./tickets.ts";
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
  await app.register(contactLifecycleRoutes);
  await app.register(conversationRoutes);
  await app.register(conversationCustomerRoutes);
  await app.register(conversationRedactionRoutes);
  await app.register(conversationTagRoutes);
  await app.register(conversationConvertRoutes);
  await app.register(messageRoutes);
  await app.register(companyRoutes);
  await app.register(segmentRoutes);
  await app.register(countRoutes);
  await app.register(eventRoutes);
  await app.register(dataAttributeRoutes);
  await app.register(ticketTypeRoutes);
  await app.register(ticketRoutes);
  await app.register(ticketTagRoutes);
  await app.register(jobRoutes);
  await app.register(contentExportRoutes);
  await app.register(customObjectRoutes);
  await app.register(phoneCallRedirectRoutes);
  await app.register(aiContentRoutes);
  await app.register(dataConnectorRoutes);
  await app.register(canvasKitRoutes);
  await app.register(articleRoutes);
  await app.register(helpCenterRoutes);
  await app.register(newsRoutes);
  await app.register(contentRoutes);
  await app.register(noteRoutes);
  await app.register(subscriptionTypeRoutes);
}
