import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { createContact } from "../src/resources/contacts/contacts.ts";
import { MAX_SEARCH_VALUE } from "../src/resources/kit/search-query.ts";
import { type ApiAnswer, callApi, type Json } from "./support/api.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
  tenantHolding,
} from "./support/gatehouse.ts";

/** The texts every search endpoint is tried on: LIKE's wildcards and its escape character, each beside a look-alike. */
const TEXTS = ["100% sure", "100 percent sure", "snake_case", "snakeXcase", "back\\slash", "backslash"];

const FIFTY_KB = "a".repeat(50 * 1024);

/** A refusal in Intercom's shape: 400, `parameter_invalid`, naming the field. */
function assertRefused(answer: ApiAnswer, field: string): void {
  assert.equal(answer.status, 400, answer.text.slice(0, 300));
  assert.equal(answer.body.type, "error.list");
  assert.match(answer.body.request_id, /\S/);
  assert.equal(answer.body.errors.length, 1);
  assert.equal(answer.body.errors[0].code, "parameter_invalid");
  assert.equal(answer.body.errors[0].field, field);
  assert.match(answer.body.errors[0].message, new RegExp(String(MAX_SEARCH_VALUE)));
}

describeEachDatabase("search input", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  /** Each text's contact, conversation and ticket id, by text. */
  const contacts = new Map<string, string>();
  const conversations = new Map<string, string>();
  const tickets = new Map<string, string>();
  let ticketTitleAttribute: string;

  const post = (path: string, body: unknown) => callApi(gh.url, tenant.token, path, { method: "POST", body });

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { name: "Search input" });
    const type = (await post("/ticket_types", { name: "Request" })).body;
    ticketTitleAttribute = type.ticket_type_attributes.data[0].id;
    let n = 0;
    for (const text of TEXTS) {
      n++;
      const contact = await createContact(gh.services, tenant.workspace.id, {
        email: `person${n}@example.com`,
        name: text,
        custom_attributes: { motto: text },
      });
      contacts.set(text, contact.id);
      const conversation = await post("/conversations", {
        from: { type: "user", id: contact.id },
        body: text,
      });
      assert.equal(conversation.status, 200, conversation.text);
      conversations.set(text, conversation.body.conversation_id);
      const ticket = await post("/tickets", {
        ticket_type_id: type.id,
        contacts: [{ id: contact.id }],
        ticket_attributes: { _default_title_: text },
      });
      assert.equal(ticket.status, 200, ticket.text);
      tickets.set(text, ticket.body.id);
    }
  });
  after(() => gh.close());

  /** The endpoints whose queries compile to LIKE patterns, each with its text fields and how to read its hits. */
  const endpoints = () => [
    {
      path: "/contacts/search",
      fields: ["name", "custom_attributes.motto"],
      hits: (body: Json) => body.data.map((c: Json) => c.id) as string[],
      ids: contacts,
    },
    {
      path: "/conversations/search",
      fields: ["source.body", "source.author.name"],
      hits: (body: Json) => body.conversations.map((c: Json) => c.id) as string[],
      ids: conversations,
    },
    {
      path: "/tickets/search",
      fields: ["title", `ticket_attribute.${ticketTitleAttribute}`],
      hits: (body: Json) => body.tickets.map((t: Json) => t.id) as string[],
      ids: tickets,
    },
  ];

  it("refuses a 50 kB value under every operator of every search with a 400 naming the field", async () => {
    for (const { path, fields } of endpoints()) {
      for (const field of fields) {
        for (const operator of ["~", "^", "$", "!~", "=", "!="]) {
          const answer = await post(path, { query: { field, operator, value: FIFTY_KB } });
          assertRefused(answer, field);
        }
        const inList = await post(path, { query: { field, operator: "IN", value: ["short", FIFTY_KB] } });
        assertRefused(inList, field);
        const nested = await post(path, {
          query: { operator: "OR", value: [{ field, operator: "^", value: FIFTY_KB }] },
        });
        assertRefused(nested, field);
      }
    }
  });

  it("takes a value of exactly the cap, and refuses one character more", async () => {
    for (const { path, fields, hits } of endpoints()) {
      const field = fields[0] as string;
      const longest = await post(path, {
        query: { field, operator: "~", value: "%".repeat(MAX_SEARCH_VALUE) },
      });
      assert.equal(longest.status, 200, `${path}: ${longest.text.slice(0, 300)}`);
      assert.deepEqual(hits(longest.body), []);
      const over = await post(path, {
        query: { field, operator: "~", value: "%".repeat(MAX_SEARCH_VALUE + 1) },
      });
      assertRefused(over, field);
    }
  });

  it("matches %, _ and \\ as themselves, not as LIKE wildcards", async () => {
    const cases: Array<[operator: string, value: string, expected: string[]]> = [
      ["~", "%", ["100% sure"]],
      ["^", "100%", ["100% sure"]],
      ["$", "%", []],
      ["~", "_", ["snake_case"]],
      ["^", "snake_", ["snake_case"]],
      ["$", "e_case", ["snake_case"]],
      ["~", "\\", ["back\\slash"]],
      ["^", "back\\", ["back\\slash"]],
      ["~", "k\\s", ["back\\slash"]],
      ["~", "\\%", []],
      ["~", "%_%", []],
    ];
    for (const { path, fields, hits, ids } of endpoints()) {
      for (const field of fields) {
        for (const [operator, value, expected] of cases) {
          const answer = await post(path, { query: { field, operator, value } });
          assert.equal(answer.status, 200, `${path} ${field} ${operator} ${value}: ${answer.text}`);
          assert.deepEqual(
            hits(answer.body).sort(),
            expected.map((text) => ids.get(text)).sort(),
            `${path} ${field} ${operator} ${JSON.stringify(value)}`,
          );
        }
      }
    }
  });

  it("caps the article searches' phrase with the same limit", async () => {
    const reader = await tenantHolding(gh.services, ["read_articles"]);
    for (const path of ["/articles/search", "/internal_articles/search"]) {
      const over = await callApi(gh.url, reader.token, `${path}?phrase=${"b".repeat(MAX_SEARCH_VALUE + 1)}`);
      assertRefused(over, "phrase");
      // 50 kB does not fit in a request line at all: Node refuses it before Gatehouse sees it.
      const huge = await fetch(`${gh.url}${path}?phrase=${FIFTY_KB}`, { headers: bearer(reader.token) });
      assert.equal(huge.status, 431);
      for (const phrase of ["%", "_", "\\", "a".repeat(MAX_SEARCH_VALUE)]) {
        const answer = await callApi(gh.url, reader.token, `${path}?phrase=${encodeURIComponent(phrase)}`);
        assert.equal(answer.status, 200, `${path} ${phrase.slice(0, 10)}: ${answer.text.slice(0, 300)}`);
      }
    }
  });
});
