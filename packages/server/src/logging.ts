import pino, { type Logger } from "pino";

/**
 * Paths pino blanks out wherever they appear in a log line: credentials in headers and the secret
 * fields of OAuth and sign-in bodies. Code never logs a token on purpose; this is the second line.
 */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "*.token",
  "*.access_token",
  "*.client_secret",
  "*.password",
  "*.code",
  "*.code_verifier",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, destination);
}
