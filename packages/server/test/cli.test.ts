import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { buildProgram } from "../src/cli/build.ts";
import { cliOf, settled } from "./support/cli.ts";
import { bearer, describeEachDatabase, type Gatehouse, startGatehouse } from "./support/gatehouse.ts";

describeEachDatabase("the gatehouse command", (database) => {
  let gh: Gatehouse;
  let cli: ReturnType<typeof cliOf>;

  async function json(...args: string[]) {
    const result = await cli(...args, "--json");
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout);
  }

  async function status(token: string, path = "/me"): Promise<number> {
    const response = await fetch(gh.url + path, { headers: bearer(token) });
    await response.arrayBuffer();
    return response.status;
  }

  /** The status `/me` (or `path`) answers once the running server has heard of the CLI's change. */
  const settledStatus = (token: string, expected: number, path = "/me") =>
    settled(
      () => status(token, path),
      (seen) => seen === expected,
    );

  before(async () => {
    const key = crypto.randomBytes(32).toString("base64url");
    gh = await startGatehouse(database, { env: { GATEHOUSE_SECRET_KEY: key } });
    cli = cliOf(gh);
  });
  after(() => gh.close());

  it("creates a workspace, an admin and an app whose token the server accepts", async () => {
    const workspace = await json("workspace", "create", "--name", "Acme", "--timezone", "Europe/Dublin");
    assert.match(workspace.id_code, /^[a-z0-9]{8}$/);
    const admin = await json(
      "admin",
      "create",
      "--email",
      "ada@acme.test",
      "--name",
      "Ada",
      "--workspace",
      workspace.id_code,
      "--role",
      "owner",
      "--verified",
    );
    assert.ok(admin.password.length >= 12, "a generated password is printed once");
    const app = await json(
      "app",
      "create",
      "--workspace",
      workspace.id_code,
      "--admin",
      "ada@acme.test",
      "--name",
      "Sync",
      "--all-standard-scopes",
    );
    assert.match(app.access_token, /^gat_/);
    assert.match(app.client_secret, /^gcs_/);
    const response = await fetch(`${gh.url}/me`, { headers: bearer(app.access_token) });
    assert.equal(response.status, 200);
    const me = await response.json();
    assert.equal(me.email, "ada@acme.test");
    assert.equal(me.app.id_code, workspace.id_code);
    assert.equal(me.app.timezone, "Europe/Dublin");

    const shown = await json("token", "show", "--app", app.client_id);
    assert.equal(shown.token, app.access_token, "the same token, revealed again");
    const plain = await cli("token", "show", "--app", app.client_id);
    assert.equal(plain.stdout.trim(), app.access_token);
    for (const json of [[], ["--json"]]) {
      const raw = await cli("token", "show", "--raw", "--app", app.client_id, ...json);
      assert.equal(raw.stdout, `${app.access_token}\n`, "the token alone, for TOKEN=$(…)");
    }
  });

  it("regenerates (old refused, new accepted) and revokes tokens", async () => {
    const [workspace] = await json("workspace", "list");
    const [app] = await json("app", "list", "--workspace", workspace.id_code);
    const old = (await json("token", "show", "--app", app.client_id)).token;
    const fresh = (await json("token", "regenerate", "--app", app.client_id)).token;
    assert.notEqual(fresh, old);
    assert.equal(await settledStatus(old, 401), 401);
    assert.equal(await status(fresh), 200);
    const revoked = await json("token", "revoke", "--app", app.client_id);
    assert.equal(revoked.revoked, 1);
    assert.equal(await settledStatus(fresh, 401), 401);
    const none = await cli("token", "show", "--app", app.client_id);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no live access token/);
  });

  it("sends extended scopes to review, and a reviewer's approval widens the app's token", async () => {
    const [workspace] = await json("workspace", "list");
    const app = await json(
      "app",
      "create",
      "--workspace",
      workspace.id_code,
      "--admin",
      "ada@acme.test",
      "--name",
      "Admin sync",
      "--scopes",
      "read_tags,read_admins",
    );
    assert.deepEqual(app.scopes_pending_review, ["read_admins"]);
    assert.equal(await status(app.access_token, "/admins"), 403);
    const notReviewer = await cli(
      "app",
      "review",
      "--app",
      app.client_id,
      "--scope",
      "read_admins",
      "--approve",
      "--reviewer",
      "ada@acme.test",
    );
    assert.equal(notReviewer.code, 1);
    assert.match(notReviewer.stderr, /not a platform reviewer/);
    await json("admin", "grant-reviewer", "--email", "ada@acme.test");
    const decision = await json(
      "app",
      "review",
      "--app",
      app.client_id,
      "--scope",
      "read_admins",
      "--approve",
      "--reviewer",
      "ada@acme.test",
    );
    assert.equal(decision.review, "approved");
    assert.equal(await settledStatus(app.access_token, 200, "/admins"), 200);
    const scopes = await json("app", "scopes", "--app", app.client_id);
    assert.deepEqual(
      scopes.map((s: { scope: string; review: string }) => [s.scope, s.review]),
      [
        ["read_admins", "approved"],
        ["read_tags", "not_required"],
      ],
    );
  });

  it("exits 2 on a usage error and 1 with a clear message on a domain error", async () => {
    const usage = await cli("token", "show");
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--app/);
    const unknown = await cli("token", "show", "--app", "00000000-0000-0000-0000-000000000000");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No app with client_id/);
    const badScope = await cli(
      "app",
      "create",
      "--workspace",
      "nope",
      "--admin",
      "ada@acme.test",
      "--name",
      "X",
    );
    assert.equal(badScope.code, 1);
    assert.match(badScope.stderr, /Workspace 'nope' not found/);
  });

  it("checks its options with the schemas the hub's forms use, naming the option (as JSON under --json)", async () => {
    const [workspace] = await json("workspace", "list");
    const before = await json("app", "list", "--workspace", workspace.id_code);
    const create = (name: string, ...more: string[]) =>
      cli(
        "app",
        "create",
        "--workspace",
        workspace.id_code,
        "--admin",
        "ada@acme.test",
        "--name",
        name,
        ...more,
      );
    const long = await create("x".repeat(256));
    assert.equal(long.code, 1);
    assert.equal(long.stderr.trim(), "gatehouse: --name must be at most 255 characters");
    const twoLines = await create("Sync\r\nX-Forwarded-For: evil");
    assert.equal(twoLines.code, 1);
    assert.match(twoLines.stderr, /--name must be one line of text, without control characters/);
    const scripted = await create("x".repeat(256), "--json");
    assert.equal(scripted.code, 1);
    assert.equal(scripted.stdout, "");
    assert.deepEqual(JSON.parse(scripted.stderr), {
      error: { code: "parameter_invalid", message: "--name must be at most 255 characters", field: "name" },
    });
    const role = await cli(
      "admin",
      "add",
      "--email",
      "ada@acme.test",
      "--workspace",
      workspace.id_code,
      "--role",
      "boss",
    );
    assert.equal(role.code, 1);
    assert.match(role.stderr, /--role must be one of owner, admin/);
    const app = before[0];
    const uri = await cli(
      "app",
      "oauth",
      "--app",
      app.client_id,
      "--redirect-uri",
      `https://a.example/${"x".repeat(2000)}`,
    );
    assert.equal(uri.code, 1);
    assert.match(uri.stderr, /--redirect-uri must be at most 2000 characters/);
    const after = await json("app", "list", "--workspace", workspace.id_code);
    assert.equal(after.length, before.length, "nothing was created");
  });

  it("answers every failure under --json as one JSON error on stderr, with the usual exit codes", async () => {
    const usage = await cli("token", "show", "--json");
    assert.equal(usage.code, 2);
    assert.equal(usage.stdout, "");
    assert.deepEqual(JSON.parse(usage.stderr), {
      error: { code: "usage_error", message: "required option '--app <client_id>' not specified" },
    });
    const group = await cli("token", "--json");
    assert.equal(group.code, 2);
    assert.equal(JSON.parse(group.stderr).error.code, "usage_error");
    const unknown = await cli("token", "show", "--app", "nope", "--json");
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stdout, "");
    assert.deepEqual(JSON.parse(unknown.stderr), {
      error: { code: "not_found", message: "No app with client_id nope" },
    });
  });

  it("lists the scope catalog", async () => {
    const scopes = await json("scopes", "list");
    // Seed 002's 32, and 2.14's manage_ip_allowlist.
    assert.equal(scopes.length, 33);
    assert.ok(
      scopes.some((s: { id: string; tier: string }) => s.id === "read_admins" && s.tier === "extended"),
    );
  });
});

