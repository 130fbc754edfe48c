import type { FastifyInstance } from "fastify";
import type { TokenAuthenticator } from "../platform/apps/principals/authenticate.ts";
import type { ScopeCatalog } from "../platform/apps/scopes/catalog.ts";
import type { RateLimits } from "../platform/services/limits/rate-limits.ts";
import { apiGuard, type ScopeTable } from "./api/guard.ts";
import { useApiValidation } from "./api/validation.ts";
import { adminRoutes } from "./platform/admins.ts";
import { awayStatusReasonRoutes } from "./platform/away-status-reasons.ts";
import { meRoutes } from "./platform/me.ts";
import { canvasKitRoutes } from "./resources/canvas-kit.ts";
import { companyRoutes } from "./resources/companies.ts";
import { contactRoutes } from "./resources/contacts/contacts.ts";
import { contactLifecycleRoutes } from "./resources/contacts/lifecycle.ts";
import { aiContentRoutes } from "./resources/content/ai-content.ts";
import { articleRoutes } from "./resources/content/articles.ts";
import { dataConnectorRoutes } from "./resources/content/data-connectors.ts";
import { helpCenterRoutes } from "./resources/content/help-centers.ts";
import { internalArticleRoutes } from "./resources/content/internal-articles.ts";
import { contentRoutes } from "./resources/content/library.ts";
import { newsRoutes } from "./resources/content/news.ts";
import { conversationRoutes } from "./resources/conversations/conversations.ts";
import { conversationConvertRoutes } from "./resources/conversations/convert.ts";
import { conversationCustomerRoutes } from "./resources/conversations/customers.ts";
import { messageRoutes } from "./resources/conversations/messages.ts";
import { conversationRedactionRoutes } from "./resources/conversations/redaction.ts";
import { conversationTagRoutes, ticketTagRoutes } from "./resources/conversations/tags.ts";
import { countRoutes } from "./resources/counts.ts";
import { customObjectRoutes } from "./resources/custom-objects.ts";
import { dataAttributeRoutes } from "./resources/data-attributes.ts";
import { eventRoutes } from "./resources/events.ts";
import { contentExportRoutes } from "./resources/exports.ts";
import { jobRoutes } from "./resources/jobs.ts";
import { noteRoutes } from "./resources/notes.ts";
import { phoneCallRedirectRoutes } from "./resources/phone-call-redirects.ts";
import { segmentRoutes } from "./resources/segments.ts";
import { subscriptionTypeRoutes } from "./resources/subscription-types.ts";
import { tagRoutes } from "./resources/tags.ts";
import { teamRoutes } from "./resources/teams.ts";

import { ticketRoutes } from "./resources/tickets/tickets.ts";
import { ticketTypeRoutes } from "./resources/tickets/types.ts";
import { users1xRoutes } from "./resources/users-1x.ts";
import { visitorRoutes } from "./resources/visitors.ts";

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
  await app.register(teamRoutes);
  await app.register(awayStatusReasonRoutes);
  await app.register(internalArticleRoutes);
  await app.register(visitorRoutes);
  await app.register(users1xRoutes);
}
