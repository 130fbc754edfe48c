import assert from "node:assert/strict";
import { it } from "node:test";
import type { Json } from "./support/api.ts";
import { webhookSuite as suite, webhookHarness } from "./support/webhook-receiving.ts";

suite("webhook topics of a contact's lifecycle and field changes", (database) => {
  const h = webhookHarness(database);
  const { subscribed, queuedTopics, received } = h;
  const caller = h.api;

  it("a record deleted by twenty requests at once is deleted once: one 200, nineteen 404s, one notification", async () => {
    const tenant = await subscribed(["contact.deleted", "company.deleted"], "deleted-once");
    const api = caller(tenant);
    const contact = await api("POST", "/contacts", { email: "once@example.com" });
    const company = await api("POST", "/companies", { company_id: "once-co", name: "Once" });
    for (const path of [`/contacts/${contact.body.id}`, `/companies/${company.body.id}`]) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => api("DELETE", path)));
      assert.deepEqual(
        answers.map((a) => a.status).sort(),
        [200, ...Array(19).fill(404)],
        `${path}: ${JSON.stringify(answers.map((a) => a.status))}`,
      );
    }
    assert.deepEqual(await queuedTopics(tenant), ["contact.deleted", "company.deleted"]);
  });

  it("archiving, unarchiving and blocking raise contact.archived and contact.unarchived once each", async () => {
    const tenant = await subscribed(["contact.archived", "contact.unarchived"], "archive");
    const api = caller(tenant);
    const person = await api("POST", "/contacts", { email: "archived@example.com", external_id: "arch-1" });
    const spammer = await api("POST", "/contacts", { role: "lead", email: "spam@example.com" });

    const archived = await api("POST", `/contacts/${person.body.id}/archive`);
    assert.equal(archived.status, 200);
    // Again changes nothing, and so notifies nothing.
    assert.equal((await api("POST", `/contacts/${person.body.id}/archive`)).status, 200);
    const unarchived = await api("POST", `/contacts/${person.body.id}/unarchive`);
    assert.equal(unarchived.status, 200);
    assert.equal((await api("POST", `/contacts/${person.body.id}/unarchive`)).status, 200);
    // Blocking archives the contact; blocking again, or a refused unarchive, raises nothing more.
    assert.equal((await api("POST", `/contacts/${spammer.body.id}/block`)).status, 200);
    assert.equal((await api("POST", `/contacts/${spammer.body.id}/block`)).status, 200);
    assert.equal((await api("POST", `/contacts/${spammer.body.id}/unarchive`)).status, 400);
    assert.equal((await api("POST", `/contacts/${"0".repeat(24)}/archive`)).status, 404);

    assert.deepEqual(await queuedTopics(tenant), [
      "contact.archived",
      "contact.unarchived",
      "contact.archived",
    ]);
    const notifications = await received("archive", tenant, 3);
    const items = (topic: string) => notifications.filter((n) => n.topic === topic).map((n) => n.data.item);
    // Intercom notifies these with what the archive and unarchive calls answer.
    // Deliveries go out in parallel and may arrive in any order.
    const byId = (a: Json, b: Json) => (String(a.id) < String(b.id) ? -1 : 1);
    assert.deepEqual(
      items("contact.archived").sort(byId),
      [
        archived.body,
        { id: spammer.body.id, external_id: spammer.body.external_id, type: "contact", archived: true },
      ].sort(byId),
    );
    assert.deepEqual(archived.body, {
      id: person.body.id,
      external_id: "arch-1",
      type: "contact",
      archived: true,
    });
    assert.deepEqual(items("contact.unarchived"), [unarchived.body]);
    assert.equal(unarchived.body.archived, false);
  });

  it("an update raises the email, subscription and sign-up topics only for what really changed", async () => {
    const tenant = await subscribed(
      [
        "contact.lead.signed_up",
        "contact.lead.added_email",
        "contact.email.updated",
        "contact.subscribed",
        "contact.unsubscribed",
      ],
      "changes",
    );
    const api = caller(tenant);
    const lead = await api("POST", "/contacts", { role: "lead", name: "No Email Yet" });
    const user = await api("POST", "/contacts", { role: "user", email: "first@example.com" });
    const put = async (id: string, body: object) => {
      const answer = await api("PUT", `/contacts/${id}`, body);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body;
    };

    // Changes that touch none of these fields, or set them to what they were, raise nothing.
    await put(user.body.id, { name: "Renamed" });
    await put(user.body.id, { email: "FIRST@example.com", unsubscribed_from_emails: false, role: "user" });
    await put(lead.body.id, { email: null, role: "lead" });
    assert.equal((await api("PUT", `/contacts/${user.body.id}`, { email: "not an email" })).status, 400);
    assert.deepEqual(await queuedTopics(tenant), [], "no-op and failed updates raise nothing");

    const addedEmail = await put(lead.body.id, { email: "lead@example.com" });
    const leadEmailChanged = await put(lead.body.id, { email: "lead2@example.com" });
    const userEmailChanged = await put(user.body.id, { email: "second@example.com" });
    const unsubscribed = await put(user.body.id, { unsubscribed_from_emails: true });
    const resubscribed = await put(user.body.id, { unsubscribed_from_emails: false });
    const signedUp = await put(lead.body.id, { role: "user" });
    // A user cannot be made a lead again (Intercom's 400), so raises nothing more.
    assert.equal((await api("PUT", `/contacts/${lead.body.id}`, { role: "lead" })).status, 400);

    assert.deepEqual(await queuedTopics(tenant), [
      "contact.lead.added_email",
      "contact.email.updated",
      "contact.email.updated",
      "contact.unsubscribed",
      "contact.subscribed",
      "contact.lead.signed_up",
    ]);
    const notifications = await received("changes", tenant, 6);
    const items = (topic: string) => notifications.filter((n) => n.topic === topic).map((n) => n.data.item);

    assert.deepEqual(items("contact.lead.added_email"), [addedEmail]);
    assert.equal(addedEmail.role, "lead");
    assert.deepEqual(
      items("contact.email.updated").sort((a, b) => (a.id < b.id ? -1 : 1)),
      [leadEmailChanged, userEmailChanged].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    assert.deepEqual(items("contact.unsubscribed"), [
      { type: "contact_unsubscribe", contact: unsubscribed, created_at: unsubscribed.updated_at },
    ]);
    assert.equal(unsubscribed.unsubscribed_from_emails, true);
    assert.deepEqual(items("contact.subscribed"), [
      { type: "contact_subscribe", contact: resubscribed, created_at: resubscribed.updated_at },
    ]);
    assert.deepEqual(items("contact.lead.signed_up"), [signedUp]);
    assert.equal(signedUp.role, "user");
  });

  it("merging a lead into a user raises contact.lead.signed_up with the user as merged", async () => {
    const tenant = await subscribed(["contact.lead.signed_up", "contact.deleted"], "merge");
    const api = caller(tenant);
    const lead = await api("POST", "/contacts", { role: "lead", name: "Merging Lead", phone: "+15550002" });
    const user = await api("POST", "/contacts", { role: "user", email: "merged@example.com" });
    const otherUser = await api("POST", "/contacts", { role: "user", email: "never@example.com" });

    const refused = await api("POST", "/contacts/merge", { from: otherUser.body.id, into: user.body.id });
    assert.equal(refused.status, 400);
    assert.deepEqual(await queuedTopics(tenant), [], "a refused merge raises nothing");

    const merged = await api("POST", "/contacts/merge", { from: lead.body.id, into: user.body.id });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    assert.deepEqual(await queuedTopics(tenant), ["contact.lead.signed_up"], "a merged lead is not deleted");
    const [notification] = await received("merge", tenant, 1);
    assert.equal(notification?.topic, "contact.lead.signed_up");
    assert.deepEqual(notification?.data.item, merged.body);
    assert.equal(merged.body.id, user.body.id);
    assert.equal(merged.body.name, "Merging Lead");
    assert.equal(merged.body.phone, "+15550002");
  });
});
