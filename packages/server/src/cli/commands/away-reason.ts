import type { Command } from "commander";
import {
  addAwayStatusReason,
  deleteAwayStatusReason,
  listAwayStatusReasons,
} from "../../platform/identity/away-status-reasons.ts";
import { awayStatusReasonJson } from "../../wire/admin.ts";
import { withWorkspace } from "../context.ts";
import { type Output, print } from "../output.ts";
import { workspaceListCommand } from "../workspace-list.ts";

/**
 * `gatehouse away-reason`: the away status reasons a workspace offers, which Intercom sets in its settings.
 * A reason prints as `/away_status_reasons` shows it.
 */
export function awayReasonCommands(program: Command, out: Output): void {
  const reason = program.command("away-reason").description("the reasons admins may give for being away");
  reason
    .command("add")
    .description("offer another reason, after the others")
    .requiredOption("--workspace <id_code>", "the workspace")
    .requiredOption("--label <text>", 'what it says, e.g. "On a break"')
    .requiredOption("--emoji <emoji>", "the emoji beside it")
    .action((options: { workspace: string; label: string; emoji: string }) =>
      withWorkspace(options.workspace, async (services, workspace) => {
        const added = awayStatusReasonJson(
          await addAwayStatusReason(services, workspace.id, { label: options.label, emoji: options.emoji }),
        );
        print(out, added, () => [`Added away reason ${added.emoji} ${added.label} (${added.id}).`]);
      }),
    );
  reason
    .command("delete")
    .description("stop offering a reason (it stays listed, marked deleted, as Intercom keeps it)")
    .requiredOption("--workspace <id_code>", "the workspace")
    .requiredOption("--id <id>", "the reason")
    .action((options: { workspace: string; id: string }) =>
      withWorkspace(options.workspace, async (services, workspace) => {
        const id = /^[0-9]{1,9}$/.test(options.id) ? Number(options.id) : 0;
        const deleted = awayStatusReasonJson(await deleteAwayStatusReason(services, workspace.id, id));
        print(out, deleted, () => [`Deleted away reason ${deleted.emoji} ${deleted.label} (${deleted.id}).`]);
      }),
    );
  workspaceListCommand(reason, out, {
    description: "list a workspace's away reasons, deleted ones too",
    rows: async (services, workspaceId) =>
      (await listAwayStatusReasons(services.db, workspaceId)).map(awayStatusReasonJson),
    columns: ["id", "emoji", "label", "order", "deleted"],
  });
}
