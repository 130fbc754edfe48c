import type { Command } from "commander";
import { Type } from "typebox";
import { errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import { ClientId } from "../../platform/apps/app-input.ts";
import {
  findLiveAccessToken,
  regenerateAccessToken,
  revealToken,
  revokeTokens,
} from "../../platform/apps/tokens/access-tokens.ts";
import { WorkspaceIdCode } from "../../platform/identity/identity-input.ts";
import { checkInput } from "../check.ts";
import { resolveInstallation, withRuntime } from "../context.ts";
import { type Output, print } from "../output.ts";

interface Target {
  app: string;
  workspace?: string;
}

const TargetOptions = Type.Object({ app: ClientId, workspace: Type.Optional(WorkspaceIdCode) });

/** The installation `--app` and `--workspace` name, checked with the same schema as the API's. */
async function targeted(services: Services, options: Target) {
  checkInput(TargetOptions, { app: options.app, workspace: options.workspace });
  return resolveInstallation(services, options.app, options.workspace);
}

function target(command: Command): Command {
  return command
    .requiredOption("--app <client_id>", "the app")
    .option("--workspace <id_code>", "the workspace it is installed on (default: the app's own)");
}

export function tokenCommands(program: Command, out: Output): void {
  const token = program.command("token").description("an app's access token for a workspace");
  target(token.command("show").description("show the live access token"))
    .option("--raw", "print the token alone, even under --json: TOKEN=$(gatehouse token show --raw …)")
    .action((options: Target & { raw?: boolean }) =>
      withRuntime(async ({ services }) => {
        const { app, workspace, installation } = await targeted(services, options);
        const row = await findLiveAccessToken(services, installation.id);
        if (!row)
          throw errors.notFound(
            `${app.name} has no live access token on ${workspace.id_code}; make one with: token regenerate`,
          );
        const value = revealToken(services, row);
        if (options.raw) return void process.stdout.write(`${value}\n`);
        print(
          out,
          {
            app: app.client_id,
            workspace: workspace.id_code,
            token: value,
            created_at: Math.floor(row.created_at / 1000),
          },
          () => [value],
        );
      }),
    );
  target(
    token.command("regenerate").description("replace the access token: the old one stops working at once"),
  ).action((options: Target) =>
    withRuntime(async ({ services }) => {
      const { app, workspace, installation } = await targeted(services, options);
      const issued = await regenerateAccessToken(services, installation.id, { reason: "regenerated" });
      print(out, { app: app.client_id, workspace: workspace.id_code, token: issued.token }, () => [
        issued.token,
      ]);
    }),
  );
  target(
    token.command("revoke").description("revoke the access token (kept, stamped, for the audit trail)"),
  ).action((options: Target) =>
    withRuntime(async ({ services }) => {
      const { app, workspace, installation } = await targeted(services, options);
      const revoked = await write(services, (trx, touched) =>
        revokeTokens(
          services,
          trx,
          touched,
          { installationId: installation.id, kind: "access" },
          { reason: "deleted" },
        ),
      );
      if (revoked === 0)
        throw errors.notFound(`${app.name} has no live access token on ${workspace.id_code}`);
      print(out, { app: app.client_id, workspace: workspace.id_code, revoked }, () => [
        `Revoked ${revoked} token${revoked === 1 ? "" : "s"} of ${app.name} on ${workspace.id_code}.`,
      ]);
    }),
  );
}
