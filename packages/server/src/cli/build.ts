import { Command, Help } from "commander";
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
 * Built apart from its parsing (program.ts) so that a test can read every command's help in-process.
 */
export function buildProgram(out: Output): Command {
  const program = new Command("gatehouse")
    .description("Gatehouse: workspaces, admins, apps and their access tokens")
    .option("--json", "print one JSON value, for scripts")
    // Under --json commander's own "error: …" line is held back: program.ts says it as JSON instead.
    .configureOutput({ writeErr: (text) => void (out.json || process.stderr.write(text)) })
    .configureHelp({ subcommandTerm: groupTerm, subcommandDescription: groupDescription })
    .addHelpText(
      "after",
      "\nEach group's commands: gatehouse <group> --help; a command's: gatehouse <group> <command> --help",
    )
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
  return program;
}

/** `--json` is accepted after the subcommand too (`gatehouse token show --app … --json`). */
function enableJsonEverywhere(command: Command): void {
  if (!command.options.some((o) => o.long === "--json"))
    command.option("--json", "print one JSON value, for scripts");
  command.exitOverride();
  for (const sub of command.commands) enableJsonEverywhere(sub);
}

// The top-level help names each group's commands, so `gatehouse --help` shows what there is to do.
const plainHelp = new Help();
function groupTerm(command: Command): string {
  return command.commands.length > 0 ? `${command.name()} <command>` : plainHelp.subcommandTerm(command);
}
function groupDescription(command: Command): string {
  const names = command.commands.map((c) => c.name());
  return names.length > 0 ? `${command.description()} [${names.join(", ")}]` : command.description();
}
