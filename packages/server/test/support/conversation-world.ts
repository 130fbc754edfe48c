import { addMember, createAdmin } from "../../src/platform/identity/admins.ts";
import { createContact } from "../../src/resources/contacts/contacts.ts";
import type { ContactRow } from "../../src/storage/tables/contacts.ts";
import type { AdminRow } from "../../src/storage/tables/identity.ts";
import type { TestDatabase } from "./databases.ts";
import { createTenant, type Gatehouse, startGatehouse, type Tenant } from "./gatehouse.ts";

/** Where the conversation suites start: a workspace whose owner works beside a teammate, and another one. */
export interface ConversationWorld {
  gh: Gatehouse;
  tenant: Tenant;
  other: Tenant;
  teammate: AdminRow;
}

/** A Gatehouse holding the workspace `workspace`, with the admin `teammate` beside its owner, and "Elsewhere". */
export async function startConversationWorld(
  database: TestDatabase,
  names: { workspace: string; teammate: string },
  env: Record<string, string> = {},
): Promise<ConversationWorld> {
  const gh = await startGatehouse(database, { env });
  const tenant = await createTenant(gh.services, { name: names.workspace });
  const other = await createTenant(gh.services, { name: "Elsewhere" });
  const teammate = await createAdmin(gh.services, {
    email: `${names.teammate.toLowerCase().replaceAll(" ", ".")}@example.com`,
    name: names.teammate,
  });
  await addMember(gh.services, tenant.workspace.id, teammate.id, "admin");
  return { gh, tenant, other, teammate };
}

let people = 0;

/** A new contact of the tenant's workspace, called `label` and a number (as email, external_id and name). */
export function newPerson(
  gh: Gatehouse,
  of: Tenant,
  label: string,
  fields: { role?: string } = {},
): Promise<ContactRow> {
  people++;
  return createContact(gh.services, of.workspace.id, {
    email: `${label}${people}@example.com`,
    external_id: `${label}-${people}`,
    name: `${label[0]?.toUpperCase()}${label.slice(1)} ${people}`,
    // Callers name the role as text; the domain takes Intercom's two.
    ...(fields.role !== undefined && { role: fields.role === "lead" ? "lead" : "user" }),
  });
}
