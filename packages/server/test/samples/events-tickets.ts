import { createContact } from "../../src/resources/contacts/contacts.ts";
import { createDataAttribute } from "../../src/resources/data-attributes/data-attributes.ts";
import { enqueueTicketCreation } from "../../src/resources/jobs.ts";
import { createTicketTypeAttribute } from "../../src/resources/tickets/attributes.ts";
import { createTicket } from "../../src/resources/tickets/tickets.ts";
import { createTicketType } from "../../src/resources/tickets/types.ts";
import type { RouteSamples, SampleContext } from "../support/route-samples.ts";

/** Events, data attributes, tickets, ticket types and jobs. */
const unique = () => Math.random().toString(36).slice(2);

async function contact({ gh, tenant }: SampleContext) {
  return createContact(gh.services, tenant.workspace.id, {
    email: `sample-${unique()}@example.com`,
    external_id: `user-${unique()}`,
  });
}

async function ticketType({ gh, tenant }: SampleContext) {
  return createTicketType(gh.services, tenant.workspace.id, { name: `Type ${unique()}` });
}

async function ticket(context: SampleContext) {
  const type = await ticketType(context);
  const person = await contact(context);
  return createTicket(
    context.gh.services,
    context.tenant.workspace.id,
    { type: "admin", id: String(context.tenant.admin.id) },
    { ticket_type_id: String(type.id), contacts: [{ id: person.id }] },
  );
}

export const samples: RouteSamples = {
  "POST /events": async (context) => ({
    url: context.url,
    body: { event_name: "sampled", created_at: 1_700_000_000, id: (await contact(context)).id },
  }),
  "GET /events": async (context) => ({
    url: `${context.url}?type=user&intercom_user_id=${(await contact(context)).id}`,
  }),
  "POST /events/summaries": async (context) => ({
    url: context.url,
    body: {
      user_id: (await contact(context)).external_id,
      event_summaries: { event_name: "imported", count: 2, first: 1_600_000_000, last: 1_700_000_000 },
    },
  }),
  "POST /data_attributes": async ({ url }) => ({
    url,
    body: { name: `Sample ${unique()}`, model: "contact", data_type: "string" },
  }),
  "PUT /data_attributes/:data_attribute_id": async ({ gh, tenant, url }) => {
    const attribute = await createDataAttribute(gh.services, tenant.workspace.id, tenant.admin.id, {
      name: `Sample ${unique()}`,
      model: "company",
      data_type: "integer",
    });
    return { url: url.replace(":data_attribute_id", String(attribute.id)), body: { description: "Sampled" } };
  },
  "POST /ticket_types": async ({ url }) => ({ url, body: { name: `Type ${unique()}` } }),
  "GET /ticket_types/:ticket_type_id": async (context) => ({
    url: context.url.replace(":ticket_type_id", String((await ticketType(context)).id)),
  }),
  "PUT /ticket_types/:ticket_type_id": async (context) => ({
    url: context.url.replace(":ticket_type_id", String((await ticketType(context)).id)),
    body: { description: "Sampled" },
  }),
  "POST /ticket_types/:ticket_type_id/attributes": async (context) => ({
    url: context.url.replace(":ticket_type_id", String((await ticketType(context)).id)),
    body: { name: "Priority", description: "How urgent", data_type: "string" },
  }),
  "PUT /ticket_types/:ticket_type_id/attributes/:attribute_id": async (context) => {
    const type = await ticketType(context);
    const attribute = await createTicketTypeAttribute(
      context.gh.services,
      context.tenant.workspace.id,
      type.id,
      {
        name: "Priority",
        description: "How urgent",
        data_type: "string",
      },
    );
    return {
      url: context.url
        .replace(":ticket_type_id", String(type.id))
        .replace(":attribute_id", String(attribute.id)),
      body: { description: "Sampled" },
    };
  },
  "POST /tickets": async (context) => ({
    url: context.url,
    body: {
      ticket_type_id: String((await ticketType(context)).id),
      contacts: [{ id: (await contact(context)).id }],
    },
  }),
  "POST /tickets/enqueue": async (context) => ({
    url: context.url,
    body: {
      ticket_type_id: String((await ticketType(context)).id),
      contacts: [{ id: (await contact(context)).id }],
    },
  }),
  "GET /tickets/:ticket_id": async (context) => ({
    url: context.url.replace(":ticket_id", String((await ticket(context)).id)),
  }),
  "PUT /tickets/:ticket_id": async (context) => ({
    url: context.url.replace(":ticket_id", String((await ticket(context)).id)),
    body: { open: false },
  }),
  "DELETE /tickets/:ticket_id": async (context) => ({
    url: context.url.replace(":ticket_id", String((await ticket(context)).id)),
  }),
  "POST /tickets/:ticket_id/reply": async (context) => ({
    url: context.url.replace(":ticket_id", String((await ticket(context)).id)),
    body: { message_type: "note", type: "admin", admin_id: String(context.tenant.admin.id), body: "Sampled" },
  }),
  "POST /tickets/search": async ({ url }) => ({
    url,
    body: { query: { field: "open", operator: "=", value: true } },
  }),
  "GET /jobs/status/:job_id": async (context) => {
    const type = await ticketType(context);
    const person = await contact(context);
    const job = await enqueueTicketCreation(
      context.gh.services,
      context.tenant.workspace.id,
      context.tenant.admin.id,
      {
        ticket_type_id: String(type.id),
        contacts: [{ id: person.id }],
      },
    );
    return { url: context.url.replace(":job_id", String(job.id)) };
  },
};
