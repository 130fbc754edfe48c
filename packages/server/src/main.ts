import { startRuntime } from "./bootstrap.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { publicUrlWarning } from "./http/plugins/public-origin.ts";
import { buildServer } from "./http/server.ts";
import { createLogger } from "./logging.ts";
import { ensureDemo } from "./platform/demo.ts";
import { startBanner } from "./start-banner.ts";
import { chooseLogFormat, terminalLog } from "./terminal-logging.ts";

/** `npm start`: migrate, seed a demo on first run, serve, and shut down cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  // A person at a terminal gets the banner first, then one readable line per request; a pipe, JSON lines.
  const terminal =
    chooseLogFormat(process.env.LOG_FORMAT, process.stdout.isTTY) === "pretty"
      ? terminalLog(process.stdout)
      : undefined;
  const logger = createLogger(config.logLevel, terminal);
  const runtime = await startRuntime(config, logger);
  const demo = await ensureDemo(runtime.services);
  const server = await buildServer({ config, services: runtime.services, logger });
  await server.listen({ host: config.host, port: config.port });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await server.close();
      await runtime.close();
    } finally {
      clearTimeout(force);
    }
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));

  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  // A configured public URL is where clients reach us (a proxy's port, say), not where we listen.
  const baseUrl = config.publicUrlConfigured
    ? config.publicUrl
    : config.publicUrl.replace(/:\d+$/, `:${port}`);
  const warning = publicUrlWarning(config);
  process.stdout.write(
    startBanner({ baseUrl, runtime, demo, dataDir: config.dataDir, warnings: warning ? [warning] : [] }),
  );
  terminal?.release();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`gatehouse: ${error.message}\n`);
  } else {
    process.stderr.write(
      `gatehouse: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
