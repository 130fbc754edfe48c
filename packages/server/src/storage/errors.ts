/** True for a unique-constraint violation from either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; errcode?: unknown; message?: unknown };
  // PostgreSQL: SQLSTATE 23505. node:sqlite: errcode 2067 (SQLITE_CONSTRAINT_UNIQUE) or 1555 (PRIMARYKEY).
  return e.code === "23505" || e.errcode === 2067 || e.errcode === 1555;
}

/** Socket errors that mean the database server cannot be reached, or went away. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** What node-postgres says, without a code, when it has no live connection to give or use. */
const LOST_CONNECTION =
  /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect|Connection ended unexpectedly)/;

/**
 * True when a database call failed because there was no working connection to the database (it is
 * restarting, failing over, unreachable, or dropped this connection), not because of the query: a
 * condition to wait out, not a bug. PostgreSQL's SQLSTATE class 08 (connection exception), 57P01-57P03
 * (shut down by an administrator or a crash, or not yet accepting connections) and 53300 (too many
 * connections), socket errors, and node-postgres's own messages for a lost connection.
 */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code) || code === "53300") return true;
    if (SOCKET_CODES.has(code)) return true;
  }
  return typeof message === "string" && LOST_CONNECTION.test(message);
}
