import type { Redis } from "ioredis";

export interface Decision {
  allowed: boolean;
  /**
   * What the window allows of the budget reported (for the API, the one that binds): Intercom's
   * X-RateLimit-Limit, "a rate limit of 1000 per minute, which is 167 per 10-second window", the figure
   * Remaining counts down from.
   */
  limit: number;
  remaining: number;
  /** When the current window ends, Unix epoch milliseconds. */
  resetAt: number;
}

/**
 * Intercom spreads its per-minute limits over 10-second windows ("for a default rate limit of 10,000 per
 * minute, you can send a maximum of 1,666 operations per 10 second period"), so a client pacing itself by
 * X-RateLimit-Reset waits seconds, not a minute. Windows are aligned to the epoch: every instance (and
 * Redis) agrees where one ends without sharing anything but the clock.
 */
export const API_WINDOW_MS = 10_000;

/** What a window allows of a per-minute figure: a sixth, rounded down as Intercom's 1,666 is, at least one. */
export function perWindow(perMinute: number): number {
  return Math.max(1, Math.floor(perMinute / 6));
}

/** What a window allows of each budget. */
interface Sizes {
  app: number;
  workspace: number;
}

/**
 * The answer for a request, from both budgets' counts in the window (after the request when it is
 * admitted). The budget reported is the one that binds, the one with the least left, so that Limit,
 * Remaining and Reset always describe one budget and a client counting down Remaining meets its 429 at
 * zero. A tie reports the app's.
 */
function decide(allowed: boolean, appCount: number, workspaceCount: number, s: Sizes, resetAt: number) {
  const appLeft = Math.max(0, s.app - appCount);
  const workspaceLeft = Math.max(0, s.workspace - workspaceCount);
  return workspaceLeft < appLeft
    ? { allowed, limit: s.workspace, remaining: workspaceLeft, resetAt }
    : { allowed, limit: s.app, remaining: appLeft, resetAt };
}

interface Count {
  window: number;
  count: number;
}

/**
 * Counted in this process, synchronously: the API's hot path allocates no promise or timer for them.
 * Used when there is no Redis to share counts through, and while Redis cannot be reached.
 */
class LocalCounts {
  readonly #apps = new Map<string, Count>();
  readonly #workspaces = new Map<number, Count>();

  hit(appId: number, workspaceId: number, s: Sizes, now: number): Decision {
    const window = Math.floor(now / API_WINDOW_MS);
    const app = current(this.#apps, `${appId}:${workspaceId}`, window);
    const workspace = current(this.#workspaces, workspaceId, window);
    // Both budgets must have room: a request one of them refuses takes nothing from the other.
    const allowed = app.count < s.app && workspace.count < s.workspace;
    if (allowed) {
      app.count++;
      workspace.count++;
    }
    return decide(allowed, app.count, workspace.count, s, (window + 1) * API_WINDOW_MS);
  }
}

function current<K>(counts: Map<K, Count>, key: K, window: number): Count {
  let entry = counts.get(key);
  if (entry?.window !== window) {
    if (!entry && counts.size > 100_000) {
      for (const [k, e] of counts) if (e.window < window) counts.delete(k);
    }
    entry = { window, count: 0 };
    counts.set(key, entry);
  }
  return entry;
}

/**
 * Both budgets checked and drawn on in one step inside Redis, so that parallel requests on any number of
 * instances cannot overdraw either, and a refusal draws on neither. Redis's own clock names the window,
 * so instances whose clocks drift still agree. Each key is a hash of its window and its count; both keys
 * share the workspace's hash tag, so the script runs on a cluster too.
 */
const HIT_SCRIPT = `
local t = redis.call('TIME')
local size = tonumber(ARGV[3])
local window = math.floor((tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)) / size)
local a = redis.call('HMGET', KEYS[1], 'w', 'n')
local w = redis.call('HMGET', KEYS[2], 'w', 'n')
local an = 0
local wn = 0
if tonumber(a[1]) == window then an = tonumber(a[2]) end
if tonumber(w[1]) == window then wn = tonumber(w[2]) end
local allowed = 0
if an < tonumber(ARGV[1]) and wn < tonumber(ARGV[2]) then
  allowed = 1
  an = an + 1
  wn = wn + 1
  redis.call('HSET', KEYS[1], 'w', window, 'n', an)
  redis.call('HSET', KEYS[2], 'w', window, 'n', wn)
  redis.call('PEXPIRE', KEYS[1], size * 2)
  redis.call('PEXPIRE', KEYS[2], size * 2)
end
return {allowed, an, wn, (window + 1) * size}
`;

type ScriptedRedis = Redis & {
  gatehouseApiBudgets(
    appKey: string,
    workspaceKey: string,
    appSize: number,
    workspaceSize: number,
    windowMs: number,
  ): Promise<[number, number, number, number]>;
};

/** The resource API's two budgets: per app in each workspace it reaches, and per workspace across apps. */
export class ApiBudgets {
  readonly #sizes: Sizes;
  readonly #local = new LocalCounts();
  readonly #redis: { client: ScriptedRedis; prefix: string } | undefined;

  constructor(
    settings: { appPerMinute: number; workspacePerMinute: number },
    redis?: { client: Redis; prefix: string },
  ) {
    this.#sizes = {
      app: perWindow(settings.appPerMinute),
      workspace: perWindow(settings.workspacePerMinute),
    };
    if (redis) {
      // Sent by EVALSHA, and loaded again by ioredis should Redis have forgotten it.
      redis.client.defineCommand("gatehouseApiBudgets", { numberOfKeys: 2, lua: HIT_SCRIPT });
      this.#redis = { client: redis.client as ScriptedRedis, prefix: redis.prefix };
    }
  }

  /** One API request: admitted only if both budgets have room, drawing one from each. */
  hit(appId: number, workspaceId: number): Decision | Promise<Decision> {
    if (!this.#redis) return this.#local.hit(appId, workspaceId, this.#sizes, Date.now());
    return this.#shared(this.#redis, appId, workspaceId);
  }

  async #shared(
    redis: { client: ScriptedRedis; prefix: string },
    appId: number,
    workspaceId: number,
  ): Promise<Decision> {
    const s = this.#sizes;
    const tag = `${redis.prefix}:api:{${workspaceId}}`;
    try {
      const [allowed, app, workspace, resetAt] = await redis.client.gatehouseApiBudgets(
        `${tag}:app:${appId}`,
        `${tag}:workspace`,
        s.app,
        s.workspace,
        API_WINDOW_MS,
      );
      return decide(allowed === 1, app, workspace, s, resetAt);
    } catch {
      // Redis away: count in this process meanwhile, rather than admit or refuse everyone. (The client's
      // error event logs the outage once, not once per request.)
      return this.#local.hit(appId, workspaceId, s, Date.now());
    }
  }
}