describe("npx gatehouse", () => {
  it("runs from the repository root, its --json output alone on stdout (no npm header lines)", async () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-npx-"));
    try {
      const { stdout } = await promisify(execFile)(
        "npx",
        ["--no-install", "gatehouse", "scopes", "list", "--json"],
        {
          cwd: root,
          env: {
            ...process.env,
            PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
            GATEHOUSE_DATA_DIR: dataDir,
            DATABASE_URL: "",
            LOG_LEVEL: "silent",
          },
        },
      );
      assert.equal(JSON.parse(stdout).length, 33);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("gatehouse --help", () => {
  const program = buildProgram({ json: false });
  const everyCommand = (command: typeof program): (typeof program)[] => [
    command,
    ...command.commands.flatMap(everyCommand),
  ];

  it("names each group's commands at the top level", () => {
    const help = program.helpInformation({ error: false });
    for (const group of program.commands.filter((c) => c.commands.length > 0)) {
      for (const sub of group.commands) assert.ok(help.includes(sub.name()), `${group.name()} ${sub.name()}`);
    }
  });

  it("shows no (default: false) on any flag of any command", () => {
    for (const command of everyCommand(program)) {
      assert.doesNotMatch(command.helpInformation({ error: false }), /default: false/, command.name());
    }
  });
});
