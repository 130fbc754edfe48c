import formbody from "@fastify/formbody";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Static } from "typebox";
import { errors } from "../../../core/errors.ts";
import { type Services, write } from "../../../core/services.ts";
import { uninstallApp } from "../../../platform/apps/installations.ts";
import { findTokenRecord, revokePresentedToken } from "../../../platform/apps/oauth/token-lookup.ts";
import type { TokenAuthenticator } from "../../../platform/apps/principals/authenticate.ts";
import { recordActivity } from "../../../platform/services/audit.ts";
import { errorResponses } from "../../../wire/common.ts";
import { LeakReportResponse, UninstallResponse } from "../../../wire/oauth.ts";
import { LeakReportBody } from "../../../wire/oauth-input.ts";
import { readAuthorization } from "../../api/authorization-header.ts";
import { useApiValidation } from "../../api/validation.ts";

/**
 * What a token's holder can do about the token itself:
 * - `POST /auth/uninstall` (Intercom's path) and `POST /oauth/uninstall` (its alias): an app uninstalls
 *   itself from the workspace its token reaches;
 * - `POST /oauth/report-leak`: anyone who finds a token reports it; it is revoked at once and the owning
 *   workspace's activity log says why (seed 000: "please inform us immediately").
 */
export async function selfServiceRoutes(
  app: FastifyInstance,
  { services, authenticator }: { services: Services; authenticator: TokenAuthenticator },
) {
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  // JSON bodies are taken as sent, as the API takes them; refusals are the API's error list.
  useApiValidation(app);

  const uninstall = async (request: FastifyRequest): Promise<Static<typeof UninstallResponse>> => {
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
  };
  // Whatever body comes is ignored: the token says everything.
  const uninstallOptions = {
    config: { takesNoBody: true },
    schema: { response: { 200: UninstallResponse, ...errorResponses } },
  };
  app.post("/auth/uninstall", uninstallOptions, uninstall);
  app.post("/oauth/uninstall", uninstallOptions, uninstall);

  app.post<{ Body: Static<typeof LeakReportBody> }>(
    "/oauth/report-leak",
    { schema: { body: LeakReportBody, response: { 202: LeakReportResponse, ...errorResponses } } },
    async (request, reply) => {
      const { token, reason = "" } = request.body;
      if (!token) throw errors.parameterNotFound("token is required", "token");
      const record = await findTokenRecord(services, token);
      if (record && record.revoked_at === null) {
        await revokePresentedToken(services, record, {
          reason: "reported as leaked",
          action: "token.reported_leaked",
          ip: request.ip,
          details: { reason: reason.slice(0, 500) },
        });
      }
      // The same answer whatever the token was, so reporting is no way to test tokens.
      return reply.code(202).send({ type: "leak_report", status: "received" });
    },
  );
}
