import type { Kysely } from "kysely";
import type { Migration, MigrationProvider } from "kysely/migration";
import type { Dialect } from "../schema.ts";
import * as foundation from "./0001_foundation.ts";
import * as oauthAndHub from "./0002_oauth_and_hub.ts";
import * as publicClients from "./0003_public_clients.ts";
import * as tags from "./0004_tags.ts";
import * as contacts from "./0005_contacts.ts";
import * as companies from "./0006_companies.ts";
import * as conversations from "./0007_conversations.ts";
import * as eventsAttributesTickets from "./0008_events_attributes_tickets.ts";
import * as articlesNews from "./0009_articles_news.ts";
import * as exportsObjectsMisc from "./0010_exports_objects_misc.ts";
import * as webhooks from "./0011_webhooks.ts";
import * as ticketCompany from "./0012_ticket_company.ts";
import * as conversationTicketTags from "./0013_conversation_ticket_tags.ts";
import * as ticketLinks from "./0014_ticket_links.ts";
import * as conversationRedaction from "./0015_conversation_redaction.ts";
import * as contactLifecycle from "./0016_contact_lifecycle.ts";
import * as notesSubscriptions from "./0017_notes_subscriptions.ts";
import * as teamsVisitorsInternalArticles from "./0018_teams_visitors_internal_articles.ts";
import * as conversationTeam from "./0019_conversation_team.ts";
import * as snoozeWake from "./0020_snooze_wake.ts";
import * as awayModePerWorkspace from "./0021_away_mode_per_workspace.ts";
import * as authorizationCodePurge from "./0022_authorization_code_purge.ts";
import * as webhookSigning from "./0023_webhook_signing.ts";
import * as scopeRequester from "./0024_scope_requester.ts";
import * as exportFiles from "./0025_export_files.ts";
import * as appApiVersion from "./0026_app_api_version.ts";
import * as uninstallUrl from "./0027_uninstall_url.ts";
import * as resourceServers from "./0028_resource_servers.ts";
import * as appDeletion from "./0029_app_deletion.ts";
import * as appProfile from "./0030_app_profile.ts";
import * as revocationFeedRetention from "./0031_revocation_feed_retention.ts";
import * as contactEmailIndex from "./0032_contact_email_index.ts";
import * as apiIpAllowlist from "./0033_api_ip_allowlist.ts";
import type { MigrationContext } from "./context.ts";

type MigrationModule = { up(db: Kysely<unknown>, context: MigrationContext): Promise<void> };

/** Every migration, in order. Names are permanent: they are what the migration table records. */
const migrations: Record<string, MigrationModule> = {
  "0001_foundation": foundation,
  "0002_oauth_and_hub": oauthAndHub,
  "0003_public_clients": publicClients,
  "0004_tags": tags,
  "0005_contacts": contacts,
  "0006_companies": companies,
  "0007_conversations": conversations,
  "0008_events_attributes_tickets": eventsAttributesTickets,
  "0009_articles_news": articlesNews,
  "0010_exports_objects_misc": exportsObjectsMisc,
  "0011_webhooks": webhooks,
  "0012_ticket_company": ticketCompany,
  "0013_conversation_ticket_tags": conversationTicketTags,
  "0014_ticket_links": ticketLinks,
  "0015_conversation_redaction": conversationRedaction,
  "0016_contact_lifecycle": contactLifecycle,
  "0017_notes_subscriptions": notesSubscriptions,
  "0018_teams_visitors_internal_articles": teamsVisitorsInternalArticles,
  "0019_conversation_team": conversationTeam,
  "0020_snooze_wake": snoozeWake,
  "0021_away_mode_per_workspace": awayModePerWorkspace,
  "0022_authorization_code_purge": authorizationCodePurge,
  "0023_webhook_signing": webhookSigning,
  "0024_scope_requester": scopeRequester,
  "0025_export_files": exportFiles,
  "0026_app_api_version": appApiVersion,
  "0027_uninstall_url": uninstallUrl,
  "0028_resource_servers": resourceServers,
  "0029_app_deletion": appDeletion,
  "0030_app_profile": appProfile,
  "0031_revocation_feed_retention": revocationFeedRetention,
  "0032_contact_email_index": contactEmailIndex,
  "0033_api_ip_allowlist": apiIpAllowlist,
};

export function migrationProvider(dialect: Dialect): MigrationProvider {
  const context: MigrationContext = {
    dialect,
    id:
      dialect === "postgres"
        ? (c) => c.primaryKey().generatedByDefaultAsIdentity()
        : (c) => c.primaryKey().autoIncrement(),
  };
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, module] of Object.entries(migrations)) {
        out[name] = { up: (db) => module.up(db, context) };
      }
      return out;
    },
  };
}
