import type { Command } from "commander";
import { Type } from "typebox";
import { errors } from "../../core/errors.ts";
import { storedVersion } from "../../platform/apps/api-version.ts";
import {
  AppDescription,
  AppIconUrl,
  AppName,
  ClientId,
  RedirectUri,
  ReviewText,
  ScopeId,
  ScopeIds,
} from "../../platform/apps/app-input.ts";
import {
  createApp,
  listAppScopes,
  listApps,
  requireAppByClientId,
  reviewScopeRequest,
  setClientType,
  setOAuthEnabled,
  setRequestedScopes,
} from "../../platform/apps/apps.ts";
import { listRedirectUris, setRedirectUris } from "../../platform/apps/oauth/redirect-uris.ts";
import { Email, WorkspaceIdCode } from "../../platform/identity/identity-input.ts";
import { toBool } from "../../storage/schema.ts";
import { checkInput } from "../check.ts";
import { requireAdminByEmail, requireWorkspace, withRuntime } from "../context.ts";
import { type Output, print, table } from "../output.ts";
import { workspaceListCommand } from "../workspace-list.ts";
import { appDeleteCommands } from "./app-delete.ts";
import { appProfileCommand } from "./app-profile.ts";
import { appUninstallCommands } from "./app-uninstall.ts";
import { appVersionCommand } from "./app-version.ts";
import { appWebhookSecretCommands } from "./app-webhook-secret.ts";

function scopeList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

// The options of each command, checked by the schemas the hub's forms are checked by.
const CreateOptions = Type.Object({
  workspace: WorkspaceIdCode,
  admin: Email,
  name: AppName,
  scopes: ScopeIds,
  description: Type.Optional(AppDescription),
  iconUrl: Type.Optional(AppIconUrl),
});
const ScopesOptions = Type.Object({
  app: ClientId,
  set: Type.Optional(ScopeIds),
  add: Type.Optional(ScopeIds),
  remove: Type.Optional(ScopeIds),
  reason: Type.Optional(ReviewText),
});
const OAuthOptions = Type.Object({
  app: ClientId,
  redirectUri: Type.Optional(Type.Array(RedirectUri, { maxItems: 20 })),
});
const ReviewOptions = Type.Object({
  app: ClientId,
  scope: ScopeId,
  reviewer: Type.Optional(Email),
  reason: Type.Optional(ReviewText),
});

