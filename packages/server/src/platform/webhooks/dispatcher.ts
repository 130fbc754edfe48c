import type { Logger } from "pino";
import { Poller } from "../../core/poller.ts";
import type { Services } from "../../core/services.ts";
import { claimDue } from "../../storage/claim-due.ts";
import { revealClientSecret } from "../apps/client-secrets.ts";
import { installationsWithApps } from "../apps/installations.ts";
import { notificationBody, signatureHeaders } from "./notifications.ts";
import { signingSecrets, standardWebhookHeaders } from "./signing-secrets.ts";
import { UNINSTALL } from "./topics.ts";
import { type Outcome, WebhookTransport } from "./transport.ts";

export interface DispatcherSettings {
  /** How often to look for due deliveries. */
  pollMs: number;
  /** The wait before the first retry; each further retry waits twice as long, up to an hour. */
  retryBaseMs: number;
  /** Attempts before a delivery is given up as failed. */
  maxAttempts: number;
  /** How long a receiver has to answer. */
  timeoutMs: number;
  /** Extra certificate authorities (PEM) to trust beside the system's, e.g. a private CA. */
  extraCa: string | undefined;
}

const BATCH = 20;
const MAX_BACKOFF_MS = 3_600_000;

/** The wait before attempt `attempts + 1`, with a little jitter so retries of a burst spread out. */
export function backoffMs(settings: Pick<DispatcherSettings, "retryBaseMs">, attempts: number): number {
  const exact = Math.min(MAX_BACKOFF_MS, settings.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exact * (0.9 + Math.random() * 0.2));
}

/**
 * Delivers the outbox. Every instance runs one; a delivery is claimed by a conditional update that moves
 * its `next_attempt_at` past the time an attempt can take (a lease), so exactly one instance sends each
 * attempt, and an attempt cut short by a crash or restart comes due again once the lease runs out.
 */
export class WebhookDispatcher {
  readonly #s: Services;
  readonly #settings: DispatcherSettings;
  readonly #logger: Logger;
  readonly #transport: WebhookTransport;
  readonly #poller: Poller;

  constructor(s: Services, settings: DispatcherSettings, logger: Logger) {
    this.#s = s;
    this.#settings = settings;
    this.#logger = logger;
    this.#transport = new WebhookTransport(s.webhooks.destinations, settings);
    this.#poller = new Poller("webhook dispatch", () => this.runOnce(), {
      pollMs: settings.pollMs,
      batch: BATCH,
      logger,
    });
  }

  start(): void {
    this.#poller.start();
  }

  /** Waits for the attempts in flight, so none is left half-recorded. */
  async stop(): Promise<void> {
    await this.#poller.stop();
    this.#transport.destroy();
  }

  /** Claims the due deliveries and attempts each; returns how many it attempted. */
  async runOnce(): Promise<number> {
    const now = this.#s.now();
    // Each lease outlasts an attempt's timeout, so all are claimed first and then attempted together.
    const leaseEnds = now + this.#settings.timeoutMs + 30_000;
    const claimed: number[] = [];
    for await (const delivery of claimDue(this.#s.db, "webhook_deliveries", {
      now,
      batch: BATCH,
      leaseEnds,
    })) {
      claimed.push(delivery.id);
    }
    await Promise.all(claimed.map((id) => this.#attempt(id)));
    return claimed.length;
  }

  async #attempt(id: number): Promise<void> {
    const s = this.#s;
    const delivery = await installationsWithApps(s.db)
      .innerJoin("webhook_deliveries as d", "d.installation_id", "i.id")
      .innerJoin("workspaces as w", "w.id", "d.workspace_id")
      .leftJoin("webhook_subscriptions as sub", "sub.app_id", "d.app_id")
      .select([
        "d.id",
        "d.app_id",
        "d.notification_id",
        "d.topic",
        "d.item",
        "d.attempts",
        "d.created_at",
        "d.first_sent_at",
        "d.url as own_url",
        "i.uninstalled_at",
        "a.client_secret_sealed",
        "w.id_code",
        "sub.url",
      ])
      .where("d.id", "=", id)
      .executeTakeFirst();
    if (!delivery) return;
    // The uninstall notice is sent after the uninstall, to its own URL, as Intercom's bare JSON.
    const notice = delivery.topic === UNINSTALL;
    const url = notice ? delivery.own_url : delivery.url;
    if (!url || (!notice && delivery.uninstalled_at !== null)) {
      await this.#finish(id, "cancelled", {
        status: null,
        failure: url ? "uninstalled" : "subscription_removed",
      });
      return;
    }
    const sentAt = s.now();
    const body = notice ? delivery.item : notificationBody(delivery, delivery.id_code, sentAt);
    const outcome = await this.#transport.post(url, body, {
      ...signatureHeaders(body, revealClientSecret(s, delivery)),
      ...standardWebhookHeaders(
        delivery.notification_id,
        sentAt,
        body,
        await signingSecrets(s, delivery.app_id),
      ),
      "x-gatehouse-delivery": delivery.notification_id,
    });
    const ok = outcome.failure === null;
    const base = { first_sent_at: delivery.first_sent_at ?? sentAt, last_attempt_at: sentAt };
    if (ok) {
      await this.#finish(id, "delivered", outcome, { ...base, delivered_at: s.now() });
    } else if (delivery.attempts >= this.#settings.maxAttempts) {
      await this.#finish(id, "failed", outcome, base);
    } else {
      await this.#finish(id, "pending", outcome, {
        ...base,
        next_attempt_at: s.now() + backoffMs(this.#settings, delivery.attempts),
      });
    }
    // The operator's log may carry the error's own text; the database and the hub keep only its class.
    this.#logger.info(
      {
        delivery: delivery.notification_id,
        topic: delivery.topic,
        status: outcome.status,
        ok,
        ...(outcome.failure && { failure: outcome.failure }),
        ...(outcome.detail && { detail: outcome.detail }),
      },
      "webhook attempt",
    );
  }

  /** Records an attempt's outcome, unless the delivery was cancelled meanwhile (an uninstall wins). */
  async #finish(
    id: number,
    state: "pending" | "delivered" | "failed" | "cancelled",
    outcome: Outcome,
    extra: {
      first_sent_at?: number;
      last_attempt_at?: number;
      delivered_at?: number;
      next_attempt_at?: number;
    } = {},
  ): Promise<void> {
    await this.#s.db
      .updateTable("webhook_deliveries")
      .set({ state, last_status: outcome.status, last_error: outcome.failure, ...extra })
      .where("id", "=", id)
      .where("state", "=", "pending")
      .execute();
  }
}
