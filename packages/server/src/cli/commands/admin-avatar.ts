import type { Command } from "commander";
import { setAdminAvatar } from "../../platform/identity/admins.ts";
import { requireAdminByEmail, withRuntime } from "../context.ts";
import { type Output, print } from "../output.ts";

/**
 * `gatehouse admin avatar --email <email> [--set <url> | --clear]`: the admin's own avatar, what `/me`
 * shows instead of Gatehouse's default (the admin sets the same on /settings/profile).
 */
export function adminAvatarCommand(admin: Command, out: Output): void {
  admin
    .command("avatar")
    .description("show the admin's avatar URL (what /me shows), or set or clear it")
    .requiredOption("--email <email>", "the admin")
    .option("--set <url>", "an absolute http(s) URL of the photo")
    .option("--clear", "show Gatehouse's default avatar instead")
    .action((options: { email: string; set?: string; clear?: boolean }) =>
      withRuntime(async ({ services }) => {
        if (options.set !== undefined && options.clear)
          throw new Error("--set and --clear exclude each other");
        const target = await requireAdminByEmail(services, options.email);
        const url =
          options.set !== undefined || options.clear
            ? await setAdminAvatar(services, target.id, options.clear ? null : (options.set ?? null))
            : target.avatar_url;
        print(out, { email: target.email, avatar_url: url }, () => [
          `${target.email}: avatar ${url ?? "(Gatehouse's default)"}`,
        ]);
      }),
    );
}
