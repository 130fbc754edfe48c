import type { Command } from "commander";
import { errors } from "../../core/errors.ts";
import {
  createResourceServer,
  deleteResourceServer,
  listResourceServers,
  rotateResourceServerSecret,
} from "../../platform/apps/resource-servers/resource-servers.ts";
import type { ResourceServerRow } from "../../storage/tables/resource-servers.ts";
import { withRuntime } from "../context.ts";
import { type Output, print, table } from "../output.ts";

/** A day: long enough for a deployment of the resource server to pick up its new secret everywhere. */
const DEFAULT_OVERLAP_SECONDS = 86_400;

const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

function listed(row: ResourceServerRow, now: number) {
  const overlapping = row.previous_expires_at !== null && row.previous_expires_at > now;
  return {
    client_id: row.client_id,
    name: row.name,
    created_at: seconds(row.created_at),
    rotated_at: seconds(row.rotated_at),
    previous_secret_until: overlapping ? seconds(row.previous_expires_at) : null,
  };
}

function overlapMs(value: string): number {
  if (!/^[0-9]{1,9}$/.test(value)) throw errors.parameterInvalid("--overlap takes whole seconds", "overlap");
  return Number(value) * 1000;
}

/**
 * `gatehouse resource-server create|list|rotate-secret|delete`: the APIs that may introspect any app's
 * tokens and read the revocation feed. The secret is printed once; only its HMAC is kept.
 */
export function resourceServerCommands(program: Command, out: Output): void {
  const servers = program
    .command("resource-server")
    .description("APIs that verify any app's tokens (introspection and the revocation feed)");
  servers
    .command("create")
    .description("register a resource server; prints its client_id and client_secret (shown once)")
    .requiredOption("--name <name>", "what the API is called")
    .action((options: { name: string }) =>
      withRuntime(async ({ services }) => {
        const { row, clientSecret } = await createResourceServer(services, options.name);
        print(out, { client_id: row.client_id, client_secret: clientSecret }, () => [
          `client_id:     ${row.client_id}`,
          `client_secret: ${clientSecret}`,
          "(the secret is shown once: keep it; a lost one is replaced with rotate-secret)",
        ]);
      }),
    );
  servers
    .command("list")
    .description("list resource servers")
    .action(() =>
      withRuntime(async ({ services }) => {
        const now = services.now();
        const rows = (await listResourceServers(services)).map((row) => listed(row, now));
        print(out, rows, () => table(rows, ["client_id", "name", "created_at", "previous_secret_until"]));
      }),
    );
  servers
    .command("rotate-secret")
    .description("make a new secret; the previous one is accepted beside it for the overlap period")
    .requiredOption("--client-id <client_id>", "the resource server")
    .option(
      "--overlap <seconds>",
      "how long the previous secret still works (0: not at all)",
      String(DEFAULT_OVERLAP_SECONDS),
    )
    .action((options: { clientId: string; overlap: string }) =>
      withRuntime(async ({ services }) => {
        const { row, clientSecret } = await rotateResourceServerSecret(
          services,
          options.clientId,
          overlapMs(options.overlap),
        );
        const until = seconds(row.previous_expires_at);
        print(
          out,
          { client_id: row.client_id, client_secret: clientSecret, previous_secret_until: until },
          () => [
            `client_secret: ${clientSecret}`,
            until === null
              ? "(the previous secret no longer works)"
              : `(the previous secret also works until ${new Date(until * 1000).toISOString()})`,
          ],
        );
      }),
    );
  servers
    .command("delete")
    .description("delete a resource server: its secrets stop working at once")
    .requiredOption("--client-id <client_id>", "the resource server")
    .action((options: { clientId: string }) =>
      withRuntime(async ({ services }) => {
        await deleteResourceServer(services, options.clientId);
        print(out, { client_id: options.clientId, deleted: true }, () => [
          `Deleted resource server ${options.clientId}.`,
        ]);
      }),
    );
}
