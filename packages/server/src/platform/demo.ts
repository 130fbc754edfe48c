import type { Services } from "../core/services.ts";
import { write } from "../core/services.ts";
import { appsWithBuilder } from "./apps/app-listings.ts";
import { createApp } from "./apps/apps.ts";
import { addMember, createAdmin, generatePassword } from "./identity/admins.ts";
import { createWorkspace } from "./identity/workspaces.ts";

export const DEMO_EMAIL = "admin@demo.gatehouse.test";

export type DemoState =
  | {
      created: true;
      workspace: { idCode: string; name: string };
      admin: { email: string; password: string };
      app: { name: string; clientId: string; clientSecret: string };
      token: string;
    }
  | {
      created: false;
      workspace?: { idCode: string; name: string };
      app?: { name: string; clientId: string };
    };

/**
 * On an empty database: a demo workspace, its admin (with a generated password), and a demo app holding
 * every standard scope, with its access token. All in one transaction, so two instances starting at once
 * over PostgreSQL cannot both make one (the admin's unique email settles it).
 */
export async function ensureDemo(s: Services): Promise<DemoState> {
  const any = await s.db.selectFrom("workspaces").select("id").limit(1).executeTakeFirst();
  if (any) return { created: false, ...(await describeExisting(s)) };
  const password = generatePassword();
  try {
    return await write(s, async (trx) => {
      const workspace = await createWorkspace(s, { name: "Demo workspace", timezone: "Europe/Dublin" }, trx);
      const admin = await createAdmin(
        s,
        { email: DEMO_EMAIL, name: "Demo Admin", password, emailVerified: true, hasInboxSeat: true },
        trx,
      );
      await addMember(s, workspace.id, admin.id, "owner", trx);
      const created = await createApp(
        s,
        {
          workspaceId: workspace.id,
          adminId: admin.id,
          name: "Demo app",
          scopes: s.scopes.ofTier("standard").map((scope) => scope.id),
        },
        trx,
      );
      return {
        created: true as const,
        workspace: { idCode: workspace.id_code, name: workspace.name },
        admin: { email: admin.email, password },
        app: { name: created.app.name, clientId: created.app.client_id, clientSecret: created.clientSecret },
        token: created.accessToken.token,
      };
    });
  } catch (error) {
    // Another instance seeded first.
    if ((error as { code?: string }).code === "conflict")
      return { created: false, ...(await describeExisting(s)) };
    throw error;
  }
}

async function describeExisting(s: Services) {
  const row = await appsWithBuilder(s.db)
    .select(["apps.name as app_name", "apps.client_id", "builder.id_code", "builder.name as workspace_name"])
    // A deleted app's token cannot be shown: the banner points at the first live one.
    .where("apps.deleted_at", "is", null)
    .orderBy("apps.id")
    .limit(1)
    .executeTakeFirst();
  if (!row) return {};
  return {
    workspace: { idCode: row.id_code, name: row.workspace_name },
    app: { name: row.app_name, clientId: row.client_id },
  };
}
