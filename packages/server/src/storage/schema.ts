import type { AppsTables } from "./tables/apps.ts";
import type { AuditTables } from "./tables/audit.ts";
import type { CompaniesTables } from "./tables/companies.ts";
import type { ContactsTables } from "./tables/contacts.ts";
import type { ContentTables } from "./tables/content.ts";
import type { ConversationsTables } from "./tables/conversations.ts";
import type { CustomObjectsTables } from "./tables/custom-objects.ts";
import type { DataAttributesTables } from "./tables/data-attributes.ts";
import type { EventsTables } from "./tables/events.ts";
import type { IdentityTables } from "./tables/identity.ts";
import type { InstallationsTables } from "./tables/installations.ts";
import type { JobsTables } from "./tables/jobs.ts";
import type { MessengerTables } from "./tables/messenger.ts";
import type { NotesTables } from "./tables/notes.ts";
import type { ResourceServersTables } from "./tables/resource-servers.ts";
import type { SubscriptionsTables } from "./tables/subscriptions.ts";
import type { TagsTables } from "./tables/tags.ts";
import type { TeamsTables } from "./tables/teams.ts";
import type { TicketsTables } from "./tables/tickets.ts";
import type { TokensTables } from "./tables/tokens.ts";
import type { WebhookTables } from "./tables/webhooks.ts";

/**
 * The database, one interface per table following the SQL in `migrations/`, grouped in `tables/` by what
 * they hold (one file per group). Times are Unix epoch milliseconds; booleans come back from SQLite as
 * 0/1, so rows are normalised by the modules that read them (see `toBool`).
 */
export interface Database
  extends AppsTables,
    InstallationsTables,
    TokensTables,
    AuditTables,
    CompaniesTables,
    ContactsTables,
    ContentTables,
    ConversationsTables,
    CustomObjectsTables,
    DataAttributesTables,
    EventsTables,
    IdentityTables,
    JobsTables,
    MessengerTables,
    NotesTables,
    ResourceServersTables,
    SubscriptionsTables,
    TagsTables,
    TeamsTables,
    TicketsTables,
    WebhookTables {}

/** The databases Gatehouse runs on: SQLite (the default) and PostgreSQL. */
export type Dialect = "sqlite" | "postgres";

/** SQLite has no boolean type and answers 0/1. */
export function toBool(value: boolean | number): boolean {
  return value === true || value === 1;
}
