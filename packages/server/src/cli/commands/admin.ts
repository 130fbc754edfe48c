import type { Command } from "commander";
import { Type } from "typebox";
import { write } from "../../core/services.ts";
import {
  addMember,
  createAdmin,
  generatePassword,
  listMembers,
  removeMember,
  setAdminPassword,
  setPlatformReviewer,
} from "../../platform/identity/admins.ts";
import {
  AdminName,
  Email,
  MemberRole,
  Password,
  WorkspaceIdCode,
} from "../../platform/identity/identity-input.ts";
import { checkInput } from "../check.ts";
import { requireAdminByEmail, requireWorkspace, withRuntime } from "../context.ts";
import { type Output, print } from "../output.ts";
import { workspaceListCommand } from "../workspace-list.ts";
import { adminAvatarCommand } from "./admin-avatar.ts";

// Each command's options, checked by the schemas the pages check the same input with.
const CreateOptions = Type.Object({
  email: Email,
  name: AdminName,
  password: Type.Optional(Password),
  workspace: Type.Optional(WorkspaceIdCode),
  role: MemberRole,
});
const MemberOptions = Type.Object({ email: Email, workspace: WorkspaceIdCode });
const RoleOptions = Type.Object({ email: Email, workspace: WorkspaceIdCode, role: MemberRole });
const PasswordOptions = Type.Object({ email: Email, password: Type.Optional(Password) });

export function adminCommands(program: Command, out: Output): void {
  const admin = program.command("admin").description("admins: the people who sign in");
  adminAvatarCommand(admin, out);
  admin
    .command("create")
    .description("create an admin (and add them to a workspace)")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--name <name>", "display name")
    .option("--password <password>", "at least 12 characters (generated and printed when omitted)")
    .option("--workspace <id_code>", "make them an admin of this workspace")
    .option("--role <role>", "owner or admin", "admin")
    .option("--verified", "mark the email verified (seed 002: apps check email_verified)")
    .action(
      (options: {
        email: string;
        name: string;
        password?: string;
        workspace?: string;
        role: string;
        verified?: boolean;
      }) =>
        withRuntime(async ({ services }) => {
          const { role } = checkInput(CreateOptions, options);
          const password = options.password ?? generatePassword();
          const workspace = options.workspace
            ? await requireWorkspace(services, options.workspace)
            : undefined;
          const created = await write(services, async (trx) => {
            const row = await createAdmin(
              services,
              {
                email: options.email,
                name: options.name,
                password,
                emailVerified: Boolean(options.verified),
              },
              trx,
            );
            if (workspace) await addMember(services, workspace.id, row.id, role, trx);
            return row;
          });
          const result = {
            id: String(created.id),
            email: created.email,
            name: created.name,
            email_verified: Boolean(options.verified),
            workspace: workspace?.id_code ?? null,
            ...(options.password === undefined && { password }),
          };
          print(out, result, () => [
            `Created admin ${created.email} (id ${created.id})${workspace ? ` in ${workspace.name}` : ""}.`,
            ...(options.password === undefined ? [`Password: ${password}   (shown once)`] : []),
          ]);
        }),
    );
  admin
    .command("set-password")
    .description("set (or generate) an admin's password; every session they have ends")
    .requiredOption("--email <email>", "the admin")
    .option("--password <password>", "the new password (generated and printed when omitted)")
    .action((options: { email: string; password?: string }) =>
      withRuntime(async ({ services }) => {
        checkInput(PasswordOptions, options);
        const target = await requireAdminByEmail(services, options.email);
        const password = options.password ?? generatePassword();
        const { sessionsEnded } = await setAdminPassword(services, target.id, password);
        const result = {
          email: target.email,
          sessions_ended: sessionsEnded,
          ...(options.password === undefined && { password }),
        };
        print(out, result, () => [
          `Password set for ${target.email}; ${sessionsEnded} session${sessionsEnded === 1 ? "" : "s"} ended.`,
          ...(options.password === undefined ? [`Password: ${password}   (shown once)`] : []),
        ]);
      }),
    );
  admin
    .command("add")
    .description("add an existing admin to a workspace")
    .requiredOption("--email <email>", "the admin")
    .requiredOption("--workspace <id_code>", "the workspace")
    .option("--role <role>", "owner or admin", "admin")
    .action((options: { email: string; workspace: string; role: string }) =>
      withRuntime(async ({ services }) => {
        const { role } = checkInput(RoleOptions, options);
        const target = await requireAdminByEmail(services, options.email);
        const workspace = await requireWorkspace(services, options.workspace);
        await addMember(services, workspace.id, target.id, role);
        print(out, { email: target.email, workspace: workspace.id_code, role: options.role }, () => [
          `${target.email} is now ${options.role} of ${workspace.name}.`,
        ]);
      }),
    );
  admin
    .command("remove")
    .description("take an admin out of a workspace (their tokens there stop working)")
    .requiredOption("--email <email>", "the admin")
    .requiredOption("--workspace <id_code>", "the workspace")
    .action((options: { email: string; workspace: string }) =>
      withRuntime(async ({ services }) => {
        checkInput(MemberOptions, options);
        const target = await requireAdminByEmail(services, options.email);
        const workspace = await requireWorkspace(services, options.workspace);
        await removeMember(services, workspace.id, target.id);
        print(out, { email: target.email, workspace: workspace.id_code, removed: true }, () => [
          `${target.email} is no longer a member of ${workspace.name}.`,
        ]);
      }),
    );
  workspaceListCommand(admin, out, {
    description: "list a workspace's admins",
    rows: async (services, workspaceId) =>
      (await listMembers(services, workspaceId)).map((m) => ({ ...m, id: String(m.id) })),
    columns: ["id", "email", "name", "role", "platform_role"],
  });
  admin
    .command("grant-reviewer")
    .description("let an admin review extended-scope requests of every app")
    .requiredOption("--email <email>", "the admin")
    .option("--revoke", "withdraw the role instead")
    .action((options: { email: string; revoke?: boolean }) =>
      withRuntime(async ({ services }) => {
        const target = await requireAdminByEmail(services, options.email);
        await setPlatformReviewer(services, target.id, !options.revoke);
        print(out, { email: target.email, reviewer: !options.revoke }, () => [
          options.revoke
            ? `${target.email} is no longer a reviewer.`
            : `${target.email} is now a platform reviewer.`,
        ]);
      }),
    );
}
