import formbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import { errors } from "../../../core/errors.ts";
import { type Services, write } from "../../../core/services.ts";
import { uninstallApp } from "../../../platform/apps/installations.ts";
import { findTokenRecord, revokePresentedToken } from "../../../platform/apps/oauth/token-lookup.ts";
import type { TokenAuthenticator } from "../../../platform/apps/principals/authenticate.ts";
import { recordActivity } from "../../../platform/services/audit.ts";
import { readAuthorization } from "../../api/authorization-header.ts";

/**
 * What a token's holder can do about the token itself:
 * - `POST /oauth/uninstall`: an app uninstalls itself from the workspace its token reaches;
 * - `POST /oauth/report-leak`: anyone who finds a token reports it; it is revoked at once and the owning
 *   workspace's activity log says why (seed 000: "please inform us immediately").
 */
export async function selfServiceRoutes(
  app: FastifyInstance,
  { services, authenticator }: { services: Services; authenticator: TokenAuthenticator },
) {
  await app.register(formbody, { bodyLimit: 16 * 1024 });

  app.post("/oauth/uninstall", async (request) => {
    const credentials = readAuthorization(request.headers.authorization);
    if (credentials.type !== "token") throw errors.missingToken();
    const principal = await authenticator.authenticate(credentials.token);
    if (!principal) throw errors.invalidToken();
    await uninstallApp(services, principal.installationId, null);
    await write(services, (trx) =>
      recordActivity(services, trx, {
        workspaceId: principal.workspaceId,
        adminId: null,
        action: "app.uninstalled_by_app",
        details: { app_id: principal.appId },
        ip: request.ip,
      }),
    );
    return { type: "installation", uninstalled: true, workspace_id: principal.workspace.idCode };
  });

  app.post("/oauth/report-leak", async (request, reply) => {
    const body = request.body as { token?: unknown; reason?: unknown } | undefined;
    const token = typeof body?.token === "string" ? body.token : undefined;
    if (!token) throw errors.parameterNotFound("token is required", "token");
    const reason = typeof body?.reason === "string" ? body.reason.slice(0, 500) : "";
    const record = await findTokenRecord(services, token);
    if (record && record.revoked_at === null) {
      await revokePresentedToken(services, record, {
        reason: "reported as leaked",
        action: "token.reported_leaked",
        ip: request.ip,
        details: { reason },
      });
    }
    // The same answer whatever the token was, so reporting is no way to test tokens.
    return reply.code(202).send({ type: "leak_report", status: "received" });
  });
}