export function appCommands(program: Command, out: Output): void {
  const app = program.command("app").description("apps: what holds access tokens and OAuth credentials");
  appWebhookSecretCommands(app, out);
  appVersionCommand(app, out);
  appUninstallCommands(app, out);
  appDeleteCommands(app, out);
  appProfileCommand(app, out);
  app
    .command("create")
    .description("create an app; it is installed on its workspace and gets its access token at once")
    .requiredOption("--workspace <id_code>", "the workspace that builds the app")
    .requiredOption("--admin <email>", "the admin creating it (its token acts as them)")
    .requiredOption("--name <name>", "the app's name")
    .option("--scopes <ids>", "comma-separated scope ids (see: gatehouse scopes list)")
    .option("--all-standard-scopes", "every standard scope")
    .option("--description <text>", "what the app does, at most 280 characters (hub, consent page)")
    .option("--icon-url <https-url>", "an https URL of the app's square icon")
    .action(
      (options: {
        workspace: string;
        admin: string;
        name: string;
        scopes?: string;
        allStandardScopes?: boolean;
        description?: string;
        iconUrl?: string;
      }) =>
        withRuntime(async ({ services }) => {
          checkInput(CreateOptions, { ...options, scopes: scopeList(options.scopes) });
          const workspace = await requireWorkspace(services, options.workspace);
          const admin = await requireAdminByEmail(services, options.admin);
          const scopes = [
            ...scopeList(options.scopes),
            ...(options.allStandardScopes ? services.scopes.ofTier("standard").map((s) => s.id) : []),
          ];
          const created = await createApp(services, {
            workspaceId: workspace.id,
            adminId: admin.id,
            name: options.name,
            scopes,
            description: options.description,
            iconUrl: options.iconUrl,
          });
          const pending = scopes.filter((id) => services.scopes.get(id)?.tier === "extended");
          const result = {
            name: created.app.name,
            client_id: created.app.client_id,
            client_secret: created.clientSecret,
            access_token: created.accessToken.token,
            workspace: workspace.id_code,
            description: created.app.description,
            icon_url: created.app.icon_url,
            scopes_pending_review: pending,
          };
          print(out, result, () => [
            `Created app "${result.name}" in ${workspace.name}.`,
            `  client_id:     ${result.client_id}`,
            `  client_secret: ${result.client_secret}`,
            `  access token:  ${result.access_token}`,
            ...(pending.length > 0 ? [`  waiting for review: ${pending.join(", ")}`] : []),
          ]);
        }),
    );
  workspaceListCommand(app, out, {
    description: "list a workspace's apps",
    rows: async (services, workspaceId) =>
      (await listApps(services, workspaceId)).map((a) => ({
        client_id: a.client_id,
        name: a.name,
        oauth: toBool(a.oauth_enabled),
        client_type: a.client_type,
        api_version: storedVersion(a.api_version),
      })),
    columns: ["client_id", "name", "oauth", "client_type", "api_version"],
  });
  app
    .command("scopes")
    .description("show an app's scopes, or change the ones it asks for (extended ones go to review)")
    .requiredOption("--app <client_id>", "the app")
    .option("--set <ids>", "comma-separated scope ids, replacing the whole current request")
    .option("--add <ids>", "comma-separated scope ids to ask for beside the current ones")
    .option("--remove <ids>", "comma-separated scope ids to stop asking for")
    .option("--reason <text>", "why the app needs its extended scopes (kept from before when left out)")
    .action((options: { app: string; set?: string; add?: string; remove?: string; reason?: string }) =>
      withRuntime(async ({ services }) => {
        const lists = {
          ...(options.set !== undefined && { set: scopeList(options.set) }),
          ...(options.add !== undefined && { add: scopeList(options.add) }),
          ...(options.remove !== undefined && { remove: scopeList(options.remove) }),
        };
        checkInput(ScopesOptions, { ...options, ...lists });
        const target = await requireAppByClientId(services, options.app);
        const changing = lists.set ?? lists.add ?? lists.remove;
        const current = async () => (await listAppScopes(services, target.id)).map((r) => r.scope_id);
        const wanted =
          changing &&
          [...(lists.set ?? (await current())), ...(lists.add ?? [])].filter(
            (id) => !lists.remove?.includes(id),
          );
        const rows = wanted
          ? await setRequestedScopes(services, target.id, wanted, options.reason)
          : await listAppScopes(services, target.id);
        const scopes = rows.map((r) => ({
          scope: r.scope_id,
          tier: services.scopes.get(r.scope_id)?.tier ?? "unknown",
          review: r.review_state,
          reason: r.request_reason ?? "",
          note: r.review_note ?? "",
        }));
        print(out, scopes, () => table(scopes, ["scope", "tier", "review", "note"]));
      }),
    );
  app
    .command("oauth")
    .description("turn OAuth on or off, and set the redirect URLs (HTTPS; the first is the default)")
    .requiredOption("--app <client_id>", "the app")
    .option("--enable", "turn OAuth on")
    .option("--disable", "turn OAuth off")
    .option("--redirect-uri <url...>", "the redirect URLs, replacing the current ones, in order")
    .option("--public", "a public client: no secret, PKCE required")
    .option("--confidential", "a confidential client (the default)")
    .action(
      (options: {
        app: string;
        enable?: boolean;
        disable?: boolean;
        redirectUri?: string[];
        public?: boolean;
        confidential?: boolean;
      }) =>
        withRuntime(async ({ services }) => {
          if (options.enable && options.disable)
            throw errors.parameterInvalid("Give --enable or --disable, not both");
          if (options.public && options.confidential)
            throw errors.parameterInvalid("Give --public or --confidential, not both");
          checkInput(OAuthOptions, options);
          const target = await requireAppByClientId(services, options.app);
          if (options.redirectUri) await setRedirectUris(services, target.id, options.redirectUri);
          if (options.enable || options.disable)
            await setOAuthEnabled(services, target.id, Boolean(options.enable));
          if (options.public || options.confidential) {
            await setClientType(services, target.id, options.public ? "public" : "confidential");
          }
          const app = await requireAppByClientId(services, options.app);
          const result = {
            client_id: app.client_id,
            oauth_enabled: toBool(app.oauth_enabled),
            client_type: app.client_type,
            redirect_uris: await listRedirectUris(services, app.id),
          };
          if (result.oauth_enabled && result.redirect_uris.length === 0)
            process.stderr.write(
              `Warning: OAuth is on but ${app.name} has no redirect URL, so every authorization is refused. Add one: npx gatehouse app oauth --app ${app.client_id} --redirect-uri https://…\n`,
            );
          print(out, result, () => [
            `${app.name}: OAuth ${result.oauth_enabled ? "on" : "off"}, ${result.client_type} client`,
            ...result.redirect_uris.map((uri, i) => `  ${i === 0 ? "default " : "        "}${uri}`),
          ]);
        }),
    );
  app
    .command("review")
    .description(
      "approve or reject an app's extended-scope request, as the operator (any request; logged as the operator's decision)",
    )
    .requiredOption("--app <client_id>", "the app")
    .requiredOption("--scope <id>", "the extended scope")
    .option("--reviewer <email>", "a platform reviewer to record as the one the decision was made for")
    .option("--approve", "approve the request")
    .option("--reject", "reject the request")
    .option("--reason <text>", "the reason (required to reject)")
    .action(
      (options: {
        app: string;
        scope: string;
        reviewer?: string;
        approve?: boolean;
        reject?: boolean;
        reason?: string;
      }) =>
        withRuntime(async ({ services }) => {
          if (options.approve === options.reject)
            throw errors.parameterInvalid("Give exactly one of --approve and --reject");
          checkInput(ReviewOptions, options);
          const target = await requireAppByClientId(services, options.app);
          const reviewer = options.reviewer
            ? await requireAdminByEmail(services, options.reviewer)
            : undefined;
          if (reviewer && reviewer.platform_role !== "reviewer") {
            throw errors.parameterInvalid(
              `${reviewer.email} is not a platform reviewer (see: gatehouse admin grant-reviewer)`,
            );
          }
          const row = await reviewScopeRequest(services, {
            appId: target.id,
            scopeId: options.scope,
            decision: options.approve ? "approved" : "rejected",
            ...(reviewer && { reviewerId: reviewer.id }),
            ...(options.reason !== undefined && { note: options.reason }),
          });
          print(
            out,
            { app: target.client_id, scope: row.scope_id, review: row.review_state, note: row.review_note },
            () => [`${row.scope_id} for ${target.name}: ${row.review_state}.`],
          );
        }),
    );
}
