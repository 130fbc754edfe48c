import type { Command } from "commander";
import type { Services } from "../../core/services.ts";
import {
  addTeamAdmin,
  createTeam,
  listTeams,
  removeTeamAdmin,
  requireTeam,
  teamAdminIds,
} from "../../resources/teams.ts";
import type { TeamRow } from "../../storage/tables/teams.ts";
import { withWorkspace } from "../context.ts";
import { type Output, print, table } from "../output.ts";

/** What the command prints of teams: the API's fields, with the admins' emails beside their ids. */
async function describeTeams(s: Services, rows: TeamRow[]) {
  const members = await teamAdminIds(
    s.db,
    rows.map((r) => r.id),
  );
  const ids = [...new Set([...members.values()].flat())];
  const emails = new Map(
    ids.length === 0
      ? []
      : (await s.db.selectFrom("admins").select(["id", "email"]).where("id", "in", ids).execute()).map(
          (a) => [a.id, a.email],
        ),
  );
  return rows.map((row) => {
    const adminIds = members.get(row.id) ?? [];
    return {
      id: String(row.id),
      name: row.name,
      admin_ids: adminIds,
      admins: adminIds.map((id) => emails.get(id) ?? String(id)),
      distribution_method: row.distribution_method,
      assignment_limit: row.assignment_limit,
    };
  });
}

const emailList = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((email) => email.trim())
    .filter((email) => email !== "");

/** Teams are made by operators: the API only reads them, as Intercom's does. */
export function teamCommands(program: Command, out: Output): void {
  const team = program.command("team").description("teams: groups of a workspace's admins");
  team
    .command("create")
    .description("make a team of admins of the workspace")
    .requiredOption("--workspace <id_code>", "the workspace it belongs to")
    .requiredOption("--name <name>", "its name, unique in the workspace")
    .option("--admins <emails>", "admins of the workspace in it, comma-separated")
    .option("--distribution <method>", "how it hands out assignments: round_robin or balanced_assignment")
    .option("--assignment-limit <n>", "balanced_assignment only: open conversations per member at most")
    .action(
      (options: {
        workspace: string;
        name: string;
        admins?: string;
        distribution?: string;
        assignmentLimit?: string;
      }) =>
        withWorkspace(options.workspace, async (services, workspace) => {
          const row = await createTeam(services, workspace.id, {
            name: options.name,
            adminEmails: emailList(options.admins),
            distributionMethod: options.distribution ?? null,
            assignmentLimit: options.assignmentLimit === undefined ? null : Number(options.assignmentLimit),
          });
          const [created] = await describeTeams(services, [row]);
          print(out, created, () => [
            `Created team "${row.name}" (${row.id}) in ${workspace.name} with ${created?.admins.length ?? 0} admin(s).`,
          ]);
        }),
    );
  for (const [name, change, verb] of [
    ["add-admin", addTeamAdmin, "Added"],
    ["remove-admin", removeTeamAdmin, "Removed"],
  ] as const) {
    team
      .command(name)
      .description(
        `${verb.toLowerCase()} an admin of the workspace ${verb === "Added" ? "to" : "from"} a team`,
      )
      .requiredOption("--workspace <id_code>", "the workspace")
      .requiredOption("--team <id_or_name>", "the team, by id or name")
      .requiredOption("--admin <email>", "the admin")
      .action((options: { workspace: string; team: string; admin: string }) =>
        withWorkspace(options.workspace, async (services, workspace) => {
          const row = await requireTeam(services, workspace.id, options.team);
          await change(services, workspace.id, row.id, options.admin);
          const [changed] = await describeTeams(services, [row]);
          print(out, changed, () => [
            `${verb} ${options.admin} ${verb === "Added" ? "to" : "from"} team "${row.name}"; it has ${changed?.admins.length ?? 0} admin(s).`,
          ]);
        }),
      );
  }
  team
    .command("list")
    .description("list a workspace's teams and their admins")
    .requiredOption("--workspace <id_code>", "the workspace")
    .action((options: { workspace: string }) =>
      withWorkspace(options.workspace, async (services, workspace) => {
        const all = await describeTeams(services, await listTeams(services.db, workspace.id));
        print(out, all, () =>
          table(
            all.map((t) => ({ ...t, admins: t.admins.join(",") })),
            ["id", "name", "admins", "distribution_method"],
          ),
        );
      }),
    );
}
