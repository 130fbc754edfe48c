import type { Command } from "commander";
import { Type } from "typebox";
import { WorkspaceName } from "../../platform/identity/identity-input.ts";
import { createWorkspace, listWorkspaces } from "../../platform/identity/workspaces.ts";
import { toBool } from "../../storage/schema.ts";
import type { WorkspaceRow } from "../../storage/tables/identity.ts";
import { checkInput } from "../check.ts";
import { withRuntime } from "../context.ts";
import { type Output, print, table } from "../output.ts";

const CreateOptions = Type.Object({
  name: WorkspaceName,
  timezone: Type.String({ maxLength: 100 }),
  region: Type.String({ maxLength: 10 }),
});

export function describeWorkspace(w: WorkspaceRow) {
  return {
    id_code: w.id_code,
    name: w.name,
    timezone: w.timezone,
    region: w.region,
    secure: toBool(w.secure),
    identity_verification: toBool(w.identity_verification),
    created_at: Math.floor(w.created_at / 1000),
  };
}

export function workspaceCommands(program: Command, out: Output): void {
  const workspace = program.command("workspace").description("workspaces: the tenants that own data");
  workspace
    .command("create")
    .description("create a workspace")
    .requiredOption("--name <name>", "its name")
    .option("--timezone <tz>", "time zone, e.g. Europe/Dublin", "UTC")
    .option("--region <region>", "US, EU or AU", "US")
    .action((options: { name: string; timezone: string; region: string }) =>
      withRuntime(async ({ services }) => {
        const created = describeWorkspace(
          await createWorkspace(services, checkInput(CreateOptions, options)),
        );
        print(out, created, () => [`Created workspace "${created.name}" (${created.id_code}).`]);
      }),
    );
  workspace
    .command("list")
    .description("list workspaces")
    .action(() =>
      withRuntime(async ({ services }) => {
        const all = (await listWorkspaces(services)).map(describeWorkspace);
        print(out, all, () => table(all, ["id_code", "name", "timezone", "region"]));
      }),
    );
}
