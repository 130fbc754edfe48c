import type { Services } from "../../src/core/services.ts";
import { recordSubmission } from "../../src/resources/canvas-kit.ts";
import { createContact } from "../../src/resources/contacts/contacts.ts";
import { createContentImportSource, upsertExternalPage } from "../../src/resources/content/ai-content.ts";
import { createDataConnector } from "../../src/resources/content/data-connectors.ts";
import { defineCustomObjectType, upsertCustomObjectInstance } from "../../src/resources/custom-objects.ts";
import {
  cancelContentExport,
  createContentExport,
  findContentExport,
  runDueExports,
} from "../../src/resources/exports.ts";
import type { RouteSamples, SampleContext } from "../support/route-samples.ts";

/** Exports, custom objects, phone call redirects, AI content, data connectors and Canvas Kit submissions. */

const TYPE = ":custom_object_type_identifier";

/** A new export job; a workspace may hold one active job, so the one already active is finished first. */
async function exportJob(context: SampleContext) {
  await settleActive(context);
  return createContentExport(context.gh.services, context.tenant.workspace.id, {
    created_at_after: 0,
    created_at_before: 4e9,
  });
}

async function settleActive({ gh, tenant }: SampleContext) {
  const active = await gh.services.db
    .selectFrom("content_exports")
    .select("job_identifier")
    .where("workspace_id", "=", tenant.workspace.id)
    .where("status", "in", ["pending", "in_progress"])
    .executeTakeFirst();
  if (active) await cancelContentExport(gh.services, tenant.workspace.id, active.job_identifier);
}

/** Works the queue until the job is finished (the server's own runner may take it first). */
export async function finishedExport(s: Services, workspaceId: number, identifier: string) {
  for (let i = 0; i < 200; i++) {
    await runDueExports(s);
    const job = await findContentExport(s, workspaceId, identifier);
    if (job.status !== "pending" && job.status !== "in_progress") return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`export ${identifier} did not finish`);
}

async function instance({ gh, tenant }: SampleContext) {
  await defineCustomObjectType(gh.services, tenant.workspace.id, "Order");
  return upsertCustomObjectInstance(gh.services, tenant.workspace.id, "Order", {
    external_id: `order-${Math.random()}`,
    custom_attributes: { total: 10 },
  });
}

async function source({ gh, tenant }: SampleContext) {
  return createContentImportSource(gh.services, tenant.workspace.id, {
    sync_behavior: "api",
    url: "https://help.example.com",
  });
}

async function page(context: SampleContext) {
  const from = await source(context);
  return upsertExternalPage(context.gh.services, context.tenant.workspace.id, {
    title: "Sample",
    html: "<p>Sample</p>",
    locale: "en",
    source_id: from.id,
    external_id: `page-${Math.random()}`,
  });
}

async function connector({ gh, tenant }: SampleContext) {
  return createDataConnector(gh.services, tenant.workspace.id, {
    name: "Orders",
    url: "https://api.example.com/orders",
  });
}

