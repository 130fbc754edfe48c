import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe } from "node:test";
import { setSubscription } from "../../src/platform/webhooks/subscriptions.ts";
import { type ApiAnswer, callApi, type Json } from "./api.ts";
import type { TestDatabase } from "./databases.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./gatehouse.ts";
import { HttpsReceiver, OPENSSL_MISSING, type ReceivedRequest } from "./https-receiver.ts";

/** Intercom's `notification_event`, as much of it as the topic tests read. */
export interface Notification {
  type: string;
  topic: string;
  data: { type: string; item: Json };
}

/** The receiver's side: the signature must be the HMAC-SHA1 of the raw body under the client secret. */
export function verifiedNotification(request: ReceivedRequest, clientSecret: string): Notification {
  const expected = `sha1=${crypto.createHmac("sha1", clientSecret).update(request.body).digest("hex")}`;
  assert.equal(request.headers["x-hub-signature"], expected);
  const notification = JSON.parse(request.body) as Notification;
  assert.equal(notification.type, "notification_event");
  assert.equal(notification.data.type, "notification_event_data");
  return notification;
}

/** A suite on each database that needs the HTTPS receiver, skipped with the reason where openssl is missing. */
export const webhookSuite: typeof describeEachDatabase = OPENSSL_MISSING
  ? (name: string) => describe(name, { skip: OPENSSL_MISSING }, () => {})
  : describeEachDatabase;

/** Deliveries are queued in the write's own transaction, so once the API has answered they are there. */
export async function queuedTopics(gh: Gatehouse, appId: number): Promise<string[]> {
  const rows = await gh.services.db
    .selectFrom("webhook_deliveries")
    .select("topic")
    .where("app_id", "=", appId)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.topic);
}

/** A suite's Gatehouse that delivers its webhooks to a local HTTPS receiver, and what its tests ask of both. */
export interface WebhookHarness {
  readonly gh: Gatehouse;
  readonly receiver: HttpsReceiver;
  /** `tenant` (by default a new one holding every standard scope), its app sending `topics` to `endpoint`. */
  subscribed(topics: string[], endpoint: string, tenant?: Tenant): Promise<Tenant>;
  /** The resource API as the tenant's app calls it. */
  api(tenant: Tenant): (method: string, path: string, body?: unknown) => Promise<ApiAnswer>;
  /** The topics queued for the tenant's app, in the order they were raised. */
  queuedTopics(tenant: Tenant): Promise<string[]>;
  /** The first `count` notifications the endpoint received, each checked as the receiver would check it. */
  received(endpoint: string, tenant: Tenant, count: number): Promise<Notification[]>;
}

/**
 * Starts, before the suite's tests, a Gatehouse polling its outbox every 20 ms and an HTTPS receiver it
 * trusts, and closes both after them. Call it inside a `webhookSuite`.
 */
export function webhookHarness(database: TestDatabase, env: Record<string, string> = {}): WebhookHarness {
  let started: { gh: Gatehouse; receiver: HttpsReceiver } | undefined;
  before(async () => {
    const receiver = await HttpsReceiver.start();
    const gh = await startGatehouse(database, {
      env: { ...receiver.env, GATEHOUSE_WEBHOOK_POLL_MS: "20", ...env },
    });
    started = { gh, receiver };
  });
  after(async () => {
    await started?.gh.close();
    await started?.receiver.close();
  });
  const running = () => {
    if (!started) throw new Error("the webhook harness is used before its suite started");
    return started;
  };
  return {
    get gh() {
      return running().gh;
    },
    get receiver() {
      return running().receiver;
    },
    async subscribed(topics, endpoint, tenant) {
      const { gh, receiver } = running();
      const subscriber = tenant ?? (await createTenant(gh.services));
      await setSubscription(gh.services, subscriber.app.app.id, { url: receiver.url(endpoint), topics });
      return subscriber;
    },
    api(tenant) {
      return (method, path, body) =>
        callApi(running().gh.url, tenant.token, path, { method, ...(body !== undefined && { body }) });
    },
    queuedTopics(tenant) {
      return queuedTopics(running().gh, tenant.app.app.id);
    },
    async received(endpoint, tenant, count) {
      const requests = await running().receiver.waitFor(endpoint, count);
      return requests.map((r) => verifiedNotification(r, tenant.app.clientSecret));
    },
  };
}

/**
 * The app's newest delivery once its attempt is recorded (with GATEHOUSE_WEBHOOK_MAX_ATTEMPTS=1 a
 * failure is final at once); rejects after `timeoutMs`.
 */
export async function settledDelivery(gh: Gatehouse, appId: number, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await gh.services.db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("app_id", "=", appId)
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (row && row.state !== "pending") return row;
    if (Date.now() > deadline) throw new Error(`the delivery of app ${appId} was not attempted in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
