import type { Command } from "commander";
import { Type } from "typebox";
import { VERSION_NAMES } from "../../core/api-versions.ts";
import { setDefaultApiVersion, storedVersion } from "../../platform/apps/api-version.ts";
import { ApiVersionName, ClientId } from "../../platform/apps/app-input.ts";
import { requireAppByClientId } from "../../platform/apps/apps.ts";
import { checkInput } from "../check.ts";
import { withRuntime } from "../context.ts";
import { type Output, print } from "../output.ts";

const Options = Type.Object({ app: ClientId, set: Type.Optional(ApiVersionName) });

/**
 * `gatehouse app version --app <client_id> [--set <version>]`: the app's default API version, the one
 * its requests speak when they send no `Intercom-Version` header (the hub's Basic information page
 * shows and sets the same).
 */
export function appVersionCommand(app: Command, out: Output): void {
  app
    .command("version")
    .description(
      "show the app's default API version (used when a request sends no Intercom-Version), or set it",
    )
    .requiredOption("--app <client_id>", "the app")
    .option("--set <version>", `the new default: ${VERSION_NAMES.join(", ")}`)
    .action((options: { app: string; set?: string }) =>
      withRuntime(async ({ services }) => {
        checkInput(Options, options);
        const target = await requireAppByClientId(services, options.app);
        const version =
          options.set === undefined
            ? storedVersion(target.api_version)
            : await setDefaultApiVersion(services, target.id, options.set);
        const result = { app: target.client_id, api_version: version };
        print(out, result, () => [`${target.name}: API version ${version}`]);
      }),
    );
}
