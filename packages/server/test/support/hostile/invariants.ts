import { sql } from "kysely";
import type { Services } from "../../../src/core/services.ts";
import { checkClientSecret, revealClientSecret } from "../../../src/platform/apps/client-secrets.ts";

/**
 * What must hold in the database whatever a hostile run did through the forms: each record whole.
 * Returns what does not hold, one line each.
 */
export async function halfWrittenRecords(services: Services): Promise<string[]> {
  const { db } = services;
  const problems: string[] = [];
  const doubled = await db
    .selectFrom("access_tokens")
    .innerJoin("installations", "installations.id", "access_tokens.installation_id")
    .select(["access_tokens.installation_id", sql<number>`count(*)`.as("n")])
    .where("access_tokens.kind", "=", "access")
    .where("access_tokens.revoked_at", "is", null)
    .groupBy("access_tokens.installation_id")
    .having(sql`count(*)`, ">", 1)
    .execute();
  for (const row of doubled) {
    problems.push(`installation ${row.installation_id} has ${row.n} live access tokens`);
  }
  for (const app of await db.selectFrom("apps").selectAll().execute()) {
    if (!checkClientSecret(services, app, revealClientSecret(services, app))) {
      problems.push(`app ${app.id}: its sealed client secret is not the one its HMAC checks`);
    }
  }
  const positions = await db
    .selectFrom("redirect_uris")
    .select(["app_id", sql<number>`count(*)`.as("n"), sql<number>`max(position)`.as("top")])
    .groupBy("app_id")
    .execute();
  for (const row of positions) {
    if (Number(row.top) !== Number(row.n) - 1) {
      problems.push(`app ${row.app_id}: redirect URL positions have gaps (${row.n} URLs, top ${row.top})`);
    }
  }
  const orphans = await db
    .selectFrom("access_tokens")
    .leftJoin("installations", "installations.id", "access_tokens.installation_id")
    .select("access_tokens.id")
    .where("installations.id", "is", null)
    .execute();
  if (orphans.length > 0) problems.push(`${orphans.length} tokens of no installation`);
  if (services.dialect === "sqlite") {
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    if (integrity.rows[0]?.integrity_check !== "ok") problems.push("SQLite integrity check failed");
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) problems.push(`${broken.rows.length} rows break a foreign key`);
  }
  return problems;
}

/** Rows no hostile request may add, whatever it reaches: no form or endpoint creates these. */
export const FIXED_TABLES = ["workspaces", "admins", "memberships"] as const;

export async function countRows(services: Services): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of FIXED_TABLES) {
    const row = await services.db
      .selectFrom(table)
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
