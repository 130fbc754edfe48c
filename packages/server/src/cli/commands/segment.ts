import type { Command } from "commander";
import { countSegment, createSegment, listSegments } from "../../resources/segments.ts";
import type { SegmentRow } from "../../storage/tables/contacts.ts";
import { segmentObject } from "../../wire/segment.ts";
import { withWorkspace } from "../context.ts";
import { type Output, print } from "../output.ts";
import { workspaceListCommand } from "../workspace-list.ts";

/** A segment as `/segments` shows it with its count, and the query it saves, which the API keeps to itself. */
function describeSegment(row: SegmentRow, count: number) {
  return { ...segmentObject(row, count), query: JSON.parse(row.query) as unknown };
}

/** Segments are made by operators: the API only reads them, as Intercom's does. */
export function segmentCommands(program: Command, out: Output): void {
  const segment = program.command("segment").description("segments: saved contact filters");
  segment
    .command("create")
    .description("save a contact filter, in Intercom's search query language, as a segment")
    .requiredOption("--workspace <id_code>", "the workspace it belongs to")
    .requiredOption("--name <name>", "its name, unique in the workspace")
    .requiredOption("--query <json>", 'e.g. \'{"field":"email","operator":"$","value":"@acme.test"}\'')
    .option("--person-type <type>", "user or lead: which contacts it holds", "user")
    .action((options: { workspace: string; name: string; query: string; personType: string }) =>
      withWorkspace(options.workspace, async (services, workspace) => {
        const row = await createSegment(services, workspace.id, {
          name: options.name,
          query: options.query,
          personType: options.personType,
        });
        const created = describeSegment(row, await countSegment(services, row));
        print(out, created, () => [
          `Created segment "${created.name}" (${created.id}), holding ${created.count} now.`,
        ]);
      }),
    );
  workspaceListCommand(segment, out, {
    description: "list a workspace's segments and how many contacts each holds",
    rows: async (services, workspaceId) => {
      const all: Array<ReturnType<typeof describeSegment>> = [];
      for (const row of await listSegments(services, workspaceId))
        all.push(describeSegment(row, await countSegment(services, row)));
      return all;
    },
    columns: ["id", "name", "person_type", "count"],
  });
}
