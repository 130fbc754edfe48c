import { errors } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { effectiveScopes } from "../apps/grants.ts";
import { type Actor, recordAppActivity } from "../services/audit.ts";
import { cancelPendingDeliveries } from "./pending-deliveries.ts";
import { PING, TOPICS } from "./topics.ts";

export interface Subscription {
  url: string;
  topics: string[];
}

const MAX_URL = 2000;

/**
 * A webhook endpoint's form: absolute HTTPS (Intercom delivers only over TLS), no user info or
 * fragment. Where it points is checked by the destination guard (`setSubscription`).
 */
export function checkEndpointUrl(raw: unknown): string {
  if (typeof raw !== "string" || raw.trim() === "") {
    throw errors.parameterNotFound("An endpoint URL is required", "url");
  }
  const text = raw.trim();
  if (text.length > MAX_URL)
    throw errors.parameterInvalid(`The endpoint URL must be at most ${MAX_URL} characters`, "url");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw errors.parameterInvalid(
      "The endpoint URL must be an absolute URL, like https://example.com/hooks",
      "url",
    );
  }
  if (url.protocol !== "https:") throw errors.parameterInvalid("The endpoint URL must use HTTPS", "url");
  if (url.username || url.password) {
    throw errors.parameterInvalid("The endpoint URL cannot carry a user name or password", "url");
  }
  if (url.hash) throw errors.parameterInvalid("The endpoint URL cannot have a fragment (#…)", "url");
  return url.toString();
}

export async function findSubscription(s: Services, appId: number): Promise<Subscription | undefined> {
  const row = await s.db
    .selectFrom("webhook_subscriptions")
    .select("url")
    .where("app_id", "=", appId)
    .executeTakeFirst();
  if (!row) return undefined;
  const topics = await s.db
    .selectFrom("webhook_topics")
    .select("topic")
    .where("app_id", "=", appId)
    .orderBy("topic")
    .execute();
  return { url: row.url, topics: topics.map((t) => t.topic) };
}

/** The scopes the app holds (standard, and extended once approved): which topics it may subscribe to. */
export async function heldScopes(s: Services, appId: number): Promise<Set<string>> {
  const requested = await s.db
    .selectFrom("app_scopes")
    .select(["scope_id", "review_state"])
    .where("app_id", "=", appId)
    .execute();
  return effectiveScopes(s.scopes, requested);
}

/**
 * Sets the app's endpoint and topics, replacing what was there. Each topic must be one Intercom names,
 * and the app must hold one of its scopes (seed 002: topics follow permission scopes); the refusal
 * names the scopes that would open it.
 */
export async function setSubscription(
  s: Services,
  appId: number,
  input: { url: unknown; topics: readonly unknown[] },
  actor?: Actor,
): Promise<Subscription> {
  const url = checkEndpointUrl(input.url);
  await s.webhooks.destinations.checkAtSave(new URL(url));
  const held = await heldScopes(s, appId);
  const topics = new Set<string>();
  for (const raw of input.topics) {
    if (typeof raw !== "string" || raw === PING) continue;
    const topic = TOPICS.get(raw);
    if (!topic) throw errors.parameterInvalid(`'${raw.slice(0, 100)}' is not a webhook topic`, "topics");
    if (!topic.scopes.some((scope) => held.has(scope))) {
      const labels = topic.scopes.map((id) => `'${s.scopes.get(id)?.label ?? id}' (${id})`);
      throw errors.insufficientScope(
        topic.scopes.join(" "),
        `The topic ${topic.name} needs the permission ${labels.join(" or ")}, which this app does not have.`,
      );
    }
    topics.add(topic.name);
  }
  const now = s.now();
  await write(s, async (trx) => {
    await clearEndpoint(s, trx, appId);
    await trx
      .insertInto("webhook_subscriptions")
      .values({ app_id: appId, url, created_at: now, updated_at: now })
      .execute();
    if (topics.size > 0) {
      await trx
        .insertInto("webhook_topics")
        .values([...topics].map((topic) => ({ app_id: appId, topic })))
        .execute();
    }
    await recordAppActivity(s, trx, actor, appId, "app.webhooks_changed", { url, topics: [...topics] });
  });
  return { url, topics: [...topics].sort() };
}

/**
 * Deletes the app's endpoint and topics, holding its row first: under READ COMMITTED two saves at once
 * would each delete nothing the other had yet written, and then both insert.
 */
async function clearEndpoint(s: Services, trx: Trx, appId: number): Promise<void> {
  if (s.dialect === "postgres") {
    await trx.selectFrom("apps").select("id").where("id", "=", appId).forUpdate().execute();
  }
  await trx.deleteFrom("webhook_topics").where("app_id", "=", appId).execute();
  await trx.deleteFrom("webhook_subscriptions").where("app_id", "=", appId).execute();
}

/** Removes the endpoint and topics; deliveries not yet made are cancelled. */
export async function removeSubscription(s: Services, appId: number, actor?: Actor): Promise<void> {
  await write(s, async (trx) => {
    await clearEndpoint(s, trx, appId);
    await cancelPendingDeliveries(trx, { appId }, "subscription_removed");
    await recordAppActivity(s, trx, actor, appId, "app.webhooks_removed");
  });
}
