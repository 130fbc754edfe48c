import pino, { type Logger } from "pino";

/**
 * Paths pino blanks out wherever they appear in a log line: credentials in headers and the secret
 * fields of OAuth and sign-in bodies. Code never logs a token on purpose; this is the second line.
 */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  // Each secret's name at the top of a line and one level down (pino's `*` does not match the top).
  ...["token", "access_token", "refresh_token", "client_secret", "password", "code", "code_verifier"].flatMap(
    (name) => [name, `*.${name}`],
  ),
];

/** Query parameters whose values never reach a log line, whatever route they are sent to. */
const SECRET_PARAMETER = /token|code|secret|password|key|session|csrf|verifier|state/i;

/** A request URL for the log: path kept, values of secret-looking query parameters replaced. */
export function loggableUrl(url: string): string {
  const query = url.indexOf("?");
  if (query < 0) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  for (const name of new Set(params.keys())) if (SECRET_PARAMETER.test(name)) params.set(name, "[redacted]");
  return `${url.slice(0, query)}?${params.toString()}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  id?: string;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      serializers: {
        req: (request: LoggedRequest) => ({
          method: request.method,
          url: loggableUrl(request.url ?? ""),
          host: request.host,
          remoteAddress: request.ip,
        }),
      },
    },
    destination,
  );
}
