import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "yaml";
import {
  blocksOf,
  DOC_ORDER,
  type DocBlock,
  DocSession,
  REPO,
  RUNNABLE,
  runnableBlocks,
} from "./support/docs-runner.ts";
import { type GatehouseProcess, startProcess } from "./support/process.ts";

/**
 * Issue 15: the README and docs/ run as written. Every block marked `sh runnable` runs, in the documented
 * order, in one shell session against one scratch Gatehouse (`npm start`'s entry point, SQLite in a
 * temporary data dir); each is a test of its own named `file:line`, and a failure prints what it said.
 */
const blocks = runnableBlocks();
const MISSING_TOOLS = ["curl", "jq", "openssl"].filter((tool) => !onPath(tool));

describe("the docs, run as written", {
  skip: MISSING_TOOLS.length > 0 && `missing: ${MISSING_TOOLS}`,
}, () => {
  let gh: GatehouseProcess;
  let session: DocSession;
  let work: string;
  let failed: string | undefined;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-docs-"));
    const dataDir = path.join(work, "data");
    const env = {
      GATEHOUSE_DATA_DIR: dataDir,
      // The webhook page's receiver listens on this machine.
      GATEHOUSE_WEBHOOK_ALLOW_PRIVATE: "127.0.0.1/32,::1/128",
      GATEHOUSE_WEBHOOK_POLL_MS: "100",
    };
    gh = await startProcess({ ...env, HOST: "127.0.0.1", GATEHOUSE_PUBLIC_URL: "" });
    session = new DocSession(work, gh.url, {
      ...process.env,
      ...env,
      PATH: `${path.join(REPO, "node_modules/.bin")}:${process.env.PATH}`,
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      NODE_COMPILE_CACHE: path.join(REPO, "node_modules/.cache/node-compile"),
    });
  });

  after(async () => {
    await gh?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("reads every page of docs/, in the documented order", () => {
    const pages = fs.readdirSync(path.join(REPO, "docs")).filter((f) => f.endsWith(".md"));
    for (const page of pages)
      assert.ok(DOC_ORDER.includes(`docs/${page}`), `docs/${page} is not in DOC_ORDER`);
    assert.ok(blocks.length >= 15, `only ${blocks.length} runnable blocks found`);
    const pagesWithBlocks = new Set(blocks.map((b) => b.file));
    for (const page of ["README.md", "docs/cli.md", "docs/oauth.md", "docs/protect-your-api.md"]) {
      assert.ok(pagesWithBlocks.has(page), `${page} has runnable blocks`);
    }
  });

  for (const block of blocks) {
    it(`${block.file}:${block.line}`, async (t) => {
      if (failed && !process.env.DOCS_KEEP_GOING) {
        t.skip(`an earlier block failed (${failed}); DOCS_KEEP_GOING=1 runs the rest anyway`);
        return;
      }
      const result = await session.run(block);
      if (result.code !== 0) {
        failed = `${block.file}:${block.line}`;
        assert.fail(
          `${block.file}:${block.line} exited with ${result.code} after ${result.ms} ms\n` +
            `--- block ---\n${block.text}--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}\n` +
            `--- server ---\n${gh.output().slice(-3000)}`,
        );
      }
    });
  }

  it("the Traefik and Envoy examples name /oauth/verify and the headers it really answers with", async () => {
    // Neither proxy can be installed here: their YAML is parsed and held to what Gatehouse sends.
    const yamlBlocks = blocksOf("docs/protect-your-api.md").filter((b) => b.info === "yaml");
    const traefik = yamlBlocks.map((b) => parse(b.text)).find((doc) => doc?.http?.middlewares);
    const envoy = yamlBlocks.map((b) => parse(b.text)).find((doc) => doc?.http_filters);
    assert.ok(traefik, "the page has Traefik's dynamic configuration");
    assert.ok(envoy, "the page has Envoy's filter chain");
    const verified = await fetch(`${gh.url}/oauth/verify`, {
      headers: { authorization: `Bearer ${gh.token}` },
    });
    assert.equal(verified.status, 200);
    const sent = [...verified.headers.keys()].filter((h) => h.startsWith("x-gatehouse-")).sort();
    assert.equal(sent.length, 5, `Gatehouse answers ${sent}`);

    const forwardAuth = Object.values(traefik.http.middlewares as Record<string, { forwardAuth: never }>)
      .map((m) => m.forwardAuth as { address: string; authResponseHeaders: string[] })
      .find(Boolean);
    assert.ok(forwardAuth);
    assert.equal(new URL(forwardAuth.address).pathname, "/oauth/verify");
    assert.deepEqual(forwardAuth.authResponseHeaders.map((h) => h.toLowerCase()).sort(), sent);

    const extAuthz = (
      envoy.http_filters as Array<{ name: string; typed_config: Record<string, never> }>
    ).find((f) => f.name === "envoy.filters.http.ext_authz");
    const service = extAuthz?.typed_config.http_service as unknown as {
      path_prefix: string;
      authorization_response: { allowed_upstream_headers: { patterns: Array<{ prefix?: string }> } };
    };
    assert.equal(service.path_prefix, "/oauth/verify");
    const prefixes = service.authorization_response.allowed_upstream_headers.patterns.map((p) => p.prefix);
    for (const header of sent)
      assert.ok(
        prefixes.some((p) => p && header.startsWith(p)),
        header,
      );
  });

  it("marks blocks one way only: runnable ones are `sh runnable`, and none keeps a placeholder", () => {
    const all: DocBlock[] = DOC_ORDER.filter((f) => fs.existsSync(path.join(REPO, f))).flatMap(blocksOf);
    for (const block of all) {
      if (/\brunnable\b/.test(block.info)) assert.match(block.info, RUNNABLE, `${block.file}:${block.line}`);
    }
    for (const block of blocks) {
      assert.doesNotMatch(block.text, /<[a-z_]+>|…/, `${block.file}:${block.line} has a placeholder`);
    }
  });
});

function onPath(tool: string): boolean {
  return (process.env.PATH ?? "").split(":").some((dir) => dir && fs.existsSync(path.join(dir, tool)));
}
