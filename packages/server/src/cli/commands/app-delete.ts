import type { Command } from "commander";
import { Type } from "typebox";
import { deleteApp } from "../../platform/apps/app-deletion.ts";
import { ClientId } from "../../platform/apps/app-input.ts";
import { requireAppByClientId, rotateClientSecret } from "../../platform/apps/apps.ts";
import { revealClientSecret } from "../../platform/apps/client-secrets.ts";
import { checkInput } from "../check.ts";
import { withRuntime } from "../context.ts";
import { type Output, print } from "../output.ts";

const AppOption = Type.Object({ app: ClientId });

/**
 * `gatehouse app secret --app <client_id> [--rotate]`: the client secret again (apps keep it sealed
 * for the hub, which shows it too), or a new one; and `gatehouse app delete --app <client_id>`.
 */
export function appDeleteCommands(app: Command, out: Output): void {
  app
    .command("secret")
    .description("show the app's client secret again, or replace it (--rotate: the old one stops working)")
    .requiredOption("--app <client_id>", "the app")
    .option("--rotate", "make a new secret")
    .action((options: { app: string; rotate?: boolean }) =>
      withRuntime(async ({ services }) => {
        checkInput(AppOption, { app: options.app });
        const target = await requireAppByClientId(services, options.app);
        const secret = options.rotate
          ? await rotateClientSecret(services, target.id)
          : revealClientSecret(services, target);
        print(out, { client_id: target.client_id, client_secret: secret }, () => [secret]);
      }),
    );
  app
    .command("delete")
    .description(
      "delete the app for good: uninstalled everywhere, every token revoked, its webhooks cancelled",
    )
    .requiredOption("--app <client_id>", "the app")
    .action((options: { app: string }) =>
      withRuntime(async ({ services }) => {
        checkInput(AppOption, { app: options.app });
        const target = await requireAppByClientId(services, options.app);
        const deleted = await deleteApp(services, target.id);
        const result = {
          client_id: target.client_id,
          deleted: true,
          uninstalled: deleted.uninstalled,
          revoked_tokens: deleted.revokedTokens,
          cancelled_deliveries: deleted.cancelledDeliveries,
        };
        print(out, result, () => [
          `Deleted ${target.name}: uninstalled from ${deleted.uninstalled} workspace${deleted.uninstalled === 1 ? "" : "s"}, ${deleted.revokedTokens} token${deleted.revokedTokens === 1 ? "" : "s"} revoked.`,
        ]);
      }),
    );
}
