import { createContact } from "../../src/resources/contacts/contacts.ts";
import { createConversation } from "../../src/resources/conversations/conversations.ts";
import { createTicketType } from "../../src/resources/tickets/types.ts";
import type { RouteSamples } from "../support/route-samples.ts";

export const samples: RouteSamples = {
  "POST /conversations/:conversation_id/convert": async ({ gh, tenant, url }) => {
    const contact = await createContact(gh.services, tenant.workspace.id, {
      email: `convert-${Math.random()}@example.com`,
    });
    const { row } = await createConversation(gh.services, tenant.workspace.id, {
      from: { type: "user", id: contact.id },
      body: "Sampled",
    });
    const type = await createTicketType(gh.services, tenant.workspace.id, { name: `Convert ${row.id}` });
    return {
      url: url.replace(":conversation_id", String(row.id)),
      body: { ticket_type_id: String(type.id) },
    };
  },
};
