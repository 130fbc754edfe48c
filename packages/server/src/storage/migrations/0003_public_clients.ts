import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/** Public clients (RFC 6749 §2.1): apps that cannot keep a secret, and so must use PKCE. */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .alterTable("apps")
    .addColumn("client_type", "text", (c) =>
      c.notNull().defaultTo("confidential").check(sql`client_type in ('confidential', 'public')`),
    )
    .execute();
}
