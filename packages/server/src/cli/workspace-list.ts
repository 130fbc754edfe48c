import type { Command } from "commander";
import type { Services } from "../core/services.ts";
import { withWorkspace } from "./context.ts";
import { type Output, print, table } from "./output.ts";

/**
 * `gatehouse <noun> list --workspace <id_code>`: what a workspace has of something, every row as JSON
 * (`--json`) or the `columns` of each as a table. One place for the shape every such command shares.
 */
export function workspaceListCommand<R extends Record<string, unknown>>(
  parent: Command,
  out: Output,
  list: {
    description: string;
    rows: (services: Services, workspaceId: number) => Promise<R[]>;
    columns: Array<keyof R & string>;
  },
): void {
  parent
    .command("list")
    .description(list.description)
    .requiredOption("--workspace <id_code>", "the workspace")
    .action((options: { workspace: string }) =>
      withWorkspace(options.workspace, async (services, workspace) => {
        const all = await list.rows(services, workspace.id);
        print(out, all, () => table(all, list.columns));
      }),
    );
}
