import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { createContact } from "../../src/resources/contacts/contacts.ts";
import { callApi } from "../support/api.ts";
import { freshPostgresSchema, POSTGRES_URL } from "../support/databases.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  POSTGRES_MISSING,
  startGatehouse,
  type Tenant,
} from "../support/gatehouse.ts";
import { startProcess } from "../support/process.ts";

/**
 * One case per storage finding of the penetration test (issue 11: items 6, 8 and 11), each attempted as
 * the attacker did it, against the real server and database, and refused.
 */
const run = promisify(execFile);
const NOBODY = 65534;

describe("storage attack catalog: files", () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-attack-files-"));
    // Anyone may walk to the data directory, as to one under /srv or /var/lib: only its own mode guards it.
    fs.chmodSync(root, 0o755);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("world-readable data (item 6): another local user cannot list the data directory or read the database, its -wal/-shm or the key file", async () => {
    const dataDir = path.join(root, "data");
    const gh = await startProcess({ GATEHOUSE_DATA_DIR: dataDir }, { umask0: true });
    try {
      const files = fs.readdirSync(dataDir).map((name) => path.join(dataDir, name));
      assert.ok(
        files.some((f) => f.endsWith("gatehouse.db-wal")) && files.some((f) => f.endsWith("secret.keys")),
      );
      if (process.getuid?.() === 0) {
        // As root, the test tries as `nobody` would.
        const asNobody = (...command: string[]) =>
          run("setpriv", [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", ...command]);
        await assert.rejects(asNobody("ls", dataDir), /Permission denied/, "listing the data directory");
        for (const file of files) await assert.rejects(asNobody("cat", file), /Permission denied/, file);
      }
      for (const file of files)
        assert.equal(fs.statSync(file).mode & 0o077, 0, `${file} is for its owner only`);
      assert.equal(fs.statSync(dataDir).mode & 0o077, 0, "the data directory is for its owner only");
    } finally {
      assert.equal(await gh.stop(), 0);
    }
  });
});

describeEachDatabase("storage attack catalog", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, {
      name: "Storage attacks",
      scopes: [...gh.services.scopes.ofTier("standard").map((s) => s.id), "export_content_data"],
    });
    // Something to search: a pattern is only evaluated against rows.
    const contact = await createContact(gh.services, tenant.workspace.id, { email: "someone@example.com" });
    await callApi(gh.url, tenant.token, "/conversations", {
      method: "POST",
      body: { from: { type: "user", id: contact.id }, body: "Hello" },
    });
    const type = await callApi(gh.url, tenant.token, "/ticket_types", {
      method: "POST",
      body: { name: "Bug" },
    });
    await callApi(gh.url, tenant.token, "/tickets", {
      method: "POST",
      body: {
        ticket_type_id: type.body.id,
        contacts: [{ id: contact.id }],
        ticket_attributes: { _default_title_: "Hi" },
      },
    });
  });
  after(() => gh.close());

  it("50 kB search pattern (item 8): a value of 50 kB under ~ or ^ is a 400 naming the field, not a 500", async () => {
    const value = "%_\\".repeat(17 * 1024);
    for (const [path, field] of [
      ["/contacts/search", "email"],
      ["/conversations/search", "source.body"],
      ["/tickets/search", "title"],
    ] as const) {
      for (const operator of ["~", "^"]) {
        const answer = await callApi(gh.url, tenant.token, path, {
          method: "POST",
          body: { query: { field, operator, value } },
        });
        assert.equal(answer.status, 400, `${path} ${operator}: ${answer.text.slice(0, 200)}`);
        assert.equal(answer.body.errors[0].code, "parameter_invalid");
        assert.equal(answer.body.errors[0].field, field);
      }
    }
  });

  it("CSV formula (item 8): a contact named as a formula is exported as text a spreadsheet will not run", async () => {
    const formula = '=HYPERLINK("http://evil","x")';
    await createContact(gh.services, tenant.workspace.id, { email: "formula@example.com", name: formula });
    const created = await callApi(gh.url, tenant.token, "/export/content/data", {
      method: "POST",
      body: { created_at_after: 0, created_at_before: 4_000_000_000 },
    });
    const id = created.body.job_identifier as string;
    for (let i = 0; i < 200; i++) {
      if ((await callApi(gh.url, tenant.token, `/export/content/data/${id}`)).body.status === "completed")
        break;
      await sleep(25);
    }
    const download = await fetch(`${gh.url}/download/content/data/${id}`, {
      headers: { authorization: `Bearer ${tenant.token}` },
    });
    assert.equal(download.status, 200);
    const csv = gunzipSync(Buffer.from(await download.arrayBuffer())).toString("utf8");
    const line = csv.split("\n").find((l) => l.includes("formula@example.com")) ?? "";
    assert.ok(line.includes(`"'=HYPERLINK(""http://evil"",""x"")"`), line);
    assert.ok(!/,=|^=|,"=/.test(line), `no cell of the row starts with "=": ${line}`);
  });
});

describe("storage attack catalog [postgres]", { skip: POSTGRES_MISSING ?? false }, () => {
  it("backend termination (item 11): terminating an instance's connections does not take it down", async () => {
    const schema = await freshPostgresSchema();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-attack-pg-"));
    const name = `gatehouse-attack-${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    const gh = await startProcess({
      GATEHOUSE_DATA_DIR: dataDir,
      DATABASE_URL: schema.url,
      GATEHOUSE_DATABASE_APPLICATION_NAME: name,
      GATEHOUSE_WEBHOOK_POLL_MS: "50",
    });
    try {
      for (let round = 0; round < 5; round++) {
        const answers = await Promise.all(
          Array.from({ length: 4 }, () => callApi(gh.url, gh.token, "/contacts")),
        );
        const { rows } = await admin.query<{ n: string }>(
          "select count(pg_terminate_backend(pid)) as n from pg_stat_activity where application_name = $1",
          [name],
        );
        assert.ok(Number(rows[0]?.n) > 0, "the instance's connections were found and terminated");
        for (const answer of answers) {
          if (answer.status === 200) continue;
          assert.equal(answer.status, 503, answer.text);
          assert.equal(answer.body.errors[0].code, "service_unavailable");
        }
        await sleep(100);
      }
      assert.equal(gh.child.exitCode, null, "the instance is still up");
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        status = (await callApi(gh.url, gh.token, "/contacts")).status;
        if (status !== 200) await sleep(100);
      }
      assert.equal(status, 200, "and serves again");
    } finally {
      assert.equal(await gh.stop(), 0);
      await admin.end();
      await schema.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
