import type { Command } from "commander";
import { requireAppByClientId } from "../../platform/apps/apps.ts";
import {
  rotateSigningSecret,
  type SigningSecrets,
  signingSecrets,
} from "../../platform/webhooks/signing-secrets.ts";
import { withRuntime } from "../context.ts";
import { type Output, print } from "../output.ts";

function shown(clientId: string, secrets: SigningSecrets) {
  return {
    app: clientId,
    signing_secret: secrets.current,
    previous_signs_until:
      secrets.previousExpiresAt === null ? null : Math.floor(secrets.previousExpiresAt / 1000),
  };
}

/**
 * `gatehouse app webhook-secret show|rotate`: the app's Standard Webhooks signing secret, as the hub's
 * Webhooks page shows and rotates it.
 */
export function appWebhookSecretCommands(app: Command, out: Output): void {
  const secret = app
    .command("webhook-secret")
    .description("the app's webhook signing secret (Standard Webhooks headers)");
  secret
    .command("show")
    .description("show the signing secret")
    .requiredOption("--app <client_id>", "the app")
    .action((options: { app: string }) =>
      withRuntime(async ({ services }) => {
        const target = await requireAppByClientId(services, options.app);
        const result = shown(target.client_id, await signingSecrets(services, target.id));
        print(out, result, () => [result.signing_secret]);
      }),
    );
  secret
    .command("rotate")
    .description("make a new signing secret; the previous one signs beside it for the overlap period")
    .requiredOption("--app <client_id>", "the app")
    .action((options: { app: string }) =>
      withRuntime(async ({ services }) => {
        const target = await requireAppByClientId(services, options.app);
        const rotated = await rotateSigningSecret(
          services,
          target.id,
          services.webhooks.signingSecretOverlapMs,
        );
        const result = shown(target.client_id, rotated);
        print(out, result, () => [
          result.signing_secret,
          ...(rotated.previousExpiresAt === null
            ? []
            : [
                `(the previous secret also signs until ${new Date(rotated.previousExpiresAt).toISOString()})`,
              ]),
        ]);
      }),
    );
}
