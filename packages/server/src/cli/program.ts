import { Command } from "commander";
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
import { describeError, exitCode, jsonError } from "./errors.ts";
import type { Output } from "./output.ts";

/**
 * `gatehouse`: run Gatehouse's administration from a shell, against the same database and keys as the
 * server (GATEHOUSE_DATA_DIR, DATABASE_URL, GATEHOUSE_SECRET_KEY). Every command takes `--json`.
 */
// Known before parsing, so that a usage mistake (which never reaches an action) is answered as JSON too.
const out: Output = { json: process.argv.slice(2).includes("--json") };
const program = new Command("gatehouse")
  .description("Gatehouse: workspaces, admins, apps and their access tokens")
  .option("--json", "print one JSON value, for scripts")
  // Under --json commander's own "error: …" line is held back: the catch below says it as JSON instead.
  .configureOutput({ writeErr: (text) => void (out.json || process.stderr.write(text)) })
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
  const failure = describeError(error);
  if (failure) {
    if (out.json) process.stderr.write(`${JSON.stringify(jsonError(failure))}\n`);
    else if (failure.code !== "usage_error") process.stderr.write(`gatehouse: ${failure.message}\n`);
  }
  process.exitCode = exitCode(error);
}
