import assert from "node:assert/strict";
import { it } from "node:test";
import { webhookSuite as suite, webhookHarness } from "./support/webhook-receiving.ts";

type Json = Record<string, unknown>;

suite("webhook topics for companies, events and contact tags", (database) => {
  const h = webhookHarness(database);
  const { subscribed, queuedTopics, received } = h;
  const caller = h.api;

  it("companies created, updated, attached, detached and deleted raise Intercom's company topics", async () => {
    const tenant = await subscribed(
      [
        "company.created",
        "company.updated",
        "company.deleted",
        "company.contact.attached",
        "company.contact.detached",
      ],
      "companies",
    );
    const api = caller(tenant);
    const created = await api("POST", "/companies", { company_id: "acme-1", name: "Acme" });
    assert.equal(created.status, 200);
    const companyId = created.body.id as string;
    // Intercom's create-or-update: the same company_id again updates the company.
    const upserted = await api("POST", "/companies", { company_id: "acme-1", plan: "Pro" });
    assert.equal(upserted.status, 200);
    assert.equal(upserted.body.id, companyId);
    const renamed = await api("PUT", `/companies/${companyId}`, { name: "Acme Ltd", size: 40 });
    assert.equal(renamed.status, 200);

    const contact = await api("POST", "/contacts", { role: "user", email: "ada@example.com" });
    assert.equal(contact.status, 200);
    const contactId = contact.body.id as string;
    const attached = await api("POST", `/contacts/${contactId}/companies`, { id: companyId });
    assert.equal(attached.status, 200);
    const contactWhileAttached = await api("GET", `/contacts/${contactId}`);
    // Attaching again changes nothing, and so notifies nothing.
    assert.equal((await api("POST", `/contacts/${contactId}/companies`, { id: companyId })).status, 200);
    const detached = await api("DELETE", `/contacts/${contactId}/companies/${companyId}`);
    assert.equal(detached.status, 200);
    const contactAfterDetach = await api("GET", `/contacts/${contactId}`);
    assert.equal((await api("DELETE", `/companies/${companyId}`)).status, 200);

    assert.deepEqual(await queuedTopics(tenant), [
      "company.created",
      "company.updated",
      "company.updated",
      "company.contact.attached",
      "company.contact.detached",
      "company.deleted",
    ]);
    const notifications = await received("companies", tenant, 6);
    const items = (topic: string) => notifications.filter((n) => n.topic === topic).map((n) => n.data.item);

    assert.deepEqual(items("company.created"), [created.body]);
    const updates = items("company.updated");
    assert.equal(updates.length, 2);
    assert.deepEqual(
      updates.find((item) => item.name === "Acme"),
      upserted.body,
      "the create-or-update that found the company",
    );
    assert.deepEqual(
      updates.find((item) => item.name === "Acme Ltd"),
      renamed.body,
    );
    assert.equal((renamed.body.plan as Json).name, "Pro");

    const [attachItem] = items("company.contact.attached");
    assert.deepEqual(attachItem, { company: attached.body, contact: contactWhileAttached.body });
    assert.equal(attached.body.user_count, 1);
    assert.deepEqual(
      (contactWhileAttached.body.companies as { data: Json[] }).data.map((c) => c.id),
      [companyId],
    );

    const [detachItem] = items("company.contact.detached");
    assert.deepEqual(detachItem, { company: detached.body, contact: contactAfterDetach.body });
    assert.equal(detached.body.user_count, 0);

    // As Intercom records it: the id alone, whatever the company held.
    assert.deepEqual(items("company.deleted"), [{ type: "company", id: companyId, deleted: true }]);
  });

  it("a tracked event raises event.created with the event as a contact's event list shows it", async () => {
    const tenant = await subscribed(["event.created"], "events");
    const api = caller(tenant);
    const contact = await api("POST", "/contacts", {
      role: "user",
      email: "grace@example.com",
      external_id: "grace-1",
    });
    const contactId = contact.body.id as string;
    const at = Math.floor(Date.now() / 1000) - 60;
    const event = {
      event_name: "invited-friend",
      created_at: at,
      user_id: "grace-1",
      metadata: { invitee: "ada@example.com", order: { amount: 3499, currency: "EUR" } },
    };
    assert.equal((await api("POST", "/events", event)).status, 202);
    // The same contact, name and second is the same event: no second notification.
    assert.equal((await api("POST", "/events", event)).status, 202);
    assert.deepEqual(await queuedTopics(tenant), ["event.created"]);

    const listed = await api("GET", `/events?type=user&intercom_user_id=${contactId}`);
    const [shown] = listed.body.events as Json[];
    assert.ok(shown);
    const [notification] = await received("events", tenant, 1);
    assert.ok(notification);
    assert.equal(notification.topic, "event.created");
    assert.deepEqual(notification.data.item, shown);
    assert.equal(notification.data.item.event_name, "invited-friend");
    assert.equal(notification.data.item.created_at, at);
    assert.equal(notification.data.item.user_id, "grace-1");
    assert.equal(notification.data.item.intercom_user_id, contactId);
    assert.deepEqual(notification.data.item.metadata, event.metadata);
  });

  it("tagging and untagging a contact raises the tag topics of its role, with a contact_tag item", async () => {
    const tenant = await subscribed(
      [
        "contact.user.tag.created",
        "contact.user.tag.deleted",
        "contact.lead.tag.created",
        "contact.lead.tag.deleted",
      ],
      "tags",
    );
    const api = caller(tenant);
    const user = await api("POST", "/contacts", { role: "user", email: "user@example.com" });
    const lead = await api("POST", "/contacts", { role: "lead", name: "A lead" });
    const tag = await api("POST", "/tags", { name: "VIP" });
    assert.equal(tag.status, 200);
    const tagId = tag.body.id as string;

    const tagged = await api("POST", `/contacts/${user.body.id}/tags`, { id: tagId });
    assert.equal(tagged.status, 200);
    const userTagged = await api("GET", `/contacts/${user.body.id}`);
    // Tagging again changes nothing, and so notifies nothing.
    assert.equal((await api("POST", `/contacts/${user.body.id}/tags`, { id: tagId })).status, 200);
    const untagged = await api("DELETE", `/contacts/${user.body.id}/tags/${tagId}`);
    assert.equal(untagged.status, 200);
    const userUntagged = await api("GET", `/contacts/${user.body.id}`);

    // POST /tags names contacts as `users`, leads among them.
    const bulkTag = await api("POST", "/tags", { name: "VIP", users: [{ id: lead.body.id }] });
    assert.equal(bulkTag.status, 200);
    const leadTagged = await api("GET", `/contacts/${lead.body.id}`);
    const bulkUntag = await api("POST", "/tags", { name: "VIP", users: [{ id: lead.body.id, untag: true }] });
    assert.equal(bulkUntag.status, 200);
    const leadUntagged = await api("GET", `/contacts/${lead.body.id}`);

    assert.deepEqual(await queuedTopics(tenant), [
      "contact.user.tag.created",
      "contact.user.tag.deleted",
      "contact.lead.tag.created",
      "contact.lead.tag.deleted",
    ]);
    const notifications = await received("tags", tenant, 4);
    const item = (topic: string) => notifications.find((n) => n.topic === topic)?.data.item;
    const tagObject = { type: "tag", id: tagId, name: "VIP" };
    assert.deepEqual(tagged.body, tagObject);
    assert.deepEqual(item("contact.user.tag.created"), {
      type: "contact_tag",
      tag: tagObject,
      contact: userTagged.body,
    });
    assert.equal((userTagged.body.tags as { total_count: number }).total_count, 1);
    assert.deepEqual(item("contact.user.tag.deleted"), {
      type: "contact_tag",
      tag: untagged.body,
      contact: userUntagged.body,
    });
    assert.deepEqual(item("contact.lead.tag.created"), {
      type: "contact_tag",
      tag: tagObject,
      contact: leadTagged.body,
    });
    assert.equal(leadTagged.body.role, "lead");
    assert.deepEqual(item("contact.lead.tag.deleted"), {
      type: "contact_tag",
      tag: tagObject,
      contact: leadUntagged.body,
    });
  });

  it("a write that fails queues no notification", async () => {
    const tenant = await subscribed(
      ["company.updated", "event.created", "contact.user.tag.created"],
      "failed",
    );
    const api = caller(tenant);
    const company = await api("POST", "/companies", { company_id: "fails-1", name: "Steady" });
    const contact = await api("POST", "/contacts", { role: "user", email: "steady@example.com" });
    const at = Math.floor(Date.now() / 1000);

    const badField = await api("PUT", `/companies/${company.body.id}`, { size: -5 });
    assert.equal(badField.status, 400);
    const noCompany = await api("PUT", `/companies/${"0".repeat(24)}`, { name: "Nobody" });
    assert.equal(noCompany.status, 404);
    const noContact = await api("POST", "/events", {
      event_name: "orphaned",
      created_at: at,
      user_id: "no-such-user",
    });
    assert.equal(noContact.status, 404);
    const noTag = await api("POST", `/contacts/${contact.body.id}/tags`, { id: "999999999" });
    assert.equal(noTag.status, 404);
    assert.deepEqual(await queuedTopics(tenant), [], "nothing was queued for the failed writes");

    // The same subscription does hear a write that succeeds.
    const ok = await api("PUT", `/companies/${company.body.id}`, { name: "Steadier" });
    assert.equal(ok.status, 200);
    assert.deepEqual(await queuedTopics(tenant), ["company.updated"]);
    const [notification] = await received("failed", tenant, 1);
    assert.deepEqual(notification?.data.item, ok.body);
  });
});