export const samples: RouteSamples = {
  "POST /export/content/data": async (c) => ({
    url: await settleActive(c).then(() => c.url),
    body: { created_at_after: 0, created_at_before: 4e9 },
  }),
  "GET /export/content/data/:job_identifier": async (c) => ({
    url: c.url.replace(":job_identifier", (await exportJob(c)).job_identifier),
  }),
  "POST /export/cancel/:job_identifier": async (c) => ({
    url: c.url.replace(":job_identifier", (await exportJob(c)).job_identifier),
  }),
  "GET /download/content/data/:job_identifier": async (c) => {
    await createContact(c.gh.services, c.tenant.workspace.id, {
      email: `export${Math.random()}@example.com`,
    });
    const job = await exportJob(c);
    await finishedExport(c.gh.services, c.tenant.workspace.id, job.job_identifier);
    return { url: c.url.replace(":job_identifier", job.job_identifier) };
  },

  [`POST /custom_object_instances/${TYPE}`]: async ({ gh, tenant, url }) => {
    await defineCustomObjectType(gh.services, tenant.workspace.id, "Order");
    return { url: url.replace(TYPE, "Order"), body: { external_id: "o-1", custom_attributes: { total: 1 } } };
  },
  [`GET /custom_object_instances/${TYPE}`]: async (c) => ({
    url: `${c.url.replace(TYPE, "Order")}?external_id=${encodeURIComponent((await instance(c)).external_id)}`,
  }),
  [`DELETE /custom_object_instances/${TYPE}`]: async (c) => ({
    url: `${c.url.replace(TYPE, "Order")}?external_id=${encodeURIComponent((await instance(c)).external_id)}`,
  }),
  [`GET /custom_object_instances/${TYPE}/:custom_object_instance_id`]: async (c) => ({
    url: c.url.replace(TYPE, "Order").replace(":custom_object_instance_id", String((await instance(c)).id)),
  }),
  [`DELETE /custom_object_instances/${TYPE}/:custom_object_instance_id`]: async (c) => ({
    url: c.url.replace(TYPE, "Order").replace(":custom_object_instance_id", String((await instance(c)).id)),
  }),

  "POST /phone_call_redirects": async ({ url }) => ({ url, body: { phone: "+353832345678" } }),

  "POST /ai/content_import_sources": async ({ url }) => ({
    url,
    body: { sync_behavior: "api", url: "https://help.example.com" },
  }),
  "GET /ai/content_import_sources/:source_id": async (c) => ({
    url: c.url.replace(":source_id", String((await source(c)).id)),
  }),
  "PUT /ai/content_import_sources/:source_id": async (c) => ({
    url: c.url.replace(":source_id", String((await source(c)).id)),
    body: { sync_behavior: "api", url: "https://docs.example.com" },
  }),
  "DELETE /ai/content_import_sources/:source_id": async (c) => ({
    url: c.url.replace(":source_id", String((await source(c)).id)),
  }),
  "POST /ai/external_pages": async (c) => ({
    url: c.url,
    body: {
      title: "Page",
      html: "<p>Page</p>",
      locale: "en",
      source_id: (await source(c)).id,
      external_id: "p-1",
    },
  }),
  "GET /ai/external_pages/:page_id": async (c) => ({
    url: c.url.replace(":page_id", String((await page(c)).id)),
  }),
  "PUT /ai/external_pages/:page_id": async (c) => {
    const existing = await page(c);
    return {
      url: c.url.replace(":page_id", String(existing.id)),
      body: {
        title: "Renamed",
        html: "<p>New</p>",
        url: "https://help.example.com/new",
        locale: "en",
        source_id: existing.source_id,
      },
    };
  },
  "DELETE /ai/external_pages/:page_id": async (c) => ({
    url: c.url.replace(":page_id", String((await page(c)).id)),
  }),

  "POST /data_connectors": async ({ url }) => ({
    url,
    body: { name: "Orders", url: "https://api.example.com/orders" },
  }),
  "GET /data_connectors/:data_connector_id": async (c) => ({
    url: c.url.replace(":data_connector_id", String((await connector(c)).id)),
  }),
  "PUT /data_connectors/:data_connector_id": async (c) => ({
    url: c.url.replace(":data_connector_id", String((await connector(c)).id)),
    body: { state: "live" },
  }),
  "DELETE /data_connectors/:data_connector_id": async (c) => ({
    url: c.url.replace(":data_connector_id", String((await connector(c)).id)),
  }),

  "POST /canvas_kit/submissions": async ({ gh, tenant, url }) => {
    const contact = await createContact(gh.services, tenant.workspace.id, {
      email: `ck${Math.random()}@example.com`,
    });
    return {
      url,
      body: { contact_id: contact.id, component_id: "submit", input_values: { email: "a@b.co" } },
    };
  },
  "GET /canvas_kit/submissions/:submission_id": async ({ gh, tenant, url }) => {
    const contact = await createContact(gh.services, tenant.workspace.id, {
      email: `ck${Math.random()}@example.com`,
    });
    const { row } = await recordSubmission(gh.services, tenant.workspace.id, tenant.app.app.id, {
      contact_id: contact.id,
      component_id: "submit",
      input_values: { rating: 5 },
    });
    return { url: url.replace(":submission_id", String(row.id)) };
  },
};
