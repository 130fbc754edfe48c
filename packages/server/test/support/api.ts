import assert from "node:assert/strict";
import { bearer } from "./gatehouse.ts";
import { validatingInProcessFetch } from "./openapi/validating-fetch.ts";

// biome-ignore lint/suspicious/noExplicitAny: the tests read Intercom's JSON as it comes.
export type Json = any;

export interface ApiInit {
  method?: string;
  body?: unknown;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON, or undefined for an empty body. */
  body: Json;
}

/**
 * Calls the resource API as an integration would: a Bearer token, JSON in and out. Every answer is
 * checked against Intercom's 2.14 description of its operation (`openapi/check.ts`) before it is returned.
 * A Gatehouse running in this process answers through `inject`, without a socket (`in-process-fetch.ts`).
 */
export async function callApi(
  baseUrl: string,
  token: string,
  path: string,
  init: ApiInit = {},
): Promise<ApiAnswer> {
  const response = await validatingInProcessFetch(baseUrl + path, {
    method: init.method ?? "GET",
    headers: { ...bearer(token), ...(init.body !== undefined && { "content-type": "application/json" }) },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text ? JSON.parse(text) : undefined,
  };
}

/**
 * Intercom's durations are measured between millisecond instants and floored, while the timestamps around
 * them are whole seconds: a duration is the difference of the two timestamps or one less.
 */
export function assertDuration(actual: number, fromSeconds: number, toSeconds: number): void {
  const whole = toSeconds - fromSeconds;
  assert.ok(
    actual === whole || actual === whole - 1,
    `${actual} seconds between ${fromSeconds} and ${toSeconds}`,
  );
}

/** Now, in Unix seconds, floored as the server floors its own timestamps. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * A timestamp the server set during the calls since `since` (read with `nowSeconds()` before them): no
 * fixed allowance, so a slow machine cannot fail it and a wrong clock or unit still does.
 */
export function assertStampedSince(at: number, since: number): void {
  const until = nowSeconds();
  assert.ok(at >= since && at <= until, `${at} is not between ${since} and ${until}`);
}
