import https from "node:https";
import tls from "node:tls";
import type { DeliveryFailure } from "./delivery-failures.ts";
import { errorFailure, statusFailure } from "./delivery-failures.ts";
import type { DestinationGuard } from "./destination-guard.ts";

const USER_AGENT = "Gatehouse-Webhooks/1.0";

/** How one attempt went: the receiver's status if it answered, and the class of failure if any. */
export interface Outcome {
  status: number | null;
  failure: DeliveryFailure | null;
  /** The error's own text, for the operator's log only: it never reaches the database or a page. */
  detail?: string;
}

/**
 * POSTs notifications over HTTPS. Every socket is opened through the guard: an address in the URL is
 * checked before connecting, and a name is resolved by the guard's `lookup`, which hands the socket
 * only addresses it checked. Redirects are answers like any other: never followed.
 */
export class WebhookTransport {
  readonly #agent: https.Agent;
  readonly #guard: DestinationGuard;
  readonly #timeoutMs: number;

  constructor(guard: DestinationGuard, settings: { timeoutMs: number; extraCa: string | undefined }) {
    this.#guard = guard;
    this.#timeoutMs = settings.timeoutMs;
    this.#agent = new https.Agent({
      keepAlive: true,
      lookup: guard.lookup,
      ...(settings.extraCa && { ca: [...tls.rootCertificates, settings.extraCa] }),
    });
  }

  destroy(): void {
    this.#agent.destroy();
  }

  post(url: string, body: string, headers: Record<string, string>): Promise<Outcome> {
    let target: URL;
    try {
      target = new URL(url);
      this.#guard.checkLiteral(target.hostname);
    } catch (error) {
      return Promise.resolve(failed(error));
    }
    return new Promise((resolve) => {
      const request = https.request(
        target,
        {
          method: "POST",
          agent: this.#agent,
          lookup: this.#guard.lookup,
          headers: {
            ...headers,
            "content-type": "application/json",
            "content-length": String(Buffer.byteLength(body)),
            "user-agent": USER_AGENT,
          },
          timeout: this.#timeoutMs,
        },
        (response) => {
          const status = response.statusCode ?? null;
          const failure =
            status !== null && status >= 200 && status < 300 ? null : statusFailure(status ?? 0);
          // The answer's body means nothing to us; read and drop it so the connection can be reused.
          response.resume();
          response.on("end", () => resolve({ status, failure }));
          response.on("error", (error) => resolve({ ...failed(error), status }));
        },
      );
      request.on("timeout", () =>
        request.destroy(
          Object.assign(new Error(`no answer within ${this.#timeoutMs} ms`), { code: "ETIMEDOUT" }),
        ),
      );
      request.on("error", (error) => resolve(failed(error)));
      request.end(body);
    });
  }
}

function failed(error: unknown): Outcome {
  return {
    status: null,
    failure: errorFailure(error),
    detail: error instanceof Error ? error.message.slice(0, 500) : String(error),
  };
}
