import type { Command } from "commander";
import { errors } from "../../core/errors.ts";
import { requireAppByClientId } from "../../platform/apps/apps.ts";
import { findLiveInstallation, uninstallApp } from "../../platform/apps/installations.ts";
import { setUninstallUrl } from "../../platform/webhooks/uninstall-notices.ts";
import { requireWorkspace, withRuntime } from "../context.ts";
import { type Output, print } from "../output.ts";

/**
 * `gatehouse app uninstall-url --app <client_id> [--set <url> | --clear]`: where the app hears of its
 * uninstalls (the hub's Basic information page shows and sets the same); and
 * `gatehouse app uninstall --app <client_id> --workspace <id_code>`: an uninstall by the operator, told
 * to that URL like any other.
 */
export function appUninstallCommands(app: Command, out: Output): void {
  app
    .command("uninstall-url")
    .description("show the app's uninstall URL (told of each workspace's uninstall), or set or clear it")
    .requiredOption("--app <client_id>", "the app")
    .option("--set <url>", "the new HTTPS URL")
    .option("--clear", "tell nobody of uninstalls")
    .action((options: { app: string; set?: string; clear?: boolean }) =>
      withRuntime(async ({ services }) => {
        const target = await requireAppByClientId(services, options.app);
        if (options.set !== undefined && options.clear)
          throw new Error("--set and --clear exclude each other");
        const url =
          options.set !== undefined || options.clear
            ? await setUninstallUrl(services, target.id, options.clear ? null : (options.set ?? null))
            : target.uninstall_url;
        print(out, { app: target.client_id, uninstall_url: url }, () => [
          `${target.name}: uninstall URL ${url ?? "(none)"}`,
        ]);
      }),
    );
  app
    .command("uninstall")
    .description("uninstall the app from a workspace: its tokens stop working and its uninstall URL is told")
    .requiredOption("--app <client_id>", "the app")
    .requiredOption("--workspace <id_code>", "the workspace")
    .action((options: { app: string; workspace: string }) =>
      withRuntime(async ({ services }) => {
        const target = await requireAppByClientId(services, options.app);
        const workspace = await requireWorkspace(services, options.workspace);
        const installation = await findLiveInstallation(services.db, target.id, workspace.id);
        if (!installation) throw errors.notFound("The app is not installed on that workspace");
        await uninstallApp(services, installation.id, null);
        print(out, { app: target.client_id, workspace: workspace.id_code, uninstalled: true }, () => [
          `Uninstalled ${target.name} from ${workspace.name}.`,
        ]);
      }),
    );
}
