import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { plainText } from "../src/wire/plain-text.ts";
import { callApi } from "./support/api.ts";
import { newPerson } from "./support/conversation-world.ts";
import { createTenant, type Gatehouse, startGatehouse, type Tenant } from "./support/gatehouse.ts";

/**
 * `display_as=plaintext` (Intercom 2.14, on `GET` and `PUT /conversations/{id}`): the conversation's
 * message and its parts in plain text instead of HTML. A presentation choice only: SQLite alone.
 */
describe("a conversation displayed as plain text", () => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let id: string;

  const call = (path: string, init: Parameters<typeof callApi>[3] = {}) =>
    callApi(gh.url, tenant.token, path, init);
  const bodies = (conversation: {
    source: { body: string };
    conversation_parts: { conversation_parts: Array<{ body: string | null }> };
  }) => [conversation.source.body, ...conversation.conversation_parts.conversation_parts.map((p) => p.body)];

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    tenant = await createTenant(gh.services);
    const contact = await newPerson(gh, tenant, "talker", {});
    const started = await call("/conversations", {
      method: "POST",
      body: {
        from: { type: "user", id: contact.id },
        body: "<p>Hello <b>there</b> &amp; welcome</p><p>Line two</p>",
      },
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    id = started.body.conversation_id;
    const replied = await call(`/conversations/${id}/reply`, {
      method: "POST",
      body: {
        message_type: "comment",
        type: "admin",
        admin_id: String(tenant.admin.id),
        body: '<p>See <a href="https://docs.example.com">the docs</a><img src="https://x.example/i.png"></p>',
      },
    });
    assert.equal(replied.status, 200, JSON.stringify(replied.body));
  });
  after(() => gh.close());

  const html = [
    "<p>Hello <b>there</b> &amp; welcome</p><p>Line two</p>",
    '<p>See <a href="https://docs.example.com">the docs</a><img src="https://x.example/i.png"></p>',
  ];
  const plain = ["Hello there & welcome\n\nLine two", "See the docs"];

  it("GET shows HTML as sent, and plain text when asked", async () => {
    const asSent = await call(`/conversations/${id}`);
    assert.equal(asSent.status, 200);
    assert.deepEqual(bodies(asSent.body), html);
    const asText = await call(`/conversations/${id}?display_as=plaintext`);
    assert.equal(asText.status, 200, JSON.stringify(asText.body));
    assert.deepEqual(bodies(asText.body), plain);
  });

  it("PUT answers in plain text when asked, and checks the parameter at the door", async () => {
    const updated = await call(`/conversations/${id}?display_as=plaintext`, {
      method: "PUT",
      body: { read: true },
    });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.read, true);
    // A write answers with the parts it added (none here): the message shows as text.
    assert.deepEqual(bodies(updated.body), [plain[0]]);
    const refused = await call(`/conversations/${id}?display_as=${"x".repeat(51)}`, {
      method: "PUT",
      body: { read: true },
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.errors[0].code, "parameter_invalid");
    assert.equal(refused.body.errors[0].field, "display_as");
  });

  it("reads any body a caller can send: deep nesting, stray and unclosed tags, script and style", async () => {
    const contact = await newPerson(gh, tenant, "hostile", {});
    const body = `${"<b>".repeat(9_000)}deep${"</b>".repeat(9_000)}<p>1 < 2 & 3 > 0</p><script>alert(1)</script><style>p{}</style><i`;
    const started = await call("/conversations", {
      method: "POST",
      body: { from: { type: "user", id: contact.id }, body },
    });
    assert.equal(started.status, 200, JSON.stringify(started.body).slice(0, 300));
    const shown = await call(`/conversations/${started.body.conversation_id}?display_as=plaintext`);
    assert.equal(shown.status, 200);
    assert.equal(shown.body.source.body, "deep\n\n1 < 2 & 3 > 0\n\n<i");
  });
});

describe("plainText", () => {
  it("reads entities, breaks and blocks, and leaves what is not markup as text", () => {
    assert.equal(plainText("a<br>b<br/>c<div>d</div>e"), "a\nb\nc\nd\ne");
    assert.equal(plainText("<ul><li>one</li><li>two</li></ul>"), "one\ntwo");
    assert.equal(
      plainText("&lt;b&gt; &#65;&#x42; &nbsp;&bogus; &#0; &#xD800; &#x110000;"),
      "<b> AB  &bogus; &#0; &#xD800; &#x110000;",
    );
    assert.equal(plainText("x<!-- a comment -->y<scripty>z"), "xyz");
    assert.equal(plainText("<script>never closed"), "");
    assert.equal(plainText("<".repeat(1_000)), "<".repeat(1_000));
    assert.equal(plainText(`${"< ".repeat(1_000)}>`), `${"<".repeat(1_000).split("").join(" ")} >`);
  });

  it("reads tags where they are in text of any script, even where lower case is longer", () => {
    // "İ" (U+0130) lower-cases to two UTF-16 units: positions in a lower-cased copy drift from the text's.
    const drift = "İ".repeat(8);
    assert.equal(
      plainText(`${drift}<p>hello</p><script>secret()</script>world`),
      `${drift}\n\nhello\n\nworld`,
    );
    assert.equal(plainText(`İ<SCRIPT>secret()</ScRiPt>İ<B>bold</B>`), "İİbold");
    assert.equal(plainText("Ωμέγα<br>Straße<DIV>日本語</DIV>😀"), "Ωμέγα\nStraße\n日本語\n😀");
  });
});
