/** `npm run docs:scopes`: writes docs/scopes.md from the routes' declared scopes. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startRuntime } from "../src/bootstrap.ts";
import { loadConfig } from "../src/config.ts";
import { renderScopeTable } from "../src/http/api/scope-table.ts";
import { buildServer } from "../src/http/server.ts";
import { createLogger } from "../src/logging.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-docs-"));
const config = loadConfig({ GATEHOUSE_DATA_DIR: dataDir, LOG_LEVEL: "silent" });
const logger = createLogger("silent");
const runtime = await startRuntime(config, logger);
const server = await buildServer({ config, services: runtime.services, logger });
await server.ready();
const target = path.resolve(import.meta.dirname, "../../../docs/scopes.md");
fs.writeFileSync(target, renderScopeTable(server.scopeTable, runtime.services.scopes));
await server.close();
await runtime.close();
fs.rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`wrote ${target}\n`);
