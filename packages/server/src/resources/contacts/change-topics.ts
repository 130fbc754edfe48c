import type { Services, Trx } from "../../core/services.ts";
import { toBool } from "../../storage/schema.ts";
import type { ContactRow } from "../../storage/tables/contacts.ts";
import { contactSubscriptionObject } from "../../wire/contact.ts";
import { contactObjectIn } from "./present.ts";

/**
 * The contact topics a change of fields raises beyond `contact.{role}.updated`, each only when its field
 * really changed between `before` and `after` (the same contact, read in the write's transaction):
 *
 * - `contact.lead.signed_up`: a lead became a user.
 * - `contact.lead.added_email`: a lead that had no email got one; any other change of email,
 *   `contact.email.updated`. Intercom tells the two apart, so one change raises one of them.
 * - `contact.unsubscribed` / `contact.subscribed`: `unsubscribed_from_emails` flipped.
 */
export async function raiseContactChanges(
  s: Services,
  trx: Trx,
  before: ContactRow,
  after: ContactRow,
): Promise<void> {
  const workspaceId = after.workspace_id;
  const contact = () => contactObjectIn(trx, after);
  if (before.role === "lead" && after.role === "user") {
    await s.outbox.raise(trx, { workspaceId, topic: "contact.lead.signed_up", item: contact });
  }
  if (before.email !== after.email) {
    const added = before.role === "lead" && before.email === null;
    await s.outbox.raise(trx, {
      workspaceId,
      topic: added ? "contact.lead.added_email" : "contact.email.updated",
      item: contact,
    });
  }
  const unsubscribed = toBool(after.unsubscribed_from_emails);
  if (toBool(before.unsubscribed_from_emails) !== unsubscribed) {
    await s.outbox.raise(trx, {
      workspaceId,
      topic: unsubscribed ? "contact.unsubscribed" : "contact.subscribed",
      item: async () => contactSubscriptionObject(unsubscribed, await contact(), after.updated_at),
    });
  }
}
