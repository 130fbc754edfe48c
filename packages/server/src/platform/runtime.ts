import type { Transaction } from "kysely";
import type { Database } from "../storage/schema.ts";
import type { PrincipalCache } from "./apps/principals/principal-cache.ts";
import type { ScopeCatalog } from "./apps/scopes/catalog.ts";
import type { Keyring } from "./services/crypto/keyring.ts";
import type { RateLimits } from "./services/limits/rate-limits.ts";
import type { DestinationGuard } from "./webhooks/destination-guard.ts";

/** What the authentication platform adds to the outbox: notifications are queued per installation. */
declare module "../core/outbox.ts" {
  interface Outbox {
    /**
     * Drops what is still queued for an installation that is gone (an uninstalled app), and queues the
     * app's uninstall notice, if it has an uninstall URL.
     */
    withdraw(trx: Transaction<Database>, installationId: number): Promise<void>;
  }
}

/** What the authentication platform adds to the services every domain function is handed. */
declare module "../core/services.ts" {
  interface Services {
    keys: Keyring;
    scopes: ScopeCatalog;
    principals: PrincipalCache;
    /** Request budgets, shared through Redis when configured. */
    limits: RateLimits;
    /** Where webhooks may be delivered (checked at save and at connect), and how signing secrets rotate. */
    webhooks: { destinations: DestinationGuard; signingSecretOverlapMs: number };
  }
}
