import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { type ApiInit, callApi, type Json } from "./support/api.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

describeEachDatabase(
  "conversations converted to tickets, and tickets linked to conversations",
  (database) => {
    let gh: Gatehouse;
    let tenant: Tenant;
    let other: Tenant;
    let counter = 0;

    const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

    async function ok(token: string, path: string, init: ApiInit = {}) {
      const answer = await call(token, path, init);
      assert.equal(answer.status, 200, `${init.method ?? "GET"} ${path}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    }

    /** A contact's conversation with an admin's reply and note, through the API. */
    async function conversation(of: Tenant = tenant) {
      counter++;
      const contact = await ok(of.token, "/contacts", {
        method: "POST",
        body: { email: `converted-${counter}@example.com` },
      });
      const started = await ok(of.token, "/conversations", {
        method: "POST",
        body: { from: { type: "user", id: contact.id }, body: "My printer is on fire" },
      });
      const id = started.conversation_id as string;
      const admin = { type: "admin", admin_id: of.admin.id };
      await ok(of.token, `/conversations/${id}/reply`, {
        method: "POST",
        body: { ...admin, message_type: "comment", body: "Have you tried water?" },
      });
      await ok(of.token, `/conversations/${id}/reply`, {
        method: "POST",
        body: { ...admin, message_type: "note", body: "Escalate" },
      });
      return { id, contact };
    }

    const ticketType = (of: Tenant, category: string) =>
      ok(of.token, "/ticket_types", { method: "POST", body: { name: `${category} ${++counter}`, category } });

    const ticketCount = async () =>
      Number(
        (
          await gh.services.db
            .selectFrom("tickets")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      gh = await startGatehouse(database);
      tenant = await createTenant(gh.services, { name: "Converts Co" });
      other = await createTenant(gh.services, { name: "Elsewhere" });
    });
    after(() => gh.close());

    it("converts a conversation into a customer ticket that opens with what was written, once", async () => {
      const { id, contact } = await conversation();
      const customer = await ticketType(tenant, "Customer");
      const ticket = await ok(tenant.token, `/conversations/${id}/convert`, {
        method: "POST",
        body: { ticket_type_id: customer.id, attributes: { _default_title_: "Printer fire" } },
      });
      assert.equal(ticket.type, "ticket");
      assert.equal(ticket.category, "Customer");
      assert.equal(ticket.ticket_type.id, customer.id);
      assert.equal(ticket.ticket_attributes._default_title_, "Printer fire");
      assert.equal(ticket.ticket_state.category, "submitted");
      assert.deepEqual(
        ticket.contacts.contacts.map((c: Json) => c.id),
        [contact.id],
      );
      assert.deepEqual(
        ticket.ticket_parts.ticket_parts.map((p: Json) => [p.part_type, p.author.type, p.body ?? null]),
        [
          ["comment", "user", "My printer is on fire"],
          ["comment", "admin", "Have you tried water?"],
          ["note", "admin", "Escalate"],
          ["ticket_state_updated_by_admin", "bot", null],
        ],
      );
      const conversationNow = await ok(tenant.token, `/conversations/${id}`);
      assert.equal(ticket.created_at, conversationNow.created_at, "the ticket dates from the conversation");
      assert.deepEqual(conversationNow.linked_objects, {
        type: "list",
        data: [{ type: "ticket", id: ticket.id, category: "Customer" }],
        total_count: 1,
        has_more: false,
      });
      assert.deepEqual((await ok(tenant.token, `/tickets/${ticket.id}`)).ticket_parts, ticket.ticket_parts);

      const before = await ticketCount();
      const backOffice = await ticketType(tenant, "Back-office");
      const foreignType = await ticketType(other, "Customer");
      const { id: fresh } = await conversation();
      const { id: foreign } = await conversation(other);
      const refusals: Array<[string, object, number, string, RegExp?]> = [
        [id, { ticket_type_id: customer.id }, 400, "parameter_invalid", /already been converted/],
        [fresh, { ticket_type_id: backOffice.id }, 400, "parameter_invalid", /not a customer ticket type/],
        [fresh, { ticket_type_id: foreignType.id }, 404, "not_found"],
        [fresh, {}, 400, "parameter_not_found"],
        [fresh, { ticket_type_id: ["1"] }, 400, "parameter_invalid"],
        [fresh, { ticket_type_id: customer.id, attributes: "title" }, 400, "parameter_invalid"],
        [foreign, { ticket_type_id: customer.id }, 404, "not_found"],
        ["999999", { ticket_type_id: customer.id }, 404, "not_found"],
        ["abc", { ticket_type_id: customer.id }, 404, "not_found"],
      ];
      for (const [conversationId, body, status, code, message] of refusals) {
        const answer = await call(tenant.token, `/conversations/${conversationId}/convert`, {
          method: "POST",
          body,
        });
        assert.equal(answer.status, status, `${conversationId} ${JSON.stringify(body)}`);
        assert.equal(answer.body.errors[0].code, code, `${conversationId} ${JSON.stringify(body)}`);
        if (message) assert.match(answer.body.errors[0].message, message);
      }
      assert.equal(await ticketCount(), before, "no refused conversion made a ticket");
    });

    it("the official SDK converts a conversation and finds the ticket", async () => {
      const { id } = await conversation();
      const customer = await ticketType(tenant, "Customer");
      const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
      const ticket = await client.conversations.convertToTicket({
        conversation_id: Number(id),
        ticket_type_id: customer.id,
      });
      assert.equal(ticket?.category, "Customer");
      const found = await client.tickets.get({ ticket_id: ticket?.id as string });
      assert.equal(found?.ticket_parts?.ticket_parts?.[0]?.body, "My printer is on fire");
    });

    it("links a conversation to a back-office or tracker ticket, each listing the other", async () => {
      const { id, contact } = await conversation();
      const backOffice = await ticketType(tenant, "Back-office");
      const tracker = await ticketType(tenant, "Tracker");
      const linked = await ok(tenant.token, "/tickets", {
        method: "POST",
        body: { ticket_type_id: backOffice.id, contacts: [{ id: contact.id }], conversation_to_link_id: id },
      });
      assert.deepEqual(linked.linked_objects, {
        type: "list",
        data: [{ type: "conversation", id, category: null }],
        total_count: 1,
        has_more: false,
      });
      const bug = await ok(tenant.token, "/tickets", {
        method: "POST",
        body: {
          ticket_type_id: tracker.id,
          contacts: [{ id: contact.id }],
          conversation_to_link_id: Number(id),
        },
      });
      assert.deepEqual((await ok(tenant.token, `/conversations/${id}`)).linked_objects.data, [
        { type: "ticket", id: linked.id, category: "Back-office" },
        { type: "ticket", id: bug.id, category: "Tracker" },
      ]);
      const listed = (await ok(tenant.token, "/conversations")).conversations.find((c: Json) => c.id === id);
      assert.equal(listed.linked_objects.total_count, 2, "the list shows links too");

      const customer = await ticketType(tenant, "Customer");
      const { id: foreign } = await conversation(other);
      const before = await ticketCount();
      const refusals: Array<[object, number, string]> = [
        [{ ticket_type_id: customer.id, conversation_to_link_id: id }, 400, "parameter_invalid"],
        [{ ticket_type_id: backOffice.id, conversation_to_link_id: foreign }, 404, "not_found"],
        [{ ticket_type_id: backOffice.id, conversation_to_link_id: "999999" }, 404, "not_found"],
        [{ ticket_type_id: backOffice.id, conversation_to_link_id: "one" }, 400, "parameter_invalid"],
      ];
      for (const [body, status, code] of refusals) {
        for (const path of ["/tickets", "/tickets/enqueue"]) {
          const answer = await call(tenant.token, path, {
            method: "POST",
            body: { contacts: [{ id: contact.id }], ...body },
          });
          assert.equal(answer.status, status, `${path} ${JSON.stringify(body)}`);
          assert.equal(answer.body.errors[0].code, code, `${path} ${JSON.stringify(body)}`);
        }
      }
      assert.equal(await ticketCount(), before);

      await ok(tenant.token, `/tickets/${linked.id}`, { method: "DELETE" });
      assert.deepEqual(
        (await ok(tenant.token, `/conversations/${id}`)).linked_objects.data,
        [{ type: "ticket", id: bug.id, category: "Tracker" }],
        "a deleted ticket is no longer linked",
      );
    });
  },
);
