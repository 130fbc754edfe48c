import type { Command } from "commander";
import { defineSubscriptionType, listSubscriptionTypes } from "../../resources/subscription-types.ts";
import type { SubscriptionTypeRow } from "../../storage/tables/subscriptions.ts";
import { withWorkspace } from "../context.ts";
import { type Output, print } from "../output.ts";
import { workspaceListCommand } from "../workspace-list.ts";

function describeType(row: SubscriptionTypeRow) {
  return {
    id: String(row.id),
    name: row.name,
    description: row.description,
    consent_type: row.consent_type,
    content_types: (JSON.parse(row.content_types) as string[]).join(","),
    state: row.state,
  };
}

/**
 * `gatehouse subscription-type`: the email and SMS subscription types of a workspace. Intercom defines
 * them in its settings, not over the REST API, so here the operator does; contacts then opt in or out
 * of them over the API.
 */
export function subscriptionTypeCommands(program: Command, out: Output): void {
  const command = program
    .command("subscription-type")
    .description("email and SMS subscription types of a workspace");
  command
    .command("define")
    .description("define a subscription type; for a name the workspace has, change its description and state")
    .requiredOption("--workspace <id_code>", "the workspace")
    .requiredOption("--name <name>", "its name, unique in the workspace")
    .option("--description <text>", "what contacts are told it is about")
    .option("--consent <type>", "opt_out (sent until one opts out) or opt_in (sent once one opts in)")
    .option("--content-types <list>", "email, sms_message or both, comma-separated")
    .option("--state <state>", "live, draft or archived")
    .action(
      (options: {
        workspace: string;
        name: string;
        description?: string;
        consent?: string;
        contentTypes?: string;
        state?: string;
      }) =>
        withWorkspace(options.workspace, async (services, workspace) => {
          const row = await defineSubscriptionType(services, workspace.id, {
            name: options.name,
            description: options.description,
            consentType: options.consent,
            contentTypes: options.contentTypes,
            state: options.state,
          });
          const defined = describeType(row);
          print(out, defined, () => [
            `${workspace.name} has the ${defined.state} ${defined.consent_type} subscription type "${defined.name}" (${defined.id}) for ${defined.content_types}.`,
          ]);
        }),
    );
  workspaceListCommand(command, out, {
    description: "list a workspace's subscription types",
    rows: async (services, workspaceId) =>
      (await listSubscriptionTypes(services, workspaceId)).map(describeType),
    columns: ["id", "name", "consent_type", "content_types", "state"],
  });
}
