import assert from "node:assert/strict";
import { it } from "node:test";
import type { Json } from "./support/api.ts";
import { bearer } from "./support/gatehouse.ts";
import { webhookSuite as suite, webhookHarness } from "./support/webhook-receiving.ts";

/**
 * A write through the 1.x Users API is a write of a contact: it raises the contact topics 2.x raises,
 * with the contact as 2.x shows it, so an app subscribed on 2.x hears of an old integration's changes.
 */
suite("webhook topics of the 1.x Users API", (database) => {
  const h = webhookHarness(database);

  it("create, update, archive and restore through /users raise the contact topics, with 2.x items", async () => {
    const tenant = await h.subscribed(
      [
        "contact.user.created",
        "contact.user.updated",
        "contact.email.updated",
        "contact.archived",
        "contact.unarchived",
      ],
      "users-1x",
    );
    const v1 = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(h.gh.url + path, {
        method,
        headers: {
          ...bearer(tenant.token),
          "intercom-version": "1.4",
          ...(body !== undefined && { "content-type": "application/json" }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      assert.equal(response.status, 200, `${method} ${path}`);
      return (await response.json()) as Json;
    };
    const user = await v1("POST", "/users", { user_id: "kaylee", email: "kaylee@example.com" });
    await v1("POST", "/users", { user_id: "kaylee", email: "kaywinnet@example.com" });
    await v1("DELETE", `/users/${user.id}`);
    await v1("POST", "/users", { user_id: "kaylee", name: "Kaylee" });
    assert.deepEqual(await h.queuedTopics(tenant), [
      "contact.user.created",
      "contact.user.updated",
      "contact.email.updated",
      "contact.archived",
      "contact.unarchived",
      "contact.user.updated",
    ]);
    const notifications = await h.received("users-1x", tenant, 6);
    const created = notifications.find((n) => n.topic === "contact.user.created");
    assert.equal(created?.data.item.type, "contact");
    assert.equal(created?.data.item.id, user.id);
    assert.equal(created?.data.item.external_id, "kaylee");
  });
});
