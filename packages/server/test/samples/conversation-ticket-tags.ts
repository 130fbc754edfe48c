import { createContact } from "../../src/resources/contacts/contacts.ts";
import { createConversation } from "../../src/resources/conversations/conversations.ts";
import { tagRecord } from "../../src/resources/tagging/conversations-tickets.ts";
import { createOrUpdateTag } from "../../src/resources/tags.ts";
import { createTicket } from "../../src/resources/tickets/tickets.ts";
import { createTicketType } from "../../src/resources/tickets/types.ts";
import type { RouteSamples, SampleContext } from "../support/route-samples.ts";

/** Tags on conversations and tickets: `:tag_id` arrives filled with a tag of the tenant's workspace. */
const unique = () => Math.random().toString(36).slice(2);

async function conversation({ gh, tenant }: SampleContext) {
  const contact = await createContact(gh.services, tenant.workspace.id, {
    email: `tagged-${unique()}@example.com`,
  });
  return (
    await createConversation(gh.services, tenant.workspace.id, {
      from: { type: "user", id: contact.id },
      body: "Tag me",
    })
  ).row.id;
}

async function ticket({ gh, tenant }: SampleContext) {
  const type = await createTicketType(gh.services, tenant.workspace.id, { name: `Type ${unique()}` });
  const contact = await createContact(gh.services, tenant.workspace.id, {
    email: `ticketed-${unique()}@example.com`,
  });
  return (
    await createTicket(
      gh.services,
      tenant.workspace.id,
      { type: "admin", id: String(tenant.admin.id) },
      { ticket_type_id: String(type.id), contacts: [{ id: contact.id }] },
    )
  ).id;
}

async function newTag({ gh, tenant }: SampleContext) {
  return (await createOrUpdateTag(gh.services, tenant.workspace.id, { name: `sample ${unique()}` })).id;
}

/** The tag in the URL, put on first so that taking it off takes something off. */
const tagIn = (url: string) => Number(/\/tags\/(\d+)$/.exec(url)?.[1]);

export const samples: RouteSamples = {
  "POST /conversations/:conversation_id/tags": async (context) => ({
    url: context.url.replace(":conversation_id", String(await conversation(context))),
    body: { id: String(await newTag(context)), admin_id: String(context.tenant.admin.id) },
  }),
  "DELETE /conversations/:conversation_id/tags/:tag_id": async (context) => {
    const id = await conversation(context);
    const admin_id = String(context.tenant.admin.id);
    await tagRecord(context.gh.services, "conversation", context.tenant.workspace.id, id, {
      id: tagIn(context.url),
      admin_id,
    });
    return { url: context.url.replace(":conversation_id", String(id)), body: { admin_id } };
  },
  "POST /tickets/:ticket_id/tags": async (context) => ({
    url: context.url.replace(":ticket_id", String(await ticket(context))),
    body: { id: String(await newTag(context)), admin_id: String(context.tenant.admin.id) },
  }),
  "DELETE /tickets/:ticket_id/tags/:tag_id": async (context) => {
    const id = await ticket(context);
    const admin_id = String(context.tenant.admin.id);
    await tagRecord(context.gh.services, "ticket", context.tenant.workspace.id, id, {
      id: tagIn(context.url),
      admin_id,
    });
    return { url: context.url.replace(":ticket_id", String(id)), body: { admin_id } };
  },
};
