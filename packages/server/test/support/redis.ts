import crypto from "node:crypto";
import { Redis } from "ioredis";

export const REDIS_URL = process.env.GATEHOUSE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function probe(): Promise<string | undefined> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `Redis is not reachable at ${REDIS_URL} (${(error as Error).message}); start it with: redis-server --daemonize yes --port 6379 --save ""`;
  } finally {
    client.disconnect();
  }
}

/** Why Redis tests skip on this machine, or undefined when it answers. */
export const REDIS_MISSING = await probe();

/** A key prefix of its own, so test runs never count against each other's budgets. */
export function freshRedisPrefix(): string {
  return `gatehouse-test-${crypto.randomBytes(6).toString("hex")}`;
}
