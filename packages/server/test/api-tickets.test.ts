import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { startRuntime } from "../src/bootstrap.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logging.ts";
import { createContact, deleteContact } from "../src/resources/contacts/contacts.ts";
import { enqueueTicketCreation } from "../src/resources/jobs.ts";
import type { ContactRow } from "../src/storage/tables/contacts.ts";
import { type ApiAnswer, type ApiInit, callApi } from "./support/api.ts";
import type { TestDatabase } from "./support/databases.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

// biome-ignore lint/suspicious/noExplicitAny: the tests read Intercom's JSON as it comes.
type Json = any;

describeEachDatabase("tickets API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;
  let counter = 0;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

  async function person(of: Tenant = tenant): Promise<ContactRow> {
    counter++;
    return createContact(gh.services, of.workspace.id, {
      email: `ticket-person${counter}@example.com`,
      external_id: `ticket-user-${counter}`,
      name: `Person ${counter}`,
    });
  }

  async function newType(body: object = {}, of: Tenant = tenant) {
    const answer = await call(of.token, "/ticket_types", {
      method: "POST",
      body: { name: "Bug Report", ...body },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  }

  async function newTicket(body: object, of: Tenant = tenant) {
    const answer = await call(of.token, "/tickets", { method: "POST", body });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  }

  const searchCount = async (token: string) =>
    (
      await call(token, "/tickets/search", {
        method: "POST",
        body: { query: { field: "id", operator: "!=", value: "0" } },
      })
    ).body.total_count as number;

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { name: "Tickets Co" });
    other = await createTenant(gh.services, { name: "Elsewhere" });
  });
  after(() => gh.close());

  describe("creates ticket types with their default attributes and the workspace's states, in Intercom's shape", () => {
    // In order, as a scenario: the list and the states see the types made here, and the update made here.
    let type: Json, second: Json;
    before(async () => {
      type = await newType({ description: "Bugs people find" });
      second = await newType({ name: "Task", category: "Back-office", icon: "🐞", is_internal: true });
    });

    it("answers a new type in Intercom's shape, with the default title and description attributes", () => {
      assert.deepEqual(Object.keys(type), [
        "type",
        "id",
        "name",
        "description",
        "icon",
        "workspace_id",
        "archived",
        "created_at",
        "updated_at",
        "is_internal",
        "ticket_type_attributes",
        "category",
        "ticket_states",
      ]);
      assert.equal(type.type, "ticket_type");
      assert.match(type.id, /^\d+$/);
      assert.equal(type.icon, "\u{1F39F}\uFE0F");
      assert.equal(type.workspace_id, tenant.workspace.id_code);
      assert.equal(type.category, "Customer");
      assert.equal(type.is_internal, false);
      assert.equal(type.ticket_type_attributes.type, "list");
      const [title, description] = type.ticket_type_attributes.data;
      assert.deepEqual(
        { ...title, id: undefined, created_at: undefined, updated_at: undefined },
        {
          type: "ticket_type_attribute",
          id: undefined,
          workspace_id: tenant.workspace.id_code,
          name: "_default_title_",
          description: "",
          data_type: "string",
          input_options: { multiline: false },
          order: 0,
          required_to_create: false,
          required_to_create_for_contacts: false,
          visible_on_create: true,
          visible_to_contacts: true,
          default: true,
          ticket_type_id: Number(type.id),
          archived: false,
          created_at: undefined,
          updated_at: undefined,
        },
      );
      assert.equal(description.name, "_default_description_");
      assert.deepEqual(description.input_options, { multiline: true });
      assert.deepEqual(
        type.ticket_states.data.map((s: Json) => [s.type, s.category, s.internal_label, s.external_label]),
        [
          ["ticket_state", "submitted", "Submitted", "Submitted"],
          ["ticket_state", "in_progress", "In progress", "In progress"],
          ["ticket_state", "waiting_on_customer", "Waiting on customer", "Waiting on you"],
          ["ticket_state", "resolved", "Resolved", "Resolved"],
        ],
      );
    });

    it("gives every type the workspace's states", () => {
      assert.deepEqual(
        second.ticket_states.data.map((s: Json) => s.id),
        type.ticket_states.data.map((s: Json) => s.id),
        "the workspace's states are shared by its types",
      );
    });

    it("finds a type and lists the workspace's types", async () => {
      const found = await call(tenant.token, `/ticket_types/${type.id}`);
      assert.deepEqual(found.body, type);
      const listed = await call(tenant.token, "/ticket_types");
      assert.equal(listed.body.type, "list");
      assert.deepEqual(
        listed.body.data.map((t: Json) => t.id),
        [type.id, second.id],
      );
    });

    it("updates a type, keeping what was not sent", async () => {
      const updated = await call(tenant.token, `/ticket_types/${type.id}`, {
        method: "PUT",
        body: { name: "Bug Report 2", category: "Tracker", archived: true },
      });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.name, "Bug Report 2");
      assert.equal(updated.body.category, "Tracker");
      assert.equal(updated.body.archived, true);
      assert.equal(updated.body.description, "Bugs people find", "what was not sent stays");
    });

    it("lists the workspace's states with the types that use them", async () => {
      const states = await call(tenant.token, "/ticket_states");
      assert.equal(states.status, 200);
      assert.equal(states.body.type, "list");
      assert.deepEqual(
        states.body.data.map((s: Json) => s.id),
        type.ticket_states.data.map((s: Json) => s.id),
      );
      const submitted = states.body.data[0];
      assert.deepEqual(Object.keys(submitted), [
        "type",
        "id",
        "category",
        "internal_label",
        "external_label",
        "ticket_types",
        "archived",
      ]);
      assert.deepEqual(
        submitted.ticket_types.data.map((t: Json) => t.name),
        ["Bug Report 2", "Task"],
      );
      assert.deepEqual(Object.keys(submitted.ticket_types.data[1]), [
        "type",
        "id",
        "name",
        "description",
        "icon",
        "archived",
        "is_internal",
        "category",
      ]);
    });
  });

  it("adds and updates a ticket type's attributes", async () => {
    const type = await newType({ name: "Attributes" });
    const add = (body: object) =>
      call(tenant.token, `/ticket_types/${type.id}/attributes`, { method: "POST", body });
    const text = await add({
      name: "Steps",
      description: "How to see it",
      data_type: "string",
      multiline: true,
    });
    assert.equal(text.status, 200, JSON.stringify(text.body));
    assert.equal(text.body.type, "ticket_type_attribute");
    assert.deepEqual(text.body.input_options, { multiline: true });
    assert.equal(text.body.order, 2);
    assert.equal(text.body.default, false);
    const priority = await add({
      name: "Priority",
      description: "How urgent",
      data_type: "list",
      list_items: "Low, Medium,High",
      required_to_create: true,
    });
    assert.equal(priority.status, 200);
    const items = priority.body.input_options.list_items;
    assert.deepEqual(
      items.map((i: Json) => [i.label, i.archived]),
      [
        ["Low", false],
        ["Medium", false],
        ["High", false],
      ],
    );
    assert.ok(items.every((i: Json) => /^[0-9a-f-]{36}$/.test(i.id)));
    assert.equal(priority.body.required_to_create, true);
    const seats = await add({
      name: "Seats",
      description: "How many",
      data_type: "integer",
      visible_to_contacts: false,
    });
    assert.equal(seats.body.input_options, null);
    assert.equal(seats.body.visible_to_contacts, false);

    const relisted = await call(tenant.token, `/ticket_types/${type.id}/attributes/${priority.body.id}`, {
      method: "PUT",
      body: { list_items: "Low,High,Urgent", description: "Urgency" },
    });
    assert.equal(relisted.status, 200);
    const after = relisted.body.input_options.list_items;
    assert.equal(after.find((i: Json) => i.label === "Low").id, items[0].id, "kept labels keep their ids");
    assert.equal(after.find((i: Json) => i.label === "High").id, items[2].id);
    assert.equal(after.find((i: Json) => i.label === "Medium").archived, true, "removed ones are archived");
    assert.equal(after.find((i: Json) => i.label === "Urgent").archived, false);
    assert.equal(relisted.body.description, "Urgency");
    const renamed = await call(tenant.token, `/ticket_types/${type.id}/attributes/${seats.body.id}`, {
      method: "PUT",
      body: { name: "Licences", archived: true },
    });
    assert.equal(renamed.body.name, "Licences");
    assert.equal(renamed.body.archived, true);
    const shown = await call(tenant.token, `/ticket_types/${type.id}`);
    assert.deepEqual(
      shown.body.ticket_type_attributes.data.map((a: Json) => a.name),
      ["_default_title_", "_default_description_", "Steps", "Priority", "Licences"],
    );
  });

  it("refuses bad ticket types and attributes with Intercom's errors", async () => {
    const type = await newType({ name: "Strict" });
    const typesBefore = (await call(tenant.token, "/ticket_types")).body.data.length;
    for (const [body, status, code] of [
      [{}, 400, "parameter_not_found"],
      [{ name: "" }, 400, "parameter_not_found"],
      [{ name: 5 }, 400, "parameter_invalid"],
      [{ name: "x", category: "Sales" }, 400, "parameter_invalid"],
      [{ name: "x", is_internal: "no" }, 400, "parameter_invalid"],
    ] as Array<[unknown, number, string]>) {
      const answer = await call(tenant.token, "/ticket_types", { method: "POST", body });
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    assert.equal((await call(tenant.token, "/ticket_types")).body.data.length, typesBefore);
    for (const path of ["/ticket_types/999999", "/ticket_types/abc", "/ticket_types/99999999999"]) {
      assert.equal((await call(tenant.token, path)).status, 404, path);
      assert.equal(
        (await call(tenant.token, path, { method: "PUT", body: { name: "x" } })).status,
        404,
        path,
      );
    }
    const attributes = `/ticket_types/${type.id}/attributes`;
    for (const [body, status, code] of [
      [{ description: "d", data_type: "string" }, 400, "parameter_not_found"],
      [{ name: "A", data_type: "string" }, 400, "parameter_not_found"],
      [{ name: "A", description: "d" }, 400, "parameter_not_found"],
      [{ name: "A", description: "d", data_type: "json" }, 400, "parameter_invalid"],
      [{ name: "A", description: "d", data_type: "integer", multiline: true }, 400, "parameter_invalid"],
      [{ name: "A", description: "d", data_type: "list" }, 400, "parameter_not_found"],
      [{ name: "A", description: "d", data_type: "list", list_items: "a,a" }, 400, "parameter_invalid"],
      [{ name: "_default_title_", description: "d", data_type: "string" }, 400, "parameter_invalid"],
    ] as Array<[unknown, number, string]>) {
      const answer = await call(tenant.token, attributes, { method: "POST", body });
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    const made = await call(tenant.token, attributes, {
      method: "POST",
      body: { name: "Area", description: "d", data_type: "string" },
    });
    const twice = await call(tenant.token, attributes, {
      method: "POST",
      body: { name: "area", description: "d", data_type: "string" },
    });
    assert.equal(twice.status, 400);
    assert.equal(twice.body.errors[0].code, "parameter_invalid");
    const defaultTitle = (await call(tenant.token, `/ticket_types/${type.id}`)).body.ticket_type_attributes
      .data[0];
    const rename = await call(tenant.token, `${attributes}/${defaultTitle.id}`, {
      method: "PUT",
      body: { name: "Title" },
    });
    assert.equal(rename.status, 400);
    const missing = await call(tenant.token, `${attributes}/999999`, {
      method: "PUT",
      body: { description: "x" },
    });
    assert.equal(missing.status, 404);
    assert.equal(
      (
        await call(tenant.token, "/ticket_types/999999/attributes", {
          method: "POST",
          body: { name: "A", description: "d", data_type: "string" },
        })
      ).status,
      404,
    );
    assert.equal(
      (await call(tenant.token, `/ticket_types/${type.id}`)).body.ticket_type_attributes.data.length,
      3,
      `only ${made.body.name} was added`,
    );
  });

  it("creates tickets numbered per workspace, for a contact named by id, external_id or email", async () => {
    const type = await newType({ name: "Question" });
    const priority = await call(tenant.token, `/ticket_types/${type.id}/attributes`, {
      method: "POST",
      body: { name: "Priority", description: "p", data_type: "list", list_items: "Low,High" },
    });
    const high = priority.body.input_options.list_items[1];
    const contact = await person();
    const first = await newTicket({
      ticket_type_id: type.id,
      contacts: [{ id: contact.id }],
      ticket_attributes: { _default_title_: "Broken", _default_description_: "It broke", Priority: high.id },
      assignment: { admin_assignee_id: String(tenant.admin.id) },
    });
    assert.deepEqual(Object.keys(first), [
      "type",
      "id",
      "ticket_id",
      "ticket_attributes",
      "ticket_state",
      "ticket_type",
      "contacts",
      "admin_assignee_id",
      "team_assignee_id",
      "created_at",
      "updated_at",
      "ticket_parts",
      "open",
      "linked_objects",
      "category",
      "is_shared",
    ]);
    assert.equal(first.type, "ticket");
    assert.deepEqual(first.ticket_attributes, {
      _default_title_: "Broken",
      _default_description_: "It broke",
      Priority: "High",
    });
    assert.equal(first.ticket_state.category, "submitted");
    assert.equal(first.ticket_type.id, type.id);
    assert.deepEqual(first.contacts, {
      type: "contact.list",
      contacts: [{ type: "contact", id: contact.id, external_id: contact.external_id }],
    });
    assert.equal(first.admin_assignee_id, String(tenant.admin.id));
    assert.equal(first.team_assignee_id, "0");
    assert.equal(first.open, true);
    assert.equal(first.category, "Customer");
    assert.equal(first.is_shared, true);
    assert.deepEqual(first.linked_objects, { type: "list", data: [], total_count: 0, has_more: false });
    assert.equal(first.ticket_parts.type, "ticket_part.list");
    assert.equal(first.ticket_parts.total_count, 1);
    const [created] = first.ticket_parts.ticket_parts;
    assert.equal(created.part_type, "ticket_state_updated_by_admin");
    assert.equal(created.ticket_state, "submitted");
    assert.equal(created.previous_ticket_state, "submitted");
    assert.deepEqual(created.author, {
      id: String(tenant.admin.id),
      type: "admin",
      name: tenant.admin.name,
      email: tenant.admin.email,
    });
    assert.deepEqual(created.attachments, []);
    assert.equal(created.redacted, false);

    const second = await newTicket({
      ticket_type_id: Number(type.id),
      contacts: [{ external_id: contact.external_id }],
      created_at: 1_600_000_000,
    });
    const byEmail = await newTicket({
      ticket_type_id: type.id,
      contacts: [{ email: "Brand.New@example.com" }],
    });
    assert.deepEqual(
      [first.ticket_id, second.ticket_id, byEmail.ticket_id],
      ["1", "2", "3"],
      "the Inbox number counts up per workspace",
    );
    assert.equal(second.created_at, 1_600_000_000);
    assert.deepEqual(second.ticket_attributes, { _default_title_: null, _default_description_: null });
    assert.equal(second.admin_assignee_id, "0");
    const made = await call(tenant.token, `/contacts/${byEmail.contacts.contacts[0].id}`);
    assert.equal(made.status, 200, "an unknown email becomes a contact");
    assert.equal(made.body.email, "brand.new@example.com");
    const elsewhere = await newTicket(
      { ticket_type_id: (await newType({}, other)).id, contacts: [{ id: (await person(other)).id }] },
      other,
    );
    assert.equal(elsewhere.ticket_id, "1", "another workspace counts its own");
    const fetched = await call(tenant.token, `/tickets/${first.id}`);
    assert.deepEqual(fetched.body, first);
  });

  it("numbers tickets created at the same time once each, without gaps", async () => {
    const busy = await createTenant(gh.services, { name: "Busy Co" });
    const type = await newType({ name: "Rush" }, busy);
    const contact = await person(busy);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(busy.token, "/tickets", {
          method: "POST",
          body: { ticket_type_id: type.id, contacts: [{ id: contact.id }] },
        }),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(8).fill(200),
    );
    assert.deepEqual(
      answers.map((a) => Number(a.body.ticket_id)).sort((x, y) => x - y),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
  });

  it("refuses bad tickets with Intercom's errors and writes nothing", async () => {
    const type = await newType({ name: "Careful" });
    await call(tenant.token, `/ticket_types/${type.id}/attributes`, {
      method: "POST",
      body: { name: "Seats", description: "d", data_type: "integer", required_to_create: true },
    });
    const archived = await newType({ name: "Old" });
    await call(tenant.token, `/ticket_types/${archived.id}`, { method: "PUT", body: { archived: true } });
    const contact = await person();
    const good = { ticket_type_id: type.id, contacts: [{ id: contact.id }], ticket_attributes: { Seats: 3 } };
    const before = await searchCount(tenant.token);
    const contactsBefore = (await call(tenant.token, "/contacts")).body.total_count;
    const cases: Array<[object, number, string, RegExp?]> = [
      [{ contacts: [{ id: contact.id }] }, 400, "parameter_not_found"],
      [{ ticket_type_id: type.id }, 400, "parameter_not_found"],
      [{ ...good, ticket_attributes: {} }, 400, "parameter_invalid", /Missing required ticket attributes/],
      [{ ...good, ticket_attributes: { Seats: "three" } }, 400, "parameter_invalid"],
      [{ ...good, ticket_attributes: { Seats: 3, Colour: "red" } }, 400, "parameter_invalid"],
      [{ ...good, ticket_attributes: { Seats: 3, _default_title_: 5 } }, 400, "parameter_invalid"],
      [{ ...good, ticket_attributes: "Seats=3" }, 400, "parameter_invalid"],
      [{ ...good, ticket_type_id: "999999" }, 404, "not_found"],
      [{ ...good, ticket_type_id: "nine" }, 400, "parameter_invalid"],
      [{ ...good, ticket_type_id: archived.id }, 400, "parameter_invalid"],
      [{ ...good, contacts: [] }, 400, "parameter_invalid"],
      [{ ...good, contacts: [{ id: contact.id }, { id: contact.id }] }, 400, "parameter_invalid"],
      [{ ...good, contacts: [{ id: "0123456789abcdef01234567" }] }, 404, "not_found"],
      [{ ...good, contacts: [{ external_id: "nobody" }] }, 404, "not_found"],
      [{ ...good, contacts: [{ email: "not an email" }] }, 400, "parameter_invalid"],
      [{ ...good, contacts: [{ phone: "123" }] }, 400, "parameter_invalid"],
      [{ ...good, company_id: "5f4d3c1c" }, 404, "company_not_found"],
      [{ ...good, assignment: { admin_assignee_id: "999999" } }, 404, "assignee_not_found"],
      [{ ...good, assignment: { admin_assignee_id: String(other.admin.id) } }, 404, "assignee_not_found"],
      [{ ...good, assignment: { team_assignee_id: "8" } }, 404, "assignee_not_found"],
      [{ ...good, created_at: "today" }, 400, "parameter_invalid"],
    ];
    for (const [body, status, code, message] of cases) {
      for (const path of ["/tickets", "/tickets/enqueue"]) {
        const answer = await call(tenant.token, path, { method: "POST", body });
        assert.equal(answer.status, status, `${path} ${JSON.stringify(body)}`);
        assert.equal(answer.body.errors[0].code, code, `${path} ${JSON.stringify(body)}`);
        if (message) assert.match(answer.body.errors[0].message, message);
      }
    }
    assert.equal(await searchCount(tenant.token), before, "no ticket was written");
    assert.equal(
      (await call(tenant.token, "/contacts")).body.total_count,
      contactsBefore,
      "no contact was made",
    );
    const jobs = await gh.services.db
      .selectFrom("jobs")
      .select("id")
      .where("workspace_id", "=", tenant.workspace.id)
      .execute();
    assert.equal(jobs.length, 0, "no job was queued");
  });

  describe("updates state, attributes, assignment, snooze and open, recording each change as a part", () => {
    // In order, as a scenario: one ticket is updated, closed, then refused updates.
    let type: Json, plan: ApiAnswer, pro: Json, ticket: Json, inProgress: Json, closed: ApiAnswer;
    let snooze: number;
    before(async () => {
      type = await newType({ name: "Workflow", category: "Back-office" });
      plan = await call(tenant.token, `/ticket_types/${type.id}/attributes`, {
        method: "POST",
        body: { name: "Plan", description: "d", data_type: "list", list_items: "Free,Pro" },
      });
      pro = plan.body.input_options.list_items[1];
      ticket = await newTicket({ ticket_type_id: type.id, contacts: [{ id: (await person()).id }] });
      inProgress = type.ticket_states.data.find((s: Json) => s.category === "in_progress");
      snooze = Math.floor(Date.now() / 1000) + 3600;
    });

    it("changes attributes, state, assignee, snooze and sharing in one update, each change a part", async () => {
      assert.equal(ticket.is_shared, false, "back-office tickets are not shared");
      const updated = await call(tenant.token, `/tickets/${ticket.id}`, {
        method: "PUT",
        body: {
          ticket_attributes: { _default_title_: "Renamed", Plan: pro.id },
          ticket_state_id: inProgress.id,
          assignee_id: String(tenant.admin.id),
          snoozed_until: snooze,
          is_shared: true,
        },
      });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      const t = updated.body;
      assert.deepEqual(t.ticket_attributes, {
        _default_title_: "Renamed",
        _default_description_: null,
        Plan: "Pro",
      });
      assert.equal(t.ticket_state.id, inProgress.id);
      assert.equal(t.admin_assignee_id, String(tenant.admin.id));
      assert.equal(t.snoozed_until, snooze);
      assert.equal(t.is_shared, true);
      const parts = t.ticket_parts.ticket_parts.slice(1);
      assert.deepEqual(
        parts.map((p: Json) => p.part_type),
        [
          "ticket_attribute_updated_by_admin",
          "ticket_attribute_updated_by_admin",
          "ticket_state_updated_by_admin",
          "assignment",
          "snoozed",
        ],
      );
      assert.deepEqual(parts[1].updated_attribute_data, {
        attribute: { type: "attribute", id: plan.body.id, label: "Plan" },
        value: { type: "value", id: pro.id, label: "Pro" },
      });
      assert.equal(parts[2].ticket_state, "in_progress");
      assert.equal(parts[2].previous_ticket_state, "submitted");
      assert.deepEqual(parts[3].assigned_to, { type: "admin", id: String(tenant.admin.id) });
      assert.equal(t.ticket_parts.total_count, 6);
    });

    it("closes and unassigns, waking a snoozed ticket; the same update again adds no part", async () => {
      closed = await call(tenant.token, `/tickets/${ticket.id}`, {
        method: "PUT",
        body: { open: false, assignee_id: "0", admin_id: tenant.admin.id },
      });
      assert.equal(closed.body.open, false);
      assert.equal(closed.body.snoozed_until, undefined, "closing wakes a snoozed ticket");
      assert.equal(closed.body.admin_assignee_id, "0");
      assert.deepEqual(
        closed.body.ticket_parts.ticket_parts.slice(-2).map((p: Json) => p.part_type),
        ["assignment", "close"],
      );
      const same = await call(tenant.token, `/tickets/${ticket.id}`, {
        method: "PUT",
        body: { open: false },
      });
      assert.equal(
        same.body.ticket_parts.total_count,
        closed.body.ticket_parts.total_count,
        "no change, no part",
      );
    });

    it("refuses bad updates with Intercom's errors and changes nothing", async () => {
      const otherState = (await call(other.token, "/ticket_states")).body.data[0].id;
      const refusals: Array<[object, number, string]> = [
        [{ ticket_state_id: "0" }, 400, "ticket_state_id_invalid"],
        [{ ticket_state_id: otherState }, 400, "ticket_state_id_invalid"],
        [{ assignee_id: "999999" }, 404, "assignee_not_found"],
        [{ admin_id: other.admin.id, open: true }, 404, "admin_not_found"],
        [{ snoozed_until: 1000 }, 400, "parameter_invalid"],
        [{ open: "yes" }, 400, "parameter_invalid"],
        [{ ticket_attributes: { Plan: "Enterprise" } }, 400, "parameter_invalid"],
        [{ company_id: "abc" }, 404, "company_not_found"],
      ];
      for (const [body, status, code] of refusals) {
        const answer = await call(tenant.token, `/tickets/${ticket.id}`, {
          method: "PUT",
          body: { open: true, ...body },
        });
        assert.equal(answer.status, status, JSON.stringify(body));
        assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
      }
      const after = (await call(tenant.token, `/tickets/${ticket.id}`)).body;
      assert.equal(after.open, false, "no refused update changed anything");
      assert.equal(after.ticket_parts.total_count, closed.body.ticket_parts.total_count);
      for (const path of ["/tickets/999999", "/tickets/abc", "/tickets/99999999999"]) {
        const answer = await call(tenant.token, path, { method: "PUT", body: { open: true } });
        assert.equal(answer.status, 404, path);
        assert.equal(answer.body.errors[0].code, "ticket_not_found");
      }
    });
  });

  describe("takes replies from admins and, on customer tickets, from contacts", () => {
    let ticket: Json, task: Json;
    let contact: ContactRow;
    before(async () => {
      const customer = await newType({ name: "Customer" });
      const internal = await newType({ name: "Internal", category: "Back-office" });
      contact = await person();
      ticket = await newTicket({ ticket_type_id: customer.id, contacts: [{ id: contact.id }] });
      task = await newTicket({ ticket_type_id: internal.id, contacts: [{ id: contact.id }] });
    });
    const reply = (id: string, body: object) =>
      call(tenant.token, `/tickets/${id}/reply`, { method: "POST", body });

    it("takes an admin's note and quick reply and a contact's comment, as ticket parts in order", async () => {
      const note = await reply(ticket.id, {
        message_type: "note",
        type: "admin",
        admin_id: String(tenant.admin.id),
        body: "<p>Looking</p>",
        attachment_urls: ["https://example.com/files/shot.png"],
      });
      assert.equal(note.status, 200, JSON.stringify(note.body));
      assert.deepEqual(Object.keys(note.body), [
        "type",
        "id",
        "part_type",
        "body",
        "created_at",
        "updated_at",
        "author",
        "attachments",
        "redacted",
      ]);
      assert.equal(note.body.type, "ticket_part");
      assert.equal(note.body.part_type, "note");
      assert.equal(note.body.body, "<p>Looking</p>");
      assert.deepEqual(note.body.author, {
        id: String(tenant.admin.id),
        type: "admin",
        name: tenant.admin.name,
        email: tenant.admin.email,
      });
      assert.deepEqual(note.body.attachments, [
        { type: "upload", name: "shot.png", url: "https://example.com/files/shot.png" },
      ]);
      const quick = await reply(ticket.id, {
        message_type: "quick_reply",
        type: "admin",
        admin_id: tenant.admin.id,
        reply_options: [
          { text: "Yes", uuid: "0df48b85-9a93-4c66-a167-753eff0baaec" },
          { text: "No", uuid: "4f0b5145-4193-4b4f-8cad-ce19478a3938" },
        ],
      });
      assert.equal(quick.status, 200, JSON.stringify(quick.body));
      assert.equal(quick.body.part_type, "quick_reply");
      assert.equal(quick.body.body, undefined);
      const fromUser = await reply(ticket.id, {
        message_type: "comment",
        type: "user",
        email: contact.email,
        body: "Thanks again :)",
        created_at: 1_700_000_000,
      });
      assert.equal(fromUser.status, 200);
      assert.deepEqual(fromUser.body.author, {
        id: contact.id,
        type: "user",
        name: contact.name,
        email: contact.email,
      });
      assert.equal(fromUser.body.created_at, 1_700_000_000);
      const shown = (await call(tenant.token, `/tickets/${ticket.id}`)).body.ticket_parts.ticket_parts;
      assert.deepEqual(
        shown.map((p: Json) => p.part_type),
        ["ticket_state_updated_by_admin", "note", "quick_reply", "comment"],
      );
    });

    it("refuses bad replies with Intercom's errors and writes nothing", async () => {
      const before = (await call(tenant.token, `/tickets/${task.id}`)).body.ticket_parts.total_count;
      const cases: Array<[string, object, number, string]> = [
        [
          task.id,
          { message_type: "comment", type: "user", intercom_user_id: contact.id, body: "Hi" },
          400,
          "parameter_mismatch",
        ],
        [
          task.id,
          { message_type: "note", type: "user", intercom_user_id: contact.id, body: "Hi" },
          400,
          "parameter_invalid",
        ],
        [task.id, { message_type: "comment", type: "admin", body: "Hi" }, 400, "parameter_not_found"],
        [
          task.id,
          { message_type: "comment", type: "admin", admin_id: tenant.admin.id },
          400,
          "parameter_not_found",
        ],
        [
          task.id,
          { message_type: "shout", type: "admin", admin_id: tenant.admin.id, body: "Hi" },
          400,
          "parameter_invalid",
        ],
        [
          task.id,
          { message_type: "quick_reply", type: "admin", admin_id: tenant.admin.id },
          400,
          "parameter_invalid",
        ],
        [task.id, { message_type: "comment", type: "bot", body: "Hi" }, 400, "parameter_invalid"],
        [
          task.id,
          { message_type: "comment", type: "admin", admin_id: other.admin.id, body: "Hi" },
          404,
          "admin_not_found",
        ],
        [
          task.id,
          {
            message_type: "note",
            type: "admin",
            admin_id: tenant.admin.id,
            body: "x",
            attachment_urls: ["file:///etc/passwd"],
          },
          400,
          "parameter_invalid",
        ],
        [
          ticket.id,
          { message_type: "comment", type: "user", user_id: "nobody", body: "Hi" },
          404,
          "not_found",
        ],
        [
          "999999",
          { message_type: "note", type: "admin", admin_id: tenant.admin.id, body: "Hi" },
          404,
          "not_found",
        ],
      ];
      for (const [id, body, status, code] of cases) {
        const answer = await reply(id, body);
        assert.equal(answer.status, status, JSON.stringify(body));
        assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
      }
      assert.equal((await call(tenant.token, `/tickets/${task.id}`)).body.ticket_parts.total_count, before);
    });
  });

  it("refuses an attachment URL whose name is malformed percent-encoding with a 400, as conversations do, and writes nothing", async () => {
    const type = await newType({ name: "Attachments" });
    const contact = await person();
    const ticket = await newTicket({ ticket_type_id: type.id, contacts: [{ id: contact.id }] });
    const parts = async () =>
      (await call(tenant.token, `/tickets/${ticket.id}`)).body.ticket_parts.total_count as number;
    const before = await parts();
    for (const [type, extra] of [
      ["admin", { message_type: "note", admin_id: String(tenant.admin.id) }],
      ["user", { message_type: "comment", intercom_user_id: contact.id }],
    ] as const) {
      const answer = await call(tenant.token, `/tickets/${ticket.id}/reply`, {
        method: "POST",
        body: {
          type,
          ...extra,
          body: "See the file",
          attachment_urls: ["https://example.com/files/%E0%A4%A.png"],
        },
      });
      assert.equal(answer.status, 400, `${type}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.type, "error.list");
      assert.equal(answer.body.errors[0].code, "parameter_invalid");
      assert.equal(answer.body.errors[0].field, "attachment_urls");
    }
    assert.equal(await parts(), before, "no part was written");
  });

  it("deletes tickets", async () => {
    const type = await newType({ name: "Disposable" });
    const ticket = await newTicket({ ticket_type_id: type.id, contacts: [{ id: (await person()).id }] });
    await call(tenant.token, `/tickets/${ticket.id}/reply`, {
      method: "POST",
      body: { message_type: "note", type: "admin", admin_id: tenant.admin.id, body: "bye" },
    });
    const deleted = await call(tenant.token, `/tickets/${ticket.id}`, { method: "DELETE" });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, { id: ticket.id, object: "ticket", deleted: true });
    const gone = await call(tenant.token, `/tickets/${ticket.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.errors[0].code, "ticket_not_found");
    assert.equal((await call(tenant.token, `/tickets/${ticket.id}`, { method: "DELETE" })).status, 404);
    const parts = await gh.services.db
      .selectFrom("ticket_parts")
      .select("id")
      .where("ticket_id", "=", Number(ticket.id))
      .execute();
    assert.equal(parts.length, 0, "its parts went with it");
  });

  describe("searches tickets with Intercom's query language, page by page", () => {
    let searcher: Tenant;
    let request: Json, seats: Json, vip: Json, a: Json, b: Json, c: Json;
    let alice: ContactRow;
    let titleAttribute: string;

    before(async () => {
      searcher = await createTenant(gh.services, { name: "Search Co" });
      const make = async (body: object) => {
        const answer = await call(searcher.token, "/tickets", { method: "POST", body });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        return answer.body;
      };
      request = (await call(searcher.token, "/ticket_types", { method: "POST", body: { name: "Request" } }))
        .body;
      const task = (
        await call(searcher.token, "/ticket_types", {
          method: "POST",
          body: { name: "Task", category: "Back-office" },
        })
      ).body;
      seats = (
        await call(searcher.token, `/ticket_types/${request.id}/attributes`, {
          method: "POST",
          body: { name: "Seats", description: "d", data_type: "integer" },
        })
      ).body;
      vip = (
        await call(searcher.token, `/ticket_types/${request.id}/attributes`, {
          method: "POST",
          body: { name: "VIP", description: "d", data_type: "boolean" },
        })
      ).body;
      alice = await person(searcher);
      const bob = await person(searcher);
      a = await make({
        ticket_type_id: request.id,
        contacts: [{ id: alice.id }],
        ticket_attributes: { _default_title_: "Printer on fire", Seats: 5, VIP: true },
        assignment: { admin_assignee_id: searcher.admin.id },
      });
      b = await make({
        ticket_type_id: request.id,
        contacts: [{ id: bob.id }],
        ticket_attributes: { _default_title_: "Printer jammed", Seats: 50, VIP: false },
      });
      c = await make({
        ticket_type_id: task.id,
        contacts: [{ id: alice.id }],
        ticket_attributes: { _default_title_: "Refill paper" },
      });
      const inProgress = request.ticket_states.data.find((s: Json) => s.category === "in_progress").id;
      await call(searcher.token, `/tickets/${b.id}`, {
        method: "PUT",
        body: { ticket_state_id: inProgress, open: false },
      });
      titleAttribute = request.ticket_type_attributes.data[0].id;
    });

    const ids = async (query: object) => {
      const answer = await call(searcher.token, "/tickets/search", { method: "POST", body: { query } });
      assert.equal(answer.status, 200, `${JSON.stringify(query)}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.type, "ticket.list");
      return answer.body.tickets.map((t: Json) => t.id);
    };

    it("matches by open, state, category and type", async () => {
      assert.deepEqual(await ids({ field: "open", operator: "=", value: true }), [a.id, c.id]);
      assert.deepEqual(await ids({ field: "state", operator: "=", value: "in_progress" }), [b.id]);
      assert.deepEqual(await ids({ field: "category", operator: "=", value: "task" }), [c.id]);
      assert.deepEqual(await ids({ field: "category", operator: "!=", value: "task" }), [a.id, b.id]);
      assert.deepEqual(await ids({ field: "ticket_type_id", operator: "=", value: request.id }), [
        a.id,
        b.id,
      ]);
    });

    it("matches by contact and by title", async () => {
      assert.deepEqual(await ids({ field: "contact_ids", operator: "=", value: alice.id }), [a.id, c.id]);
      assert.deepEqual(await ids({ field: "title", operator: "~", value: "printer" }), [a.id, b.id]);
      assert.deepEqual(await ids({ field: "title", operator: "^", value: "Refill" }), [c.id]);
    });

    it("matches by the type's text, integer and boolean attributes", async () => {
      assert.deepEqual(
        await ids({ field: `ticket_attribute.${titleAttribute}`, operator: "$", value: "fire" }),
        [a.id],
      );
      assert.deepEqual(await ids({ field: `ticket_attribute.${seats.id}`, operator: ">", value: 10 }), [
        b.id,
      ]);
      assert.deepEqual(await ids({ field: `ticket_attribute.${vip.id}`, operator: "=", value: true }), [
        a.id,
      ]);
    });

    it("matches by assignee, unassigned and teammates", async () => {
      assert.deepEqual(
        await ids({ field: "admin_assignee_id", operator: "=", value: String(searcher.admin.id) }),
        [a.id],
      );
      assert.deepEqual(await ids({ field: "admin_assignee_id", operator: "=", value: "0" }), [b.id, c.id]);
      assert.deepEqual(
        await ids({ field: "teammate_ids", operator: "IN", value: [String(searcher.admin.id)] }),
        [a.id, b.id, c.id],
      );
    });

    it("matches by creation time", async () => {
      assert.deepEqual(await ids({ field: "created_at", operator: ">", value: 1_000_000_000 }), [
        a.id,
        b.id,
        c.id,
      ]);
      assert.deepEqual(await ids({ field: "created_at", operator: "<", value: 1_000_000_000 }), []);
    });

    it("nests AND and OR, and matches a list of ids, skipping unknown ones", async () => {
      assert.deepEqual(
        await ids({
          operator: "AND",
          value: [
            { field: "contact_ids", operator: "=", value: alice.id },
            {
              operator: "OR",
              value: [
                { field: "open", operator: "=", value: false },
                { field: "category", operator: "=", value: "request" },
              ],
            },
          ],
        }),
        [a.id],
      );
      assert.deepEqual(await ids({ field: "id", operator: "IN", value: [a.id, c.id, "99999999999"] }), [
        a.id,
        c.id,
      ]);
    });

    it("pages through the matches", async () => {
      const seen: string[] = [];
      let pagination: object = { per_page: 2 };
      for (let page = 1; ; page++) {
        const answer = await call(searcher.token, "/tickets/search", {
          method: "POST",
          body: { query: { field: "id", operator: "!=", value: "0" }, pagination },
        });
        assert.equal(answer.body.total_count, 3);
        assert.equal(answer.body.pages.page, page);
        assert.equal(answer.body.pages.total_pages, 2);
        seen.push(...answer.body.tickets.map((t: Json) => t.id));
        if (!answer.body.pages.next) break;
        pagination = answer.body.pages.next;
      }
      assert.deepEqual(seen, [a.id, b.id, c.id]);
    });

    it("refuses malformed queries and cursors with parameter_invalid", async () => {
      for (const query of [
        { field: "colour", operator: "=", value: "red" },
        { field: "open", operator: "~", value: true },
        { field: "open", operator: "=", value: "yes" },
        { field: "created_at", operator: "=", value: "yesterday" },
        { field: "category", operator: "=", value: "Customer" },
        { field: `ticket_attribute.${seats.id}`, operator: ">", value: "ten" },
        {
          operator: "AND",
          value: [
            {
              operator: "OR",
              value: [{ operator: "AND", value: [{ field: "open", operator: "=", value: true }] }],
            },
          ],
        },
        { operator: "AND", value: [] },
        { field: "title", operator: "IN", value: "x" },
      ]) {
        const answer = await call(searcher.token, "/tickets/search", { method: "POST", body: { query } });
        assert.equal(answer.status, 400, JSON.stringify(query));
        assert.equal(answer.body.errors[0].code, "parameter_invalid", JSON.stringify(query));
      }
      const bad = await call(searcher.token, "/tickets/search", {
        method: "POST",
        body: {
          query: { field: "open", operator: "=", value: true },
          pagination: { starting_after: "garbage" },
        },
      });
      assert.equal(bad.status, 400);
    });

    it("finds only the workspace's own tickets", async () => {
      assert.deepEqual(await ids({ field: "contact_ids", operator: "=", value: alice.id }), [a.id, c.id]);
      const theirs = await call(tenant.token, "/tickets/search", {
        method: "POST",
        body: { query: { field: "contact_ids", operator: "=", value: alice.id } },
      });
      assert.equal(theirs.body.total_count, 0, "another workspace finds none of them");
    });
  });

  it("keeps each workspace's tickets and types to itself", async () => {
    const type = await newType({ name: "Private" });
    const contact = await person();
    const ticket = await newTicket({ ticket_type_id: type.id, contacts: [{ id: contact.id }] });
    const attribute = type.ticket_type_attributes.data[0].id;
    const attempts: Array<[string, string, unknown]> = [
      ["GET", `/tickets/${ticket.id}`, undefined],
      ["PUT", `/tickets/${ticket.id}`, { open: false }],
      ["DELETE", `/tickets/${ticket.id}`, undefined],
      [
        "POST",
        `/tickets/${ticket.id}/reply`,
        { message_type: "note", type: "admin", admin_id: other.admin.id, body: "x" },
      ],
      ["GET", `/ticket_types/${type.id}`, undefined],
      ["PUT", `/ticket_types/${type.id}`, { name: "Stolen" }],
      ["POST", `/ticket_types/${type.id}/attributes`, { name: "X", description: "x", data_type: "string" }],
      ["PUT", `/ticket_types/${type.id}/attributes/${attribute}`, { description: "x" }],
      ["POST", "/tickets", { ticket_type_id: type.id, contacts: [{ id: (await person(other)).id }] }],
      ["POST", "/tickets", { ticket_type_id: (await newType({}, other)).id, contacts: [{ id: contact.id }] }],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await call(other.token, path, { method, body });
      assert.equal(answer.status, 404, `${method} ${path}`);
    }
    const still = await call(tenant.token, `/tickets/${ticket.id}`);
    assert.equal(still.body.open, true);
    assert.equal(still.body.ticket_parts.total_count, 1);
    assert.equal((await call(tenant.token, `/ticket_types/${type.id}`)).body.name, "Private");
    assert.ok(!(await call(other.token, "/ticket_types")).body.data.some((t: Json) => t.id === type.id));
    assert.ok(
      !(await call(other.token, "/ticket_states")).body.data[0].ticket_types.data.some(
        (t: Json) => t.id === type.id,
      ),
    );
  });

  async function jobStatus(token: string, id: string, wanted: string, url = gh.url): Promise<Json> {
    for (let i = 0; i < 200; i++) {
      const response = await gh.fetch(`${url}/jobs/status/${id}`, { headers: bearer(token) });
      const body = (await response.json()) as Json;
      assert.equal(response.status, 200, JSON.stringify(body));
      if (body.status === wanted) return body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail(`job ${id} never became ${wanted}`);
  }

  it("creates a ticket in the background from POST /tickets/enqueue, and reports it through the job", async () => {
    const type = await newType({ name: "Queued" });
    const contact = await person();
    const enqueued = await call(tenant.token, "/tickets/enqueue", {
      method: "POST",
      body: {
        ticket_type_id: type.id,
        contacts: [{ id: contact.id }],
        ticket_attributes: { _default_title_: "Later" },
        skip_notifications: true,
      },
    });
    assert.equal(enqueued.status, 200, JSON.stringify(enqueued.body));
    const { id, ...rest } = enqueued.body;
    assert.match(id, /^\d+$/);
    assert.deepEqual(rest, {
      type: "job",
      url: `${gh.url}/jobs/status/${id}`,
      status: rest.status,
      resource_type: "ticket",
      resource_id: rest.resource_id,
      resource_url: rest.resource_url,
    });
    assert.ok(["pending", "success"].includes(rest.status));
    const done = await jobStatus(tenant.token, id, "success");
    assert.match(done.resource_id, /^\d+$/);
    assert.equal(done.resource_url, `${gh.url}/tickets/${done.resource_id}`);
    const ticket = await call(tenant.token, `/tickets/${done.resource_id}`);
    assert.equal(ticket.status, 200);
    assert.equal(ticket.body.ticket_attributes._default_title_, "Later");
    assert.equal(ticket.body.ticket_parts.ticket_parts[0].author.id, String(tenant.admin.id));

    for (const path of ["/jobs/status/999999", "/jobs/status/abc"]) {
      const missing = await call(tenant.token, path);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.errors[0].code, "job_not_found");
    }
    assert.equal(
      (await call(other.token, `/jobs/status/${id}`)).status,
      404,
      "another workspace's job is unknown",
    );
  });

  it("keeps queued jobs across a restart: the next server does them, or fails them if they no longer hold", async () => {
    const first = await startGatehouse(database);
    try {
      const owner = await createTenant(first.services, { name: "Restart Co" });
      const type = (await (
        await first.fetch(`${first.url}/ticket_types`, {
          method: "POST",
          headers: { ...bearer(owner.token), "content-type": "application/json" },
          body: JSON.stringify({ name: "Durable" }),
        })
      ).json()) as Json;
      const kept = await createContact(first.services, owner.workspace.id, { email: "kept@example.com" });
      const doomed = await createContact(first.services, owner.workspace.id, { email: "doomed@example.com" });
      await first.stop();

      // With no server running, work is queued straight into the database, as a server about to stop would.
      const runtime = await openRuntime(first.database, first.dataDir);
      const good = await enqueueTicketCreation(runtime.services, owner.workspace.id, owner.admin.id, {
        ticket_type_id: type.id,
        contacts: [{ id: kept.id }],
      });
      const bad = await enqueueTicketCreation(runtime.services, owner.workspace.id, owner.admin.id, {
        ticket_type_id: type.id,
        contacts: [{ id: doomed.id }],
      });
      await deleteContact(runtime.services, owner.workspace.id, doomed.id);
      await runtime.close();

      const second = await startGatehouse(database, { sharing: first });
      try {
        const done = await jobStatus(owner.token, String(good.id), "success", second.url);
        const ticket = await second.fetch(`${second.url}/tickets/${done.resource_id}`, {
          headers: bearer(owner.token),
        });
        assert.equal(ticket.status, 200);
        assert.equal(((await ticket.json()) as Json).contacts.contacts[0].id, kept.id);
        const failed = await jobStatus(owner.token, String(bad.id), "failed", second.url);
        assert.equal(failed.resource_id, null);
        assert.equal(failed.resource_url, null);
        const tickets = await second.services.db
          .selectFrom("tickets")
          .select("id")
          .where("workspace_id", "=", owner.workspace.id)
          .execute();
        assert.equal(tickets.length, 1, "each job made its ticket once, the failed one none");
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });

  it("works with the official SDK: ticket types, attributes, tickets, replies, search, jobs", async () => {
    const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const type = await client.ticketTypes.create({
      name: "SDK type",
      description: "Made by the SDK",
      category: "Customer",
    });
    assert.equal(type?.name, "SDK type");
    const typeId = type?.id as string;
    const attribute = await client.ticketTypes.attributes.create({
      ticket_type_id: typeId,
      name: "Severity",
      description: "How bad",
      data_type: "integer",
    });
    assert.equal(attribute?.name, "Severity");
    const updatedAttribute = await client.ticketTypes.attributes.update({
      ticket_type_id: typeId,
      attribute_id: attribute?.id as string,
      description: "How bad it is",
    });
    assert.equal(updatedAttribute?.description, "How bad it is");
    const renamed = await client.ticketTypes.update({ ticket_type_id: typeId, name: "SDK type 2" });
    assert.equal(renamed?.name, "SDK type 2");
    const gotType = await client.ticketTypes.get({ ticket_type_id: typeId });
    assert.equal(gotType?.name, "SDK type 2");
    const types = await client.ticketTypes.list();
    assert.ok(types.data?.some((t) => t?.id === typeId));
    const states = await client.ticketStates.listTicketStates();
    assert.equal(states.data?.length, 4);

    const contact = await person();
    const ticket = await client.tickets.create({
      ticket_type_id: typeId,
      contacts: [{ id: contact.id }],
      ticket_attributes: { _default_title_: "From the SDK", Severity: 3 },
    } as Parameters<typeof client.tickets.create>[0]);
    assert.equal(ticket?.ticket_attributes._default_title_, "From the SDK");
    const ticketId = ticket?.id as string;
    const found = await client.tickets.get({ ticket_id: ticketId });
    assert.equal(found?.contacts.contacts?.[0]?.id, contact.id);
    const resolved = states.data?.find((s) => s?.category === "resolved");
    const updated = await client.tickets.update({
      ticket_id: ticketId,
      ticket_state_id: resolved?.id as string,
      open: false,
      admin_id: tenant.admin.id,
    });
    assert.equal(updated?.ticket_state?.category, "resolved");
    assert.equal(updated?.open, false);
    const reply = await client.tickets.reply({
      ticket_id: ticketId,
      body: { message_type: "comment", type: "admin", admin_id: String(tenant.admin.id), body: "Fixed" },
    });
    assert.equal(reply.part_type, "comment");
    assert.equal(reply.body, "Fixed");

    const found2: string[] = [];
    const pages = await client.tickets.search({
      query: { field: "ticket_type_id", operator: "=", value: typeId },
      pagination: { per_page: 1 },
    });
    for await (const t of pages) found2.push(t?.id as string);
    assert.deepEqual(found2, [ticketId]);

    const job = await client.tickets.enqueueCreateTicket({
      ticket_type_id: typeId,
      contacts: [{ email: contact.email as string }],
    });
    assert.equal(job.type, "job");
    let status = await client.jobs.status({ job_id: job.id });
    for (let i = 0; i < 200 && status.status !== "success"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await client.jobs.status({ job_id: job.id });
    }
    assert.equal(status.status, "success");
    const queued = await client.tickets.get({ ticket_id: status.resource_id as string });
    assert.equal(queued?.contacts.contacts?.[0]?.id, contact.id, "the email named the existing contact");

    const deleted = await client.tickets.deleteTicket({ ticket_id: ticketId });
    assert.equal(deleted.deleted, true);
  });

  it("keeps both of two changes made at once to a ticket's attributes, each recorded once", async () => {
    const type = await newType({ name: "Concurrent edits" });
    const contact = await person();
    for (let round = 0; round < 5; round++) {
      const ticket = await newTicket({
        ticket_type_id: type.id,
        contacts: [{ id: contact.id }],
        ticket_attributes: { _default_title_: "Before", _default_description_: "Before" },
      });
      const answers = await Promise.all([
        call(tenant.token, `/tickets/${ticket.id}`, {
          method: "PUT",
          body: { ticket_attributes: { _default_title_: `Title ${round}` } },
        }),
        call(tenant.token, `/tickets/${ticket.id}`, {
          method: "PUT",
          body: { ticket_attributes: { _default_description_: `Description ${round}` } },
        }),
      ]);
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 200],
      );
      const held = (await call(tenant.token, `/tickets/${ticket.id}`)).body.ticket_attributes;
      assert.deepEqual(
        [held._default_title_, held._default_description_],
        [`Title ${round}`, `Description ${round}`],
        `round ${round}`,
      );
    }
  });

  it("ties a ticket to a company of its workspace by the company's id, and unties it with null", async () => {
    const type = await newType({ name: "Account issue" });
    const contact = await person();
    const company = await call(tenant.token, "/companies", {
      method: "POST",
      body: { company_id: `ticket-co-${++counter}`, name: "Ticketed Ltd" },
    });
    assert.equal(company.status, 200, JSON.stringify(company.body));
    const foreign = await call(other.token, "/companies", {
      method: "POST",
      body: { company_id: `ticket-co-${++counter}`, name: "Elsewhere Ltd" },
    });
    const companyOf = async (id: string) =>
      (
        await gh.services.db
          .selectFrom("tickets")
          .select("company_seq")
          .where("id", "=", Number(id))
          .executeTakeFirstOrThrow()
      ).company_seq;
    const seqOf = async (id: string) =>
      (
        await gh.services.db
          .selectFrom("companies")
          .select("seq")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).seq;

    const ticket = await newTicket({
      ticket_type_id: type.id,
      contacts: [{ id: contact.id }],
      company_id: company.body.id,
    });
    assert.equal(await companyOf(ticket.id), await seqOf(company.body.id));

    // Intercom names the company by its own id: the caller's company_id, or another workspace's id, is unknown.
    for (const unknown of [company.body.company_id, foreign.body.id]) {
      const answer = await call(tenant.token, `/tickets/${ticket.id}`, {
        method: "PUT",
        body: { company_id: unknown },
      });
      assert.equal(answer.status, 404);
      assert.equal(answer.body.errors[0].code, "company_not_found");
    }
    const wrongType = await call(tenant.token, `/tickets/${ticket.id}`, {
      method: "PUT",
      body: { company_id: 7 },
    });
    assert.equal(wrongType.status, 400);
    assert.equal(await companyOf(ticket.id), await seqOf(company.body.id), "refusals changed nothing");

    const cleared = await call(tenant.token, `/tickets/${ticket.id}`, {
      method: "PUT",
      body: { company_id: null },
    });
    assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
    assert.equal(await companyOf(ticket.id), null);

    const again = await call(tenant.token, `/tickets/${ticket.id}`, {
      method: "PUT",
      body: { company_id: company.body.id },
    });
    assert.equal(again.status, 200);
    const deleted = await call(tenant.token, `/companies/${company.body.id}`, { method: "DELETE" });
    assert.equal(deleted.status, 200);
    assert.equal(await companyOf(ticket.id), null, "deleting the company unties its tickets");
    assert.equal((await call(tenant.token, `/tickets/${ticket.id}`)).status, 200);
  });
});

/** The runtime alone, without a server (and so without a job runner), over a stopped Gatehouse's data. */
async function openRuntime(database: TestDatabase, dataDir: string) {
  const config = loadConfig({
    GATEHOUSE_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...(database.databaseUrl && { DATABASE_URL: database.databaseUrl }),
  });
  return startRuntime(config, createLogger("silent"));
}
