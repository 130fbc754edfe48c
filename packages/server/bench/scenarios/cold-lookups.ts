import crypto from "node:crypto";
import type { Load } from "../load.ts";
import { storeTokens } from "../seed.ts";
import { bearer, expectAnswer, type Scenario } from "./scenario.ts";

/** Distinct tokens the requests rotate over, and the cache the server gets: ten times too small for them. */
const ROTATION = 1_000;
const CACHE_ENTRIES = 100;

/**
 * `GET /me` where no token is in the principal cache: `stored` live tokens in the database, the requests
 * rotating over a thousand of them (spread across the whole table), in turn across all connections, on
 * a server whose cache holds a hundred: every request is a database lookup.
 */
export function coldLookups(name: string, stored: number): Scenario {
  let tokens: string[] = [];
  return {
    name,
    label: `GET /me, cold, ${stored.toLocaleString("en")} tokens stored`,
    target: 0.25,
    instance: {
      key: name,
      env: { GATEHOUSE_TOKEN_CACHE_MAX_ENTRIES: String(CACHE_ENTRIES) },
      async seed(services, demo) {
        tokens = await storeTokens(services, demo, stored, pick(Math.min(ROTATION, stored), stored));
        // In random order, so neighbouring requests do not find neighbouring rows.
        tokens.sort(() => Math.random() - 0.5);
      },
    },
    prepare(instance) {
      let turn = 0;
      const headers = tokens.map(bearer);
      const load: Load = {
        method: "GET",
        path: "/me",
        headers: bearer(instance.demo.token),
        expect: 200,
        next: () => ({ headers: headers[turn++ % headers.length] as Record<string, string> }),
      };
      return expectAnswer(instance.base, load, `GET /me with one of the ${stored} stored tokens`);
    },
  };
}

/** `n` distinct indices below `count`, uniformly chosen. */
function pick(n: number, count: number): Set<number> {
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(crypto.randomInt(count));
  return chosen;
}
