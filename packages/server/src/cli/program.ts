import { Command, CommanderError } from "commander";
import { ConfigError } from "../config.ts";
import { ApiError } from "../core/errors.ts";
import { adminCommands } from "./commands/admin.ts";
import { appCommands } from "./commands/app.ts";
import { awayReasonCommands } from "./commands/away-reason.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { objectTypeCommands } from "./commands/object-type.ts";
import { resourceServerCommands } from "./commands/resource-server.ts";
import { scopesCommand } from "./commands/scopes.ts";
import { segmentCommands } from "./commands/segment.ts";
import { subscriptionTypeCommands } from "./commands/subscription-type.ts";
import { teamCommands } from "./commands/team.ts";
import { tokenCommands } from "./commands/token.ts";
import { visitorCommands } from "./commands/visitor.ts";
import { workspaceCommands } from "./commands/workspace.ts";
import type { Output } from "./output.ts";

/**
 * `gatehouse`: run Gatehouse's administration from a shell, against the same database and keys as the
 * server (GATEHOUSE_DATA_DIR, DATABASE_URL, GATEHOUSE_SECRET_KEY). Every command takes `--json`.
 */
const out: Output = { json: false };
const program = new Command("gatehouse")
  .description("Gatehouse: workspaces, admins, apps and their access tokens")
  .option("--json", "print one JSON value, for scripts")
  .exitOverride()
  .hook("preAction", (command) => {
    out.json = Boolean(command.optsWithGlobals().json);
  });

migrateCommand(program, out);
workspaceCommands(program, out);
adminCommands(program, out);
appCommands(program, out);
tokenCommands(program, out);
scopesCommand(program, out);
objectTypeCommands(program, out);
segmentCommands(program, out);
subscriptionTypeCommands(program, out);
teamCommands(program, out);
awayReasonCommands(program, out);
visitorCommands(program, out);
resourceServerCommands(program, out);
for (const command of program.commands) enableJsonEverywhere(command);

/** `--json` is accepted after the subcommand too (`gatehouse token show --app … --json`). */
function enableJsonEverywhere(command: Command): void {
  if (!command.options.some((o) => o.long === "--json"))
    command.option("--json", "print one JSON value, for scripts");
  command.exitOverride();
  for (const sub of command.commands) enableJsonEverywhere(sub);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander; usage mistakes exit 2, as shells expect.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof ApiError && out.json) {
    // Under --json a script reads the refusal as the API would send it: code, message, field.
    const { code, message, field } = error;
    const refusal = { type: "error.list", errors: [{ code, message, ...(field && { field }) }] };
    process.stderr.write(`${JSON.stringify(refusal)}\n`);
    process.exitCode = 1;
  } else if (error instanceof ApiError || error instanceof ConfigError) {
    process.stderr.write(`gatehouse: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`gatehouse: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
