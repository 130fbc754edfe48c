import type { DeliveryFailure } from "../../storage/tables/webhooks.ts";
import { DestinationRefused } from "./destination-guard.ts";

export type { DeliveryFailure };

/** What the hub says for each class of failure. */
export const FAILURE_LABELS: Readonly<Record<DeliveryFailure, string>> = {
  timed_out: "Timed out",
  connection_refused: "Connection refused",
  connection_failed: "Connection failed",
  tls_failed: "TLS failed",
  dns_failed: "DNS lookup failed",
  destination_refused: "Destination refused: not a public address",
  http_3xx: "HTTP 3xx: redirects are not followed",
  http_4xx: "HTTP 4xx",
  http_5xx: "HTTP 5xx",
  uninstalled: "The app was uninstalled",
  subscription_removed: "The webhook subscription was removed",
};

/** The label for a stored value; anything else (text an older version stored) is shown as a class too. */
export function failureLabel(value: string | null): string | undefined {
  if (value === null) return undefined;
  return FAILURE_LABELS[value as DeliveryFailure] ?? FAILURE_LABELS.connection_failed;
}

/** The class of an answer that was not 2xx. */
export function statusFailure(status: number): DeliveryFailure {
  if (status >= 500) return "http_5xx";
  if (status >= 400) return "http_4xx";
  return "http_3xx";
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME", "ENODATA"]);
const TLS_CODES = new Set([
  "EPROTO",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "HOSTNAME_MISMATCH",
]);

/** The class of an error met while connecting, handshaking or waiting for the answer. */
export function errorFailure(error: unknown): DeliveryFailure {
  if (error instanceof DestinationRefused) return "destination_refused";
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  if (code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT") return "timed_out";
  if (code === "ECONNREFUSED") return "connection_refused";
  if (DNS_CODES.has(code)) return "dns_failed";
  if (
    TLS_CODES.has(code) ||
    code.startsWith("ERR_SSL_") ||
    code.startsWith("ERR_TLS_") ||
    code.startsWith("CERT_") ||
    code.startsWith("UNABLE_TO_")
  ) {
    return "tls_failed";
  }
  return "connection_failed";
}
