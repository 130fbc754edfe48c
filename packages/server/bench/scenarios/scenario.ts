import type { Services } from "../../src/core/services.ts";
import type { Instance } from "../instances.ts";
import type { Load } from "../load.ts";
import type { Demo } from "../seed.ts";

/** A Gatehouse server scenarios share: its name, its settings, what its database holds. */
export interface InstanceSpec {
  key: string;
  env?: Record<string, string>;
  seed?: (services: Services, demo: Demo) => Promise<void>;
}

/** Why a scenario cannot run on this build (the endpoint is not there yet), instead of a load. */
export interface Unavailable {
  unavailable: string;
}

/** One line of the bench: a request Gatehouse answers, measured against the hello world. */
export interface Scenario {
  /** What `--only` names it by. */
  name: string;
  /** What the table shows. */
  label: string;
  /** The least ratio to the hello world it should reach, when the issue sets one. */
  target?: number;
  instance: InstanceSpec;
  /** Sets up what its requests need (once the server runs) and checks one answer is right. */
  prepare(instance: Instance): Promise<Load | Unavailable>;
}

export const MAIN: InstanceSpec = { key: "main" };

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept: "application/json" };
}

/**
 * One request as the load will send it (its first variant): the answer, or an error naming what came
 * back instead of `expect`.
 */
export async function probe(base: string, load: Load): Promise<{ status: number; body: string }> {
  const first = load.next?.();
  const response = await fetch(base + load.path, {
    method: load.method,
    headers: first?.headers ?? load.headers,
    ...((first?.body ?? load.body) !== undefined && { body: first?.body ?? load.body }),
  });
  return { status: response.status, body: await response.text() };
}

/** Throws unless the probe got the load's status (and, when given, a body `check` accepts). */
export async function expectAnswer(
  base: string,
  load: Load,
  what: string,
  check?: (body: string) => boolean,
): Promise<Load> {
  const { status, body } = await probe(base, load);
  if (status !== load.expect || (check && !check(body)))
    throw new Error(`${what} answered ${status} ${body.slice(0, 300)}`);
  return load;
}
