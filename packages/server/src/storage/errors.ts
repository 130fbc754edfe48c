/** True for a unique-constraint violation from either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; errcode?: unknown; message?: unknown };
  // PostgreSQL: SQLSTATE 23505. node:sqlite: errcode 2067 (SQLITE_CONSTRAINT_UNIQUE) or 1555 (PRIMARYKEY).
  return e.code === "23505" || e.errcode === 2067 || e.errcode === 1555;
}
