import type { Command } from "commander";
import { errors } from "../../core/errors.ts";
import { createVisitor, listVisitors } from "../../resources/visitors.ts";
import { requireWorkspace, withRuntime, withWorkspace } from "../context.ts";
import { type Output, print, table } from "../output.ts";

/**
 * `gatehouse visitor create`: Gatehouse has no Messenger to meet visitors, so an operator makes the
 * visitor a Messenger would have, for an integration to find, update and convert over the API.
 */
export function visitorCommands(program: Command, out: Output): void {
  const visitor = program
    .command("visitor")
    .description("visitors: anonymous people, before they are contacts");
  visitor
    .command("create")
    .description("make a visitor of a workspace, as a first visit to its Messenger would")
    .requiredOption("--workspace <id_code>", "the workspace")
    .option("--name <name>", "what the visitor gave as a name")
    .option("--email <email>", "what the visitor gave as an email")
    .option("--phone <phone>", "what the visitor gave as a phone number")
    .action((options: { workspace: string; name?: string; email?: string; phone?: string }) =>
      withWorkspace(options.workspace, async (services, workspace) => {
        const row = await createVisitor(services, workspace.id, {
          name: options.name ?? null,
          email: options.email ?? null,
          phone: options.phone ?? null,
        });
        const made = {
          id: row.id,
          user_id: row.user_id,
          pseudonym: row.pseudonym,
          email: row.email,
          name: row.name,
        };
        print(out, made, () => [`Created visitor ${row.pseudonym} (${row.id}), user_id ${row.user_id}.`]);
      }),
    );
  visitor
    .command("list")
    .description("list a workspace's visitors, newest first")
    .requiredOption("--workspace <id_code>", "the workspace")
    .option("--limit <n>", "at most this many (1 to 1000)", "50")
    .action((options: { workspace: string; limit: string }) =>
      withRuntime(async ({ services }) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          throw errors.parameterInvalid("--limit must be a whole number from 1 to 1000", "limit");
        const workspace = await requireWorkspace(services, options.workspace);
        const rows = (await listVisitors(services, workspace.id, limit)).map((row) => ({
          id: row.id,
          user_id: row.user_id,
          pseudonym: row.pseudonym,
          name: row.name,
          email: row.email,
          created_at: Math.floor(row.created_at / 1000),
        }));
        print(out, rows, () => table(rows, ["id", "user_id", "pseudonym", "name", "email"]));
      }),
    );
}
