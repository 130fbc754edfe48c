import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { gunzipSync } from "node:zlib";
import { IntercomClient } from "intercom-client";
import { sql } from "kysely";
import { startRuntime } from "../src/bootstrap.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logging.ts";
import { createContact } from "../src/resources/contacts/contacts.ts";
import { createContentExport, runDueExports } from "../src/resources/exports.ts";
import { migrate } from "../src/storage/database.ts";
import { oldWorkspace, type TestDatabase, withStorageBefore } from "./support/databases.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

type Json = Record<string, unknown>;

const HOUR = 3600;

const errorCode = (body?: Json) => ((body?.errors ?? []) as Json[])[0]?.code;

/** RFC 4180 CSV, as a spreadsheet reads it: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      rows.push([...row, cell]);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describeEachDatabase("content data export API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;

  async function call(
    token: string,
    path: string,
    init: { method?: string; body?: unknown; base?: string } = {},
  ) {
    const response = await gh.fetch((init.base ?? gh.url) + path, {
      method: init.method ?? "GET",
      headers: { ...bearer(token), ...(init.body !== undefined && { "content-type": "application/json" }) },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : undefined };
  }

  /** Polls the job's status until it is final, as a client would. */
  async function settled(token: string, id: string, base = gh.url): Promise<Json> {
    for (let i = 0; i < 200; i++) {
      const job = await call(token, `/export/content/data/${id}`, { base });
      assert.equal(job.status, 200);
      const body = job.body as Json;
      if (body.status !== "pending" && body.status !== "in_progress") return body;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`export ${id} never finished`);
  }

  async function download(token: string, id: string, base = gh.url) {
    const response = await gh.fetch(`${base}/download/content/data/${id}`, {
      headers: { authorization: `Bearer ${token}`, accept: "application/octet-stream" },
    });
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  /** Moves a contact's creation time (the API cannot), to put it on either side of a range. */
  async function bornAt(contactId: string, ms: number) {
    await gh.services.db
      .updateTable("contacts")
      .set({ created_at: ms })
      .where("id", "=", contactId)
      .execute();
  }

  /** A pending job that is not yet due, so no runner takes it while a test looks at it. */
  async function heldJob(workspaceId: number) {
    const job = await createContentExport(gh.services, workspaceId, {
      created_at_after: 0,
      created_at_before: 1,
    });
    await gh.services.db
      .updateTable("content_exports")
      .set({ run_after: Date.now() + 3_600_000 })
      .where("id", "=", job.id)
      .execute();
    return job;
  }

  async function jobsOf(workspaceId: number) {
    return gh.services.db
      .selectFrom("content_exports")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .execute();
  }

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { scopes: ["export_content_data"] });
    other = await createTenant(gh.services, { scopes: ["export_message_data"] });
  });
  after(() => gh.close());

  it("runs the job in the background and serves the workspace's contacts of the range as a gzipped CSV", async () => {
    const ws = tenant.workspace.id;
    const start = 1_700_000_000;
    const end = start + 10 * HOUR;
    const first = await createContact(gh.services, ws, {
      email: "first@example.com",
      name: 'First, "Quoted"',
    });
    const last = await createContact(gh.services, ws, { email: "last@example.com", external_id: "ext-9" });
    const early = await createContact(gh.services, ws, { email: "early@example.com" });
    const late = await createContact(gh.services, ws, { email: "late@example.com" });
    await bornAt(first.id, start * 1000);
    await bornAt(last.id, end * 1000 + 999);
    await bornAt(early.id, start * 1000 - 1);
    await bornAt(late.id, (end + 1) * 1000);
    const elsewhere = await createContact(gh.services, other.workspace.id, {
      email: "elsewhere@example.com",
    });
    await gh.services.db
      .updateTable("contacts")
      .set({ created_at: (start + 5) * 1000 })
      .where("id", "=", elsewhere.id)
      .execute();

    const created = await call(tenant.token, "/export/content/data", {
      method: "POST",
      body: { created_at_after: start, created_at_before: end },
    });
    assert.equal(created.status, 200);
    const id = created.body?.job_identifier as string;
    assert.match(id, /^[a-z0-9]{16}$/);
    assert.deepEqual(created.body, {
      job_identifier: id,
      status: "pending",
      download_url: "",
      download_expires_at: "",
    });

    const done = await settled(tenant.token, id);
    assert.equal(done.status, "completed");
    assert.equal(done.download_url, `${gh.url}/download/content/data/${id}`);
    const expires = Number(done.download_expires_at);
    const twoDays = Date.now() / 1000 + 2 * 24 * HOUR;
    assert.ok(Math.abs(expires - twoDays) < 60, "kept for two days");

    const file = await download(tenant.token, id);
    assert.equal(file.status, 200);
    assert.equal(file.type, "application/octet-stream");
    const lines = gunzipSync(file.bytes).toString("utf8").trimEnd().split("\n");
    const header = (lines[0] ?? "").split(",");
    assert.deepEqual(header.slice(0, 5), ["user_id", "user_external_id", "company_id", "email", "name"]);
    assert.equal(header.length, 26);
    assert.equal(header.at(-1), "first_hard_bounce");
    assert.deepEqual(
      lines.slice(1).sort(),
      [
        `${first.id},,-1,first@example.com,"First, ""Quoted"""${",".repeat(21)}`,
        `${last.id},ext-9,-1,last@example.com,${",".repeat(21)}`,
      ].sort(),
      "both ends of the range are included; contacts outside it and other workspaces' are not",
    );
  });

  it("drops a finished export's file once its download has expired, and only then", async () => {
    const created = await call(tenant.token, "/export/content/data", {
      method: "POST",
      body: { created_at_after: 0, created_at_before: Math.floor(Date.now() / 1000) + HOUR },
    });
    const id = created.body?.job_identifier as string;
    assert.equal((await settled(tenant.token, id)).status, "completed");
    await runDueExports(gh.services);
    assert.equal((await download(tenant.token, id)).status, 200, "kept while its download lasts");
    await gh.services.db
      .updateTable("content_exports")
      .set({ download_expires_at: Date.now() - 1000 })
      .where("job_identifier", "=", id)
      .execute();
    await runDueExports(gh.services);
    const row = await gh.services.db
      .selectFrom("content_exports")
      .select("file")
      .where("job_identifier", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(row.file, null, "the file is gone from the database");
    assert.notEqual((await download(tenant.token, id)).status, 200);
  });

  it("neutralises every cell a spreadsheet would run as a formula, as OWASP's CSV-injection guidance says", async () => {
    const owner = await createTenant(gh.services, { scopes: ["export_content_data"] });
    const hostile = [
      '=HYPERLINK("http://evil","x")',
      "+1+cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(A1:A9)",
      "\t=1+1",
      "\r=1+1",
    ];
    for (const [i, name] of hostile.entries())
      await createContact(gh.services, owner.workspace.id, {
        email: `formula${i}@example.com`,
        name,
        external_id: name,
      });
    await createContact(gh.services, owner.workspace.id, { email: "plain@example.com", name: "Ada 1+1" });
    const created = await call(owner.token, "/export/content/data", {
      method: "POST",
      body: { created_at_after: 0, created_at_before: 4_000_000_000 },
    });
    const id = created.body?.job_identifier as string;
    assert.equal((await settled(owner.token, id)).status, "completed");
    const text = gunzipSync((await download(owner.token, id)).bytes).toString("utf8");
    const rows = parseCsv(text).slice(1);
    const byEmail = new Map(rows.map((row) => [row[3], row]));
    for (const [i, name] of hostile.entries()) {
      const row = byEmail.get(`formula${i}@example.com`);
      assert.equal(row?.[4], `'${name}`, `name ${JSON.stringify(name)} starts with a quote`);
      assert.equal(row?.[1], `'${name}`, `external_id ${JSON.stringify(name)} starts with a quote`);
      assert.equal(row?.[2], "-1", "numbers Gatehouse writes itself are left as they are");
    }
    assert.ok(text.includes(`"'=HYPERLINK(""http://evil"",""x"")"`), "the neutralised cell is quoted");
    assert.ok(text.includes(`"'-2+3"`), "a neutralised cell is quoted even without a comma or quote in it");
    assert.equal(byEmail.get("plain@example.com")?.[4], "Ada 1+1", "other text is left as it is");
    assert.match(text, /,Ada 1\+1,/, "and unquoted");
  });

  it("compresses the file when the export is made: the download sends the stored gzip as it is", async () => {
    const owner = await createTenant(gh.services, { scopes: ["export_content_data"] });
    await createContact(gh.services, owner.workspace.id, { email: "stored@example.com", name: "Stored" });
    const created = await call(owner.token, "/export/content/data", {
      method: "POST",
      body: { created_at_after: 0, created_at_before: 4_000_000_000 },
    });
    const id = created.body?.job_identifier as string;
    assert.equal((await settled(owner.token, id)).status, "completed");
    const row = await gh.services.db
      .selectFrom("content_exports")
      .select("file")
      .where("job_identifier", "=", id)
      .executeTakeFirstOrThrow();
    assert.ok(row.file, "the finished job holds its file");
    const stored = Buffer.from(row.file);
    assert.deepEqual([...stored.subarray(0, 2)], [0x1f, 0x8b], "stored gzipped");
    assert.match(gunzipSync(stored).toString("utf8"), /stored@example\.com,Stored,/);
    const file = await download(owner.token, id);
    assert.equal(file.status, 200);
    assert.ok(
      file.bytes.equals(stored),
      "the download is the stored bytes: nothing is compressed on the request",
    );
  });

  it("finishes as no_data when the range holds nothing, with nothing to download", async () => {
    const owner = await createTenant(gh.services, { scopes: ["export_content_data"] });
    await createContact(gh.services, owner.workspace.id, { email: "now@example.com" });
    const created = await call(owner.token, "/export/content/data", {
      method: "POST",
      body: { created_at_after: 0, created_at_before: 1000 },
    });
    const id = created.body?.job_identifier as string;
    const done = await settled(owner.token, id);
    assert.deepEqual(done, {
      job_identifier: id,
      status: "no_data",
      download_url: "",
      download_expires_at: "",
    });
    const file = await download(owner.token, id);
    assert.equal(file.status, 404);
  });

  it("allows one active job per workspace, and cancels it", async () => {
    const owner = await createTenant(gh.services, { scopes: ["export_content_data"] });
    const held = await heldJob(owner.workspace.id);
    const second = await call(owner.token, "/export/content/data", {
      method: "POST",
      body: { created_at_after: 0, created_at_before: 10 },
    });
    assert.equal(second.status, 429);
    assert.equal(errorCode(second.body), "rate_limit_exceeded");
    assert.equal((await jobsOf(owner.workspace.id)).length, 1, "the refused job was not stored");

    const canceled = await call(owner.token, `/export/cancel/${held.job_identifier}`, { method: "POST" });
    assert.equal(canceled.status, 200);
    assert.deepEqual(canceled.body, {
      job_identifier: held.job_identifier,
      status: "canceled",
      download_url: "",
      download_expires_at: "",
    });
    // Due again, it is still not run: a canceled job is final.
    await gh.services.db
      .updateTable("content_exports")
      .set({ run_after: 0 })
      .where("id", "=", held.id)
      .execute();
    await runDueExports(gh.services);
    assert.equal(
      (await call(owner.token, `/export/content/data/${held.job_identifier}`)).body?.status,
      "canceled",
    );
    const again = await call(owner.token, `/export/cancel/${held.job_identifier}`, { method: "POST" });
    assert.equal(again.body?.status, "canceled", "cancelling twice is harmless");
    assert.equal((await download(owner.token, held.job_identifier)).status, 404);

    const next = await call(owner.token, "/export/content/data", {
      method: "POST",
      body: { created_at_after: 0, created_at_before: 10 },
    });
    assert.equal(next.status, 200, "a new job may start once the active one is canceled");
  });

  it("refuses bad ranges in Intercom's shape and stores nothing", async () => {
    const owner = await createTenant(gh.services, { scopes: ["export_content_data"] });
    const cases: Array<[unknown, string]> = [
      [{}, "parameter_not_found"],
      [{ created_at_after: 1 }, "parameter_not_found"],
      [{ created_at_after: "1", created_at_before: 2 }, "parameter_invalid"],
      [{ created_at_after: 1.5, created_at_before: 2 }, "parameter_invalid"],
      [{ created_at_after: -1, created_at_before: 2 }, "parameter_invalid"],
      [{ created_at_after: 10, created_at_before: 2 }, "parameter_invalid"],
      [{ created_at_after: 1, created_at_before: 1e15 }, "parameter_invalid"],
    ];
    for (const [body, code] of cases) {
      const answer = await call(owner.token, "/export/content/data", { method: "POST", body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(errorCode(answer.body), code, JSON.stringify(body));
    }
    assert.deepEqual(await jobsOf(owner.workspace.id), []);
    for (const [method, path] of [
      ["GET", "/export/content/data/nosuchjob"],
      ["POST", "/export/cancel/nosuchjob"],
      ["GET", "/download/content/data/nosuchjob"],
    ] as const) {
      const answer = await call(owner.token, path, { method });
      assert.equal(answer.status, 404, path);
      assert.equal(errorCode(answer.body), "not_found", path);
    }
  });

  it("keeps each workspace's jobs and files to itself", async () => {
    const ws = tenant.workspace.id;
    await createContact(gh.services, ws, { email: "private@example.com" });
    const created = await call(tenant.token, "/export/content/data", {
      method: "POST",
      body: { created_at_after: 0, created_at_before: 4_000_000_000 },
    });
    const id = created.body?.job_identifier as string;
    assert.equal((await settled(tenant.token, id)).status, "completed");
    assert.equal((await call(other.token, `/export/content/data/${id}`)).status, 404);
    assert.equal((await call(other.token, `/export/cancel/${id}`, { method: "POST" })).status, 404);
    assert.equal((await download(other.token, id)).status, 404);
    assert.equal((await call(tenant.token, `/export/content/data/${id}`)).body?.status, "completed");
    assert.equal((await download(tenant.token, id)).status, 200);
  });

  it("leaves a job another runner holds, and takes it over once that runner's lease has run out", async () => {
    const owner = await createTenant(gh.services, { scopes: ["export_content_data"] });
    await createContact(gh.services, owner.workspace.id, { email: "held@example.com" });
    const job = await createContentExport(gh.services, owner.workspace.id, {
      created_at_after: 0,
      created_at_before: 4_000_000_000,
    });
    await gh.services.db
      .updateTable("content_exports")
      .set({ status: "in_progress", run_after: Date.now() + 60_000, attempts: 1 })
      .where("id", "=", job.id)
      .execute();
    await runDueExports(gh.services);
    assert.equal(
      (await call(owner.token, `/export/content/data/${job.job_identifier}`)).body?.status,
      "in_progress",
    );
    await gh.services.db
      .updateTable("content_exports")
      .set({ run_after: Date.now() - 1 })
      .where("id", "=", job.id)
      .execute();
    assert.equal((await settled(owner.token, job.job_identifier)).status, "completed");
    const row = (await jobsOf(owner.workspace.id))[0];
    assert.equal(row?.attempts, 2, "taken up once more");
    assert.equal(row?.row_count, 1);
  });

  it("drives the export through the official SDK", async () => {
    const owner = await createTenant(gh.services, { scopes: ["export_content_data"] });
    await createContact(gh.services, owner.workspace.id, { email: "sdk@example.com" });
    const client = new IntercomClient({ token: owner.token, baseUrl: gh.url, fetch: validatingFetch });
    const created = await client.dataExport.create({ created_at_after: 0, created_at_before: 4_000_000_000 });
    assert.equal(created.status, "pending");
    const id = created.job_identifier as string;
    let found = await client.dataExport.find({ job_identifier: id });
    for (let i = 0; i < 200 && found.status !== "completed"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      found = await client.dataExport.find({ job_identifier: id });
    }
    assert.equal(found.status, "completed");
    assert.equal(found.download_url, `${gh.url}/download/content/data/${id}`);
    const raw = await client.dataExport.download({ job_identifier: id }).withRawResponse();
    assert.equal(raw.rawResponse.status, 200);
    const file = await download(owner.token, id);
    assert.match(gunzipSync(file.bytes).toString("utf8"), /sdk@example\.com/);

    const held = await heldJob(owner.workspace.id);
    const canceled = await client.dataExport.cancel({ job_identifier: held.job_identifier });
    assert.equal(canceled.status, "canceled");
  });
});

describeEachDatabase("content data export across a restart", (database) => {
  it("runs jobs left pending, or cut short by a crash, once a server starts", async () => {
    const first = await startGatehouse(database);
    try {
      const owner = await createTenant(first.services, { scopes: ["export_content_data"] });
      const neighbour = await createTenant(first.services, { scopes: ["export_content_data"] });
      await createContact(first.services, owner.workspace.id, { email: "kept@example.com" });
      await createContact(first.services, neighbour.workspace.id, { email: "crash@example.com" });
      await first.stop();

      // With no server running, a job is queued and another is left mid-run by a runner that died.
      const runtime = await openRuntime(first.database, first.dataDir);
      const range = { created_at_after: 0, created_at_before: 4_000_000_000 };
      const queued = await createContentExport(runtime.services, owner.workspace.id, range);
      const crashed = await createContentExport(runtime.services, neighbour.workspace.id, range);
      await runtime.services.db
        .updateTable("content_exports")
        .set({ status: "in_progress", run_after: Date.now() - 1000, attempts: 1 })
        .where("id", "=", crashed.id)
        .execute();
      await runtime.close();

      const second = await startGatehouse(database, { sharing: first });
      try {
        for (const [token, job, email] of [
          [owner.token, queued.job_identifier, "kept@example.com"],
          [neighbour.token, crashed.job_identifier, "crash@example.com"],
        ] as const) {
          let status = "";
          for (let i = 0; i < 200 && status !== "completed"; i++) {
            const answer = await second.fetch(`${second.url}/export/content/data/${job}`, {
              headers: bearer(token),
            });
            status = ((await answer.json()) as Json).status as string;
            if (status !== "completed") await new Promise((resolve) => setTimeout(resolve, 25));
          }
          assert.equal(status, "completed", job);
          const file = await second.fetch(`${second.url}/download/content/data/${job}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          assert.match(gunzipSync(Buffer.from(await file.arrayBuffer())).toString("utf8"), new RegExp(email));
        }
      } finally {
        await second.stop();
      }
    } finally {
      await first.close();
    }
  });
});

/** The runtime alone, without a server (and so without an export runner), over a stopped Gatehouse's data. */
async function openRuntime(database: TestDatabase, dataDir: string) {
  const config = loadConfig({
    GATEHOUSE_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...(database.databaseUrl && { DATABASE_URL: database.databaseUrl }),
  });
  return startRuntime(config, createLogger("silent"));
}

describeEachDatabase("content data export files made before migration 0025", (database) => {
  it("are kept, gzipped once by the migration, and the plain-text column is gone", async () => {
    await withStorageBefore(database, "0025", async (storage) => {
      const workspace = await oldWorkspace(storage, "export01");
      const csv = "user_id,email\nabc,old@example.com\n";
      // The `csv` column is gone from today's types, so the old row is written as SQL.
      await sql`insert into content_exports (job_identifier, workspace_id, status, created_at_after,
          created_at_before, run_after, row_count, csv, created_at, updated_at, finished_at, download_expires_at)
        values ('oldjob0000000001', ${workspace.id}, 'completed', 0, 10, 0, 1, ${csv}, 1, 1, 1, ${Date.now() + 60_000})`.execute(
        storage.db,
      );
      await migrate(storage);
      const row = await storage.db
        .selectFrom("content_exports")
        .selectAll()
        .where("job_identifier", "=", "oldjob0000000001")
        .executeTakeFirstOrThrow();
      assert.ok(row.file);
      assert.equal(gunzipSync(Buffer.from(row.file)).toString("utf8"), csv);
      assert.equal("csv" in row, false);
    });
  });
});
