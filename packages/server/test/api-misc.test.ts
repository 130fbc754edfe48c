import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { createApp, reviewScopeRequest } from "../src/platform/apps/apps.ts";
import { createContact, deleteContact, findContact } from "../src/resources/contacts/contacts.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

/** Phone call redirects, AI content, data connectors and Canvas Kit submissions. */

type Json = Record<string, unknown>;

const errorOf = (body?: Json) => ((body?.errors ?? []) as Json[])[0] ?? {};
const idsOf = (body?: Json) => ((body?.data ?? []) as Json[]).map((item) => item.id);
const invalidNumber = { error_key: "invalid_phone_number", message: "Invalid phone number" };

describeEachDatabase(
  "phone call redirects, AI content, data connectors and Canvas Kit submissions",
  (database) => {
    let gh: Gatehouse;
    let tenant: Tenant;
    let other: Tenant;

    async function call(token: string, path: string, init: { method?: string; body?: unknown } = {}) {
      const response = await gh.fetch(gh.url + path, {
        method: init.method ?? "GET",
        headers: { ...bearer(token), ...(init.body !== undefined && { "content-type": "application/json" }) },
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Json) : undefined };
    }

    /** Approves the extended scopes a tenant's app holds, as a platform reviewer would. */
    async function approve(appId: number, reviewerId: number, scopes: string[]) {
      for (const scope of scopes) {
        if (gh.services.scopes.get(scope)?.tier === "extended")
          await reviewScopeRequest(gh.services, { appId, scopeId: scope, decision: "approved", reviewerId });
      }
    }

    async function holding(scopes: string[]): Promise<Tenant> {
      const t = await createTenant(gh.services, { scopes });
      await approve(t.app.app.id, t.admin.id, scopes);
      return t;
    }

    const ALL = [
      "create_phone_call_redirects",
      "write_ai_content",
      "write_data_connectors",
      "gather_app_data",
      "read_users_companies",
    ];

    async function count(
      table:
        | "phone_call_redirects"
        | "content_import_sources"
        | "external_pages"
        | "data_connectors"
        | "canvas_kit_submissions"
        | "contacts",
      workspaceId: number,
    ) {
      const row = await gh.services.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("workspace_id", "=", workspaceId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }

    before(async () => {
      gh = await startGatehouse(database);
      tenant = await holding(ALL);
      other = await holding(ALL);
    });
    after(() => gh.close());

    it("redirects a call: stores it, answers Intercom's shape, and gives the number's contact the attributes", async () => {
      const ws = tenant.workspace.id;
      const first = await call(tenant.token, "/phone_call_redirects", {
        method: "POST",
        body: { phone: "+353832345678", custom_attributes: { issue_type: "Billing", priority: "High" } },
      });
      assert.equal(first.status, 200);
      assert.equal(first.body?.type, "phone_call_redirect");
      assert.equal(first.body?.phone, "+353832345678");
      assert.match(first.body?.url as string, new RegExp(`^${gh.url}/msgr/[0-9a-f-]{36}$`));
      const stored = await gh.services.db
        .selectFrom("phone_call_redirects")
        .selectAll()
        .where("workspace_id", "=", ws)
        .execute();
      assert.equal(stored.length, 1);
      assert.equal(first.body?.url, `${gh.url}/msgr/${stored[0]?.token}`);
      const lead = await gh.services.db
        .selectFrom("contacts")
        .selectAll()
        .where("seq", "=", stored[0]?.contact_seq as number)
        .executeTakeFirstOrThrow();
      assert.equal(lead.role, "lead");
      assert.equal(lead.phone, "+353832345678");
      assert.match(lead.external_id ?? "", /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/, "a lead's own UUID");
      assert.deepEqual(JSON.parse(lead.custom_attributes), { issue_type: "Billing", priority: "High" });

      // The same number written with separators reaches the same contact; attributes are merged.
      const again = await call(tenant.token, "/phone_call_redirects", {
        method: "POST",
        body: { phone: "+353 83 234-5678", custom_attributes: { priority: "Low", callbacks: 2 } },
      });
      assert.equal(again.body?.phone, "+353832345678");
      assert.notEqual(again.body?.url, first.body?.url);
      const same = await findContact(gh.services, ws, lead.id);
      assert.deepEqual(JSON.parse(same.custom_attributes), {
        issue_type: "Billing",
        priority: "Low",
        callbacks: 2,
      });
      assert.equal(await count("contacts", ws), 1, "no second lead");
      assert.equal(await count("phone_call_redirects", ws), 2);

      // Another workspace's call to the same number is its own, with its own lead.
      await call(other.token, "/phone_call_redirects", { method: "POST", body: { phone: "+353832345678" } });
      assert.equal(await count("contacts", other.workspace.id), 1);
      assert.deepEqual(
        JSON.parse((await findContact(gh.services, ws, lead.id)).custom_attributes).priority,
        "Low",
      );
    });

    it("makes one lead for twenty calls at once from a new number, and keeps every call's attributes", async () => {
      const owner = await holding(["create_phone_call_redirects"]);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call(owner.token, "/phone_call_redirects", {
            method: "POST",
            body: { phone: "+353832349999", custom_attributes: { [`call_${i}`]: i } },
          }),
        ),
      );
      assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
      assert.equal(await count("phone_call_redirects", owner.workspace.id), 20);
      assert.equal(await count("contacts", owner.workspace.id), 1, "one lead for the number");
      const lead = await gh.services.db
        .selectFrom("contacts")
        .select("custom_attributes")
        .where("workspace_id", "=", owner.workspace.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        Object.keys(JSON.parse(lead.custom_attributes)).sort(),
        Array.from({ length: 20 }, (_, i) => `call_${i}`).sort(),
      );
    });

    it("refuses numbers that are not E.164 and bad payloads, storing nothing", async () => {
      const owner = await holding(["create_phone_call_redirects"]);
      for (const phone of [
        "0832345678",
        "+0832345678",
        "+1 234",
        "+1234567890123456",
        "+1 555 123 4567 x9",
        "call me",
        "",
      ]) {
        const answer = await call(owner.token, "/phone_call_redirects", { method: "POST", body: { phone } });
        assert.equal(answer.status, 400, phone);
        assert.deepEqual(answer.body, invalidNumber, phone);
      }
      const cases: Array<[unknown, string]> = [
        [{}, "parameter_not_found"],
        [{ phone: 353832345678 }, "parameter_invalid"],
        [{ phone: "+353832345678", custom_attributes: "Billing" }, "parameter_invalid"],
        [{ phone: "+353832345678", custom_attributes: { nested: { a: 1 } } }, "parameter_invalid"],
      ];
      for (const [body, code] of cases) {
        const answer = await call(owner.token, "/phone_call_redirects", { method: "POST", body });
        assert.equal(answer.status, 400, JSON.stringify(body));
        assert.equal(errorOf(answer.body).code, code, JSON.stringify(body));
      }
      assert.equal(await count("phone_call_redirects", owner.workspace.id), 0);
      assert.equal(await count("contacts", owner.workspace.id), 0, "no lead made for a refused request");
    });

    it("makes one external page of twenty upserts at once of one external_id, answering each with it", async () => {
      const owner = await holding(["write_ai_content"]);
      const source = await call(owner.token, "/ai/content_import_sources", {
        method: "POST",
        body: { sync_behavior: "api", url: "https://burst.example.com" },
      });
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call(owner.token, "/ai/external_pages", {
            method: "POST",
            body: {
              title: `Burst ${i}`,
              html: "<p>x</p>",
              url: "https://burst.example.com/a",
              locale: "en",
              source_id: source.body?.id,
              external_id: "burst",
            },
          }),
        ),
      );
      assert.deepEqual(
        answers.map((a) => a.status),
        Array(20).fill(200),
        JSON.stringify(answers.find((a) => a.status !== 200)?.body),
      );
      assert.equal(new Set(answers.map((a) => a.body?.id)).size, 1, "one page");
      assert.equal(await count("external_pages", owner.workspace.id), 1);
    });

    it("keeps a library of content import sources and external pages", async () => {
      const owner = await holding(["write_ai_content"]);
      const source = await call(owner.token, "/ai/content_import_sources", {
        method: "POST",
        body: { sync_behavior: "api", url: "https://help.example.com" },
      });
      assert.equal(source.status, 200);
      const sourceId = source.body?.id as number;
      assert.equal(typeof sourceId, "number");
      assert.deepEqual(
        { ...source.body, created_at: 0, updated_at: 0, last_synced_at: 0 },
        {
          id: sourceId,
          type: "content_import_source",
          last_synced_at: 0,
          status: "active",
          url: "https://help.example.com",
          sync_behavior: "api",
          created_at: 0,
          updated_at: 0,
        },
      );
      const changed = await call(owner.token, `/ai/content_import_sources/${sourceId}`, {
        method: "PUT",
        body: { sync_behavior: "api", url: "https://docs.example.com", status: "deactivated" },
      });
      assert.equal(changed.body?.url, "https://docs.example.com");
      assert.equal(changed.body?.status, "deactivated");
      const toManual = await call(owner.token, `/ai/content_import_sources/${sourceId}`, {
        method: "PUT",
        body: { sync_behavior: "manual", url: "https://docs.example.com" },
      });
      assert.equal(toManual.status, 400, "an API source stays an API source");
      assert.deepEqual(
        (await call(owner.token, `/ai/content_import_sources/${sourceId}`)).body,
        changed.body,
      );

      const page = await call(owner.token, "/ai/external_pages", {
        method: "POST",
        body: {
          title: "Getting started",
          html: "<h1>Hello</h1>",
          url: "https://docs.example.com/start",
          ai_agent_availability: true,
          locale: "en",
          source_id: sourceId,
          external_id: "start",
        },
      });
      assert.equal(page.status, 200);
      const pageId = page.body?.id as string;
      assert.match(pageId, /^\d+$/);
      assert.deepEqual(
        { ...page.body, created_at: 0, updated_at: 0, last_ingested_at: 0 },
        {
          id: pageId,
          type: "external_page",
          title: "Getting started",
          html: "<h1>Hello</h1>",
          url: "https://docs.example.com/start",
          ai_agent_availability: true,
          ai_copilot_availability: false,
          fin_availability: true,
          locale: "en",
          source_id: sourceId,
          external_id: "start",
          created_at: 0,
          updated_at: 0,
          last_ingested_at: 0,
        },
      );
      // The same source and external id update the page; availability keeps its value when not given.
      const upserted = await call(owner.token, "/ai/external_pages", {
        method: "POST",
        body: {
          title: "Start here",
          html: "<p>New</p>",
          locale: "en",
          source_id: sourceId,
          external_id: "start",
        },
      });
      assert.equal(upserted.body?.id, pageId);
      assert.equal(upserted.body?.title, "Start here");
      assert.equal(upserted.body?.ai_agent_availability, true);
      const second = await call(owner.token, "/ai/external_pages", {
        method: "POST",
        body: {
          title: "Billing",
          html: "<p>Bills</p>",
          locale: "en",
          source_id: sourceId,
          external_id: "billing",
        },
      });
      const list = await call(owner.token, "/ai/external_pages?per_page=1");
      assert.equal(list.body?.type, "list");
      assert.equal(list.body?.total_count, 2);
      assert.deepEqual(idsOf(list.body), [second.body?.id], "newest first");
      assert.deepEqual(list.body?.pages, {
        type: "pages",
        page: 1,
        per_page: 1,
        total_pages: 2,
        next: `${gh.url}/ai/external_pages?page=2&per_page=1`,
      });
      const put = await call(owner.token, `/ai/external_pages/${pageId}`, {
        method: "PUT",
        body: {
          title: "Start",
          html: "<p>v3</p>",
          url: "https://docs.example.com/v3",
          locale: "en",
          source_id: sourceId,
          fin_availability: false,
        },
      });
      assert.equal(put.body?.ai_agent_availability, false);
      assert.equal(put.body?.ai_copilot_availability, false);
      assert.equal(put.body?.url, "https://docs.example.com/v3");
      assert.deepEqual((await call(owner.token, `/ai/external_pages/${pageId}`)).body, put.body);
      const removed = await call(owner.token, `/ai/external_pages/${pageId}`, { method: "DELETE" });
      assert.deepEqual(removed.body, put.body);
      assert.equal((await call(owner.token, `/ai/external_pages/${pageId}`)).status, 404);

      const sources = await call(owner.token, "/ai/content_import_sources");
      assert.deepEqual(sources.body?.data, [changed.body]);
      assert.equal(sources.body?.total_count, 1);
      const gone = await call(owner.token, `/ai/content_import_sources/${sourceId}`, { method: "DELETE" });
      assert.equal(gone.status, 204);
      assert.equal((await call(owner.token, `/ai/content_import_sources/${sourceId}`)).status, 404);
      assert.equal(await count("external_pages", owner.workspace.id), 0, "the source's pages went with it");
    });

    it("refuses bad AI content in Intercom's shape and writes nothing", async () => {
      const owner = await holding(["write_ai_content"]);
      const sourceCases: Array<[unknown, number, string]> = [
        [{ url: "https://x.example.com" }, 400, "parameter_not_found"],
        [{ sync_behavior: "api" }, 400, "parameter_not_found"],
        [{ sync_behavior: "automatic", url: "https://x.example.com" }, 400, "parameter_invalid"],
        [{ sync_behavior: "api", url: "ftp://x.example.com" }, 400, "parameter_invalid"],
        [{ sync_behavior: "api", url: "not a url" }, 400, "parameter_invalid"],
        [{ sync_behavior: "api", url: "https://x.example.com", status: "paused" }, 400, "parameter_invalid"],
      ];
      for (const [body, status, code] of sourceCases) {
        const answer = await call(owner.token, "/ai/content_import_sources", { method: "POST", body });
        assert.equal(answer.status, status, JSON.stringify(body));
        assert.equal(errorOf(answer.body).code, code, JSON.stringify(body));
      }
      assert.equal(await count("content_import_sources", owner.workspace.id), 0);
      const source = await call(owner.token, "/ai/content_import_sources", {
        method: "POST",
        body: { sync_behavior: "api", url: "https://x.example.com" },
      });
      const sid = source.body?.id as number;
      const page = { title: "T", html: "<p/>", locale: "en", source_id: sid, external_id: "e" };
      const pageCases: Array<[unknown, number, string]> = [
        [{ ...page, title: undefined }, 400, "parameter_not_found"],
        [{ ...page, html: 5 }, 400, "parameter_invalid"],
        [{ ...page, locale: "fr" }, 400, "parameter_invalid"],
        [{ ...page, source_id: String(sid) }, 400, "parameter_invalid"],
        [{ ...page, source_id: 99999999999 }, 404, "not_found"],
        [{ ...page, url: "javascript:alert(1)" }, 400, "parameter_invalid"],
        [{ ...page, ai_agent_availability: "yes" }, 400, "parameter_invalid"],
      ];
      for (const [body, status, code] of pageCases) {
        const answer = await call(owner.token, "/ai/external_pages", { method: "POST", body });
        assert.equal(answer.status, status, JSON.stringify(body));
        assert.equal(errorOf(answer.body).code, code, JSON.stringify(body));
      }
      assert.equal(await count("external_pages", owner.workspace.id), 0);
      for (const path of ["/ai/content_import_sources/abc", "/ai/external_pages/99999999999"]) {
        assert.equal((await call(owner.token, path)).status, 404, path);
      }
    });

    it("keeps each workspace's AI content to itself", async () => {
      const source = await call(tenant.token, "/ai/content_import_sources", {
        method: "POST",
        body: { sync_behavior: "api", url: "https://mine.example.com" },
      });
      const sid = source.body?.id as number;
      const page = await call(tenant.token, "/ai/external_pages", {
        method: "POST",
        body: { title: "Mine", html: "<p/>", locale: "en", source_id: sid, external_id: "mine" },
      });
      const pid = page.body?.id as string;
      assert.equal((await call(other.token, `/ai/content_import_sources/${sid}`)).status, 404);
      assert.equal(
        (await call(other.token, `/ai/content_import_sources/${sid}`, { method: "DELETE" })).status,
        404,
      );
      const putSource = await call(other.token, `/ai/content_import_sources/${sid}`, {
        method: "PUT",
        body: { sync_behavior: "api", url: "https://stolen.example.com" },
      });
      assert.equal(putSource.status, 404);
      assert.equal((await call(other.token, `/ai/external_pages/${pid}`)).status, 404);
      assert.equal((await call(other.token, `/ai/external_pages/${pid}`, { method: "DELETE" })).status, 404);
      const intoMine = await call(other.token, "/ai/external_pages", {
        method: "POST",
        body: { title: "Theirs", html: "<p/>", locale: "en", source_id: sid, external_id: "mine" },
      });
      assert.equal(intoMine.status, 404, "another workspace cannot write into this source");
      assert.deepEqual((await call(other.token, "/ai/external_pages")).body?.data, []);
      assert.deepEqual((await call(other.token, "/ai/content_import_sources")).body?.data, []);
      assert.equal((await call(tenant.token, `/ai/external_pages/${pid}`)).body?.title, "Mine");
      assert.equal(
        (await call(tenant.token, `/ai/content_import_sources/${sid}`)).body?.url,
        "https://mine.example.com",
      );
    });

    it("keeps data connectors: readers list and find, writers create, change and delete", async () => {
      const writer = await holding(["write_data_connectors"]);
      const reader = await createTenant(gh.services, { scopes: ["read_data_connectors"] });
      // The reader's app is in its own workspace; give it one in the writer's by installing a second app there.
      const readerApp = await createApp(gh.services, {
        workspaceId: writer.workspace.id,
        adminId: writer.admin.id,
        name: "Reader",
        scopes: ["read_data_connectors"],
      });
      await approve(readerApp.app.id, writer.admin.id, ["read_data_connectors"]);
      await approve(reader.app.app.id, reader.admin.id, ["read_data_connectors"]);
      const readToken = readerApp.accessToken.token;

      const created = await call(writer.token, "/data_connectors", {
        method: "POST",
        body: {
          name: "Order lookup",
          url: "https://api.example.com/orders",
          http_method: "POST",
          headers: [{ name: "X-Shop", value: "north" }],
          body: '{"id": "{{order_id}}"}',
        },
      });
      assert.equal(created.status, 200);
      const id = created.body?.id as string;
      assert.deepEqual(
        { ...created.body, created_at: 0, updated_at: 0 },
        {
          type: "data_connector",
          id,
          name: "Order lookup",
          description: null,
          state: "draft",
          http_method: "post",
          url: "https://api.example.com/orders",
          headers: [{ name: "X-Shop", value: "north" }],
          body: '{"id": "{{order_id}}"}',
          created_at: 0,
          updated_at: 0,
        },
      );
      const live = await call(writer.token, `/data_connectors/${id}`, {
        method: "PUT",
        body: { state: "live", description: "Looks up an order" },
      });
      assert.equal(live.body?.state, "live");
      assert.equal(live.body?.name, "Order lookup", "fields not given stay");
      assert.deepEqual((await call(readToken, `/data_connectors/${id}`)).body, live.body);
      const list = await call(readToken, "/data_connectors");
      assert.deepEqual(list.body?.data, [live.body]);
      assert.equal(list.body?.total_count, 1);
      for (const [method, path, body] of [
        ["POST", "/data_connectors", { name: "x", url: "https://x.example.com" }],
        ["PUT", `/data_connectors/${id}`, { state: "draft" }],
        ["DELETE", `/data_connectors/${id}`, undefined],
      ] as const) {
        const refused = await call(readToken, path, { method, ...(body && { body }) });
        assert.equal(refused.status, 403, `${method} ${path} with read only`);
      }
      // Another workspace's reader sees none of it.
      assert.equal((await call(reader.token, `/data_connectors/${id}`)).status, 404);
      assert.deepEqual((await call(reader.token, "/data_connectors")).body?.data, []);
      assert.equal((await call(other.token, `/data_connectors/${id}`, { method: "DELETE" })).status, 404);
      assert.equal(
        (await call(other.token, `/data_connectors/${id}`, { method: "PUT", body: { name: "x" } })).status,
        404,
      );

      const bad: Array<[unknown, string]> = [
        [{ url: "https://x.example.com" }, "parameter_not_found"],
        [{ name: "x" }, "parameter_not_found"],
        [{ name: "x", url: "https://x.example.com", http_method: "TRACE" }, "parameter_invalid"],
        [{ name: "x", url: "https://x.example.com", state: "paused" }, "parameter_invalid"],
        [
          { name: "x", url: "https://x.example.com", headers: [{ name: "Bad Header", value: "v" }] },
          "parameter_invalid",
        ],
        [
          { name: "x", url: "https://x.example.com", headers: [{ name: "X-A", value: "a\r\nInjected: 1" }] },
          "parameter_invalid",
        ],
        [{ name: "x", url: "file:///etc/passwd" }, "parameter_invalid"],
        [{ name: 5, url: "https://x.example.com" }, "parameter_invalid"],
      ];
      for (const [body, code] of bad) {
        const answer = await call(writer.token, "/data_connectors", { method: "POST", body });
        assert.equal(answer.status, 400, JSON.stringify(body));
        assert.equal(errorOf(answer.body).code, code, JSON.stringify(body));
      }
      assert.equal(await count("data_connectors", writer.workspace.id), 1);

      const deleted = await call(writer.token, `/data_connectors/${id}`, { method: "DELETE" });
      assert.deepEqual(deleted.body, { id, object: "data_connector", deleted: true });
      assert.equal((await call(readToken, `/data_connectors/${id}`)).status, 404);
    });

    it("records what contacts enter into an app and gives it back to that app alone", async () => {
      const ws = tenant.workspace.id;
      const contact = await createContact(gh.services, ws, { email: "rater@example.com", name: "Rater" });
      const submitted = await call(tenant.token, "/canvas_kit/submissions", {
        method: "POST",
        body: {
          contact_id: contact.id,
          component_id: "submit-button",
          input_values: { rating: 4, comment: "Quick and kind", topics: ["billing", "speed"] },
          current_canvas: { content: { components: [] }, stored_data: { step: 2 } },
          context: { location: "conversation", locale: "en", conversation_id: "123" },
        },
      });
      assert.equal(submitted.status, 200);
      const id = submitted.body?.id as string;
      const person = {
        type: "contact",
        id: contact.id,
        role: "user",
        external_id: null,
        email: "rater@example.com",
        name: "Rater",
      };
      assert.deepEqual(
        { ...submitted.body, created_at: 0 },
        {
          type: "canvas_kit_submission",
          id,
          created_at: 0,
          workspace_id: tenant.workspace.id_code,
          workspace_region: tenant.workspace.region,
          component_id: "submit-button",
          context: { location: "conversation", locale: "en", conversation_id: "123" },
          contact: person,
          user: person,
          current_canvas: { stored_data: { step: 2 } },
          input_values: { rating: 4, comment: "Quick and kind", topics: ["billing", "speed"] },
        },
      );
      assert.deepEqual((await call(tenant.token, `/canvas_kit/submissions/${id}`)).body, submitted.body);
      const other2 = await createContact(gh.services, ws, { email: "second@example.com" });
      const later = await call(tenant.token, "/canvas_kit/submissions", {
        method: "POST",
        body: { contact_id: other2.id, component_id: "email", input_values: { email: "second@example.com" } },
      });
      assert.deepEqual(later.body?.context, { location: "home" });
      const all = await call(tenant.token, "/canvas_kit/submissions");
      assert.deepEqual(idsOf(all.body), [later.body?.id, id], "newest first");
      const one = await call(tenant.token, `/canvas_kit/submissions?contact_id=${contact.id}`);
      assert.deepEqual(idsOf(one.body), [id]);
      assert.equal(one.body?.total_count, 1);

      // Another app installed in the same workspace sees nothing entered into this one.
      const neighbour = await createApp(gh.services, {
        workspaceId: ws,
        adminId: tenant.admin.id,
        name: "Neighbour",
        scopes: ["gather_app_data"],
      });
      await approve(neighbour.app.id, tenant.admin.id, ["gather_app_data"]);
      const theirToken = neighbour.accessToken.token;
      assert.equal((await call(theirToken, `/canvas_kit/submissions/${id}`)).status, 404);
      assert.deepEqual((await call(theirToken, "/canvas_kit/submissions")).body?.data, []);
      assert.equal((await call(other.token, `/canvas_kit/submissions/${id}`)).status, 404);
      const foreign = await call(other.token, "/canvas_kit/submissions", {
        method: "POST",
        body: { contact_id: contact.id, component_id: "x", input_values: {} },
      });
      assert.equal(foreign.status, 404, "another workspace's contact is not found");

      // The contact's data goes with the contact.
      await deleteContact(gh.services, ws, other2.id);
      assert.equal((await call(tenant.token, `/canvas_kit/submissions/${later.body?.id}`)).status, 404);
    });

    it("refuses bad submissions in Intercom's shape and stores nothing", async () => {
      const owner = await holding(["gather_app_data"]);
      const contact = await createContact(gh.services, owner.workspace.id, { email: "c@example.com" });
      const base = { contact_id: contact.id, component_id: "c", input_values: { a: "b" } };
      const cases: Array<[unknown, number, string]> = [
        [{ ...base, input_values: undefined }, 400, "parameter_not_found"],
        [{ ...base, component_id: undefined }, 400, "parameter_not_found"],
        [{ ...base, input_values: "text" }, 400, "parameter_invalid"],
        [{ ...base, input_values: { a: { nested: true } } }, 400, "parameter_invalid"],
        [{ ...base, current_canvas: { stored_data: "x" } }, 400, "parameter_invalid"],
        [{ ...base, current_canvas: { stored_data: { big: "x".repeat(70_000) } } }, 400, "parameter_invalid"],
        [{ ...base, context: { location: "attic" } }, 400, "parameter_invalid"],
        [{ ...base, contact_id: "0".repeat(24) }, 404, "not_found"],
      ];
      for (const [body, status, code] of cases) {
        const answer = await call(owner.token, "/canvas_kit/submissions", { method: "POST", body });
        assert.equal(answer.status, status, JSON.stringify(body).slice(0, 200));
        assert.equal(errorOf(answer.body).code, code, JSON.stringify(body).slice(0, 200));
      }
      assert.equal(await count("canvas_kit_submissions", owner.workspace.id), 0);
      assert.equal((await call(owner.token, "/canvas_kit/submissions/99999999999")).status, 404);
    });

    it("drives phone call redirects and AI content through the official SDK", async () => {
      const owner = await holding(["create_phone_call_redirects", "write_ai_content"]);
      const client = new IntercomClient({ token: owner.token, baseUrl: gh.url, fetch: validatingFetch });
      const redirect = await client.phoneCallRedirects.create({
        phone: "+1 4155550100",
        custom_attributes: { issue_type: "Billing" },
      });
      assert.equal(redirect?.type, "phone_call_redirect");
      assert.equal(redirect?.phone, "+14155550100");
      assert.equal(await count("phone_call_redirects", owner.workspace.id), 1);

      const source = await client.aiContent.createContentImportSource({ url: "https://sdk.example.com" });
      assert.equal(source.sync_behavior, "api");
      const sources = await client.aiContent.listContentImportSources();
      assert.deepEqual(
        sources.data?.map((s) => s.id),
        [source.id],
      );
      const updated = await client.aiContent.updateContentImportSource({
        source_id: String(source.id),
        sync_behavior: "api",
        url: "https://sdk.example.com/v2",
      });
      assert.equal(updated.url, "https://sdk.example.com/v2");
      assert.equal(
        (await client.aiContent.getContentImportSource({ source_id: String(source.id) })).url,
        updated.url,
      );

      const page = await client.aiContent.createExternalPage({
        title: "SDK page",
        html: "<p>From the SDK</p>",
        url: "https://sdk.example.com/page",
        ai_agent_availability: true,
        source_id: source.id,
        external_id: "sdk-page",
      });
      assert.equal(page.locale, "en");
      const pages = await client.aiContent.listExternalPages();
      assert.deepEqual(
        pages.data?.map((p) => p.id),
        [page.id],
      );
      const changed = await client.aiContent.updateExternalPage({
        page_id: page.id,
        title: "SDK page v2",
        html: "<p>v2</p>",
        url: "https://sdk.example.com/page2",
        source_id: source.id,
      });
      assert.equal(changed.title, "SDK page v2");
      assert.equal((await client.aiContent.getExternalPage({ page_id: page.id })).html, "<p>v2</p>");
      const removed = await client.aiContent.deleteExternalPage({ page_id: page.id });
      assert.equal(removed.id, page.id);
      await client.aiContent.deleteContentImportSource({ source_id: String(source.id) });
      assert.equal(await count("content_import_sources", owner.workspace.id), 0);
    });
  },
);
