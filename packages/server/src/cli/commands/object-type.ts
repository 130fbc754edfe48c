import type { Command } from "commander";
import { defineCustomObjectType, listCustomObjectTypes } from "../../resources/custom-objects.ts";
import { withWorkspace } from "../context.ts";
import { type Output, print } from "../output.ts";
import { workspaceListCommand } from "../workspace-list.ts";

/**
 * `gatehouse object-type`: a workspace's custom object types. Intercom defines them in its settings,
 * not over the REST API, so here the operator does; the API then takes instances of them.
 */
export function objectTypeCommands(program: Command, out: Output): void {
  const objectType = program.command("object-type").description("custom object types of a workspace");
  objectType
    .command("define")
    .description("define a custom object type (defining an existing one changes nothing)")
    .requiredOption("--workspace <id_code>", "the workspace")
    .requiredOption("--name <identifier>", "the type's identifier, as the API's paths name it, e.g. Order")
    .action((options: { workspace: string; name: string }) =>
      withWorkspace(options.workspace, async (services, workspace) => {
        const type = await defineCustomObjectType(services, workspace.id, options.name);
        print(out, { identifier: type.identifier, workspace: workspace.id_code }, () => [
          `${workspace.name} has the custom object type ${type.identifier}.`,
        ]);
      }),
    );
  workspaceListCommand(objectType, out, {
    description: "list a workspace's custom object types",
    rows: async (services, workspaceId) =>
      (await listCustomObjectTypes(services, workspaceId)).map((t) => ({ identifier: t.identifier })),
    columns: ["identifier"],
  });
}
