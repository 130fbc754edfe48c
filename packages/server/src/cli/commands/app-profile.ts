import type { Command } from "commander";
import { Type } from "typebox";
import { errors } from "../../core/errors.ts";
import { AppDescription, AppIconUrl, ClientId } from "../../platform/apps/app-input.ts";
import { setAppProfile } from "../../platform/apps/app-profile.ts";
import { requireAppByClientId } from "../../platform/apps/apps.ts";
import { checkInput } from "../check.ts";
import { withRuntime } from "../context.ts";
import { type Output, print } from "../output.ts";

// Checked by the schemas the hub's Basic information form is checked by.
const ProfileOptions = Type.Object({
  app: ClientId,
  description: Type.Optional(AppDescription),
  iconUrl: Type.Optional(AppIconUrl),
});

/**
 * `gatehouse app profile --app <client_id> [--description <text>] [--icon-url <url>]`: the app's public
 * face, as the hub's Basic information page sets it; an empty value clears it, an absent one keeps it.
 */
export function appProfileCommand(app: Command, out: Output): void {
  app
    .command("profile")
    .description("set the app's description and icon (shown in the hub and on the consent page)")
    .requiredOption("--app <client_id>", "the app")
    .option("--description <text>", "what the app does, at most 280 characters; empty clears it")
    .option("--icon-url <https-url>", "an https URL of the app's square icon; empty clears it")
    .action((options: { app: string; description?: string; iconUrl?: string }) =>
      withRuntime(async ({ services }) => {
        checkInput(ProfileOptions, options);
        if (options.description === undefined && options.iconUrl === undefined) {
          throw errors.parameterNotFound("Give --description, --icon-url, or both", "description");
        }
        const target = await requireAppByClientId(services, options.app);
        const saved = await setAppProfile(services, target.id, {
          description: options.description,
          iconUrl: options.iconUrl,
        });
        const result = {
          client_id: target.client_id,
          description: saved.description,
          icon_url: saved.iconUrl,
        };
        print(out, result, () => [
          `Saved the profile of ${target.name}.`,
          `  description: ${result.description ?? "(none)"}`,
          `  icon URL:    ${result.icon_url ?? "(none)"}`,
        ]);
      }),
    );
}
