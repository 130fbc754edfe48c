import crypto from "node:crypto";
import type { DomainEvent, Outbox } from "../../core/outbox.ts";
import type { Trx } from "../../core/services.ts";
import { grantedScopes } from "../apps/grants.ts";
import type { ScopeCatalog } from "../apps/scopes/catalog.ts";
import { cancelPendingDeliveries } from "./pending-deliveries.ts";
import { TOPICS } from "./topics.ts";
import { queueUninstallNotice } from "./uninstall-notices.ts";

/**
 * The outbox as webhooks hear it: an event becomes a notification for every app installed on the
 * workspace that subscribes to its topic and whose grant there covers it, queued inside the transaction
 * of the change itself, so both are committed together or not at all. The dispatcher delivers them.
 */
export class WebhookOutbox implements Outbox {
  readonly #scopes: ScopeCatalog;
  readonly #now: () => number;

  constructor(options: { scopes: ScopeCatalog; now: () => number }) {
    this.#scopes = options.scopes;
    this.#now = options.now;
  }

  /**
   * Stops what is still queued for an installation, then queues the app's uninstall notice: after an
   * uninstall nothing more is sent for it but the news of the uninstall itself.
   */
  async withdraw(trx: Trx, installationId: number): Promise<void> {
    await cancelPendingDeliveries(trx, { installationId }, "uninstalled");
    await queueUninstallNotice(trx, installationId, this.#now());
  }

  async raise(trx: Trx, event: DomainEvent): Promise<void> {
    const topic = TOPICS.get(event.topic);
    if (!topic) throw new Error(`unknown webhook topic ${event.topic}`);
    const listeners = await trx
      .selectFrom("installations as i")
      .innerJoin("webhook_topics as t", "t.app_id", "i.app_id")
      .select(["i.id", "i.app_id", "i.kind"])
      .where("i.workspace_id", "=", event.workspaceId)
      .where("i.uninstalled_at", "is", null)
      .where("t.topic", "=", topic.name)
      .execute();
    if (listeners.length === 0) return;
    let item: string | undefined;
    const now = this.#now();
    for (const listener of listeners) {
      const granted = await grantedScopes(
        this.#scopes,
        { id: listener.id, appId: listener.app_id, kind: listener.kind },
        trx,
      );
      if (!topic.scopes.some((scope) => granted.has(scope))) continue;
      item ??= JSON.stringify(typeof event.item === "function" ? await event.item() : event.item);
      await trx
        .insertInto("webhook_deliveries")
        .values({
          notification_id: `notif_${crypto.randomUUID()}`,
          app_id: listener.app_id,
          installation_id: listener.id,
          workspace_id: event.workspaceId,
          topic: topic.name,
          item,
          next_attempt_at: now,
          created_at: now,
        })
        .execute();
    }
  }
}
