import crypto from "node:crypto";
import { errors } from "../core/errors.ts";
import { queueOnWorkspace, type Services, write } from "../core/services.ts";
import type { ContactRow } from "../storage/tables/contacts.ts";
import type { PhoneCallRedirectRow } from "../storage/tables/messenger.ts";
import type { PhoneSwitchBody } from "../wire/phone-switch.ts";
import { changeContact, insertContact } from "./contacts/contacts.ts";
import { shownContacts } from "./contacts/lookup.ts";
import { withAttributes } from "./kit/custom-attributes.ts";

/**
 * A phone number in E.164 form: "+", a country code that does not start with 0, and at most fifteen
 * digits in all. Spaces, dots, hyphens and brackets between digits are read as the separators people
 * write (Intercom's own example is "+1 1234567890"); anything else makes the number invalid.
 */
export function normalizePhone(value: string): string | undefined {
  const trimmed = value.trim();
  if (!/^\+[0-9 .()-]+$/.test(trimmed)) return undefined;
  const digits = trimmed.slice(1).replace(/[ .()-]/g, "");
  return /^[1-9][0-9]{6,14}$/.test(digits) ? `+${digits}` : undefined;
}

/**
 * Intercom's phone switch: the call's number is deflected to the Messenger. The contact with that
 * number (a new lead when there is none) gets the request's custom attributes, and the redirect is
 * kept with the token of its Messenger link. Gatehouse has no SMS gateway: no text message is sent.
 */
export async function createPhoneCallRedirect(
  s: Services,
  workspaceId: number,
  input: PhoneSwitchBody,
): Promise<{ redirect: PhoneCallRedirectRow; contact: ContactRow }> {
  const phone = normalizePhone(input.phone);
  if (!phone) throw errors.parameterInvalid("Invalid phone number", "phone");
  const given = input.custom_attributes ?? {};
  return write(s, async (trx) => {
    // Calls at once from one new number make one lead, and each keeps its attributes: they take turns,
    // as creates of contacts do, and the contact's row is held before it is merged into (PostgreSQL).
    await queueOnWorkspace(s, trx, workspaceId);
    let found = shownContacts(trx, workspaceId).where("phone", "=", phone).orderBy("seq").limit(1);
    if (s.dialect === "postgres") found = found.forUpdate();
    const holder = await found.executeTakeFirst();
    const contact = !holder
      ? await insertContact(s, trx, workspaceId, {
          role: "lead",
          phone,
          custom_attributes: JSON.stringify(given),
        })
      : Object.keys(given).length === 0
        ? holder
        : await changeContact(s, trx, holder, {
            custom_attributes: JSON.stringify(withAttributes(holder.custom_attributes, given)),
          });
    const redirect = await trx
      .insertInto("phone_call_redirects")
      .values({
        workspace_id: workspaceId,
        contact_seq: contact.seq,
        phone,
        token: crypto.randomUUID(),
        custom_attributes: JSON.stringify(given),
        created_at: s.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { redirect, contact };
  });
}

export async function listPhoneCallRedirects(
  s: Services,
  workspaceId: number,
): Promise<PhoneCallRedirectRow[]> {
  return s.db
    .selectFrom("phone_call_redirects")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("id")
    .execute();
}
