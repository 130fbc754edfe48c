import { errors } from "../core/errors.ts";
import { type Services, type Trx, write } from "../core/services.ts";
import { pathId, recordId, requireText } from "../core/validation.ts";
import { isUniqueViolation } from "../storage/errors.ts";
import type { ContactRow } from "../storage/tables/contacts.ts";
import type { WorkspaceRow } from "../storage/tables/identity.ts";
import type { ConsentType, SubscriptionState, SubscriptionTypeRow } from "../storage/tables/subscriptions.ts";
import type { AttachSubscriptionBody } from "../wire/subscription-type-input.ts";
import { findContact } from "./contacts/contacts.ts";
import { notFound } from "./kit/missing.ts";

/**
 * Subscription types: the kinds of email and SMS a workspace sends that its contacts may choose about.
 * A contact is in an opt-out type's audience until it opts out, and outside an opt-in type's until it
 * opts in; what is kept per contact is only that explicit choice. Intercom's settings define the types
 * (its API only reads them), so here every workspace starts with a set and operators define more.
 */

type Db = Services["db"] | Trx;

const CONSENT_TYPES: readonly ConsentType[] = ["opt_in", "opt_out"];
const STATES: readonly SubscriptionState[] = ["live", "draft", "archived"];
const CONTENT_TYPES = ["email", "sms_message"] as const;

export interface SubscriptionTypeDefinition {
  name: string;
  description: string;
  consentType: ConsentType;
  contentTypes: Array<(typeof CONTENT_TYPES)[number]>;
}

/**
 * What a workspace starts with: news by email until one opts out, and texts only to those who opt in
 * (migration 0017 gave the workspaces that existed the same).
 */
export const DEFAULT_SUBSCRIPTION_TYPES: readonly SubscriptionTypeDefinition[] = [
  {
    name: "Newsletters",
    description: "News, tips and announcements",
    consentType: "opt_out",
    contentTypes: ["email"],
  },
  {
    name: "Product updates",
    description: "New features and changes to the product",
    consentType: "opt_out",
    contentTypes: ["email"],
  },
  {
    name: "SMS updates",
    description: "Short updates by text message",
    consentType: "opt_in",
    contentTypes: ["sms_message"],
  },
];

/** Runs in the transaction that creates the workspace. */
export async function provisionSubscriptionTypes(trx: Trx, workspace: WorkspaceRow): Promise<void> {
  const at = workspace.created_at;
  await trx
    .insertInto("subscription_types")
    .values(
      DEFAULT_SUBSCRIPTION_TYPES.map((t) => ({
        workspace_id: workspace.id,
        name: t.name,
        name_key: t.name.toLowerCase(),
        description: t.description,
        state: "live" as const,
        consent_type: t.consentType,
        content_types: JSON.stringify(t.contentTypes),
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

export async function listSubscriptionTypes(
  s: Services,
  workspaceId: number,
): Promise<SubscriptionTypeRow[]> {
  return s.db
    .selectFrom("subscription_types")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("id")
    .execute();
}

/** What an operator's `gatehouse subscription-type define` gives, as typed. */
export interface SubscriptionTypeInput {
  name: unknown;
  description?: unknown;
  consentType?: unknown;
  contentTypes?: unknown;
  state?: unknown;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw errors.parameterInvalid(`${field} must be one of ${allowed.join(", ")}`, field);
}

function contentTypes(value: unknown): string {
  const list = typeof value === "string" ? value.split(",").map((v) => v.trim()) : value;
  if (!Array.isArray(list) || list.length === 0)
    throw errors.parameterInvalid(`content types are some of ${CONTENT_TYPES.join(", ")}`, "content_types");
  const chosen = new Set(list.map((v: unknown) => oneOf(v, CONTENT_TYPES, "content_types")));
  // In Intercom's order, whatever order they were named in.
  return JSON.stringify(CONTENT_TYPES.filter((t) => chosen.has(t)));
}

/**
 * Defines a subscription type, or, for a name the workspace already has, changes its description and
 * state. Its consent and content types stay as first defined: the choices contacts made were made
 * about those, and would mean the opposite under another consent type.
 */
export async function defineSubscriptionType(
  s: Services,
  workspaceId: number,
  input: SubscriptionTypeInput,
): Promise<SubscriptionTypeRow> {
  const name = requireText(input.name, "name", 190);
  const description =
    input.description === undefined ? undefined : requireText(input.description, "description", 1000);
  const consent =
    input.consentType === undefined ? undefined : oneOf(input.consentType, CONSENT_TYPES, "consent_type");
  const types = input.contentTypes === undefined ? undefined : contentTypes(input.contentTypes);
  const state = input.state === undefined ? undefined : oneOf(input.state, STATES, "state");
  try {
    return await write(s, async (trx) => {
      const existing = await trx
        .selectFrom("subscription_types")
        .selectAll()
        .where("workspace_id", "=", workspaceId)
        .where("name_key", "=", name.toLowerCase())
        .executeTakeFirst();
      if (!existing) {
        return trx
          .insertInto("subscription_types")
          .values({
            workspace_id: workspaceId,
            name,
            name_key: name.toLowerCase(),
            description: description ?? "",
            state: state ?? "live",
            consent_type: consent ?? "opt_out",
            content_types: types ?? '["email"]',
            created_at: s.now(),
            updated_at: s.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      if ((consent && consent !== existing.consent_type) || (types && types !== existing.content_types)) {
        throw errors.conflict(
          `"${existing.name}" is ${existing.consent_type} for ${JSON.parse(existing.content_types).join(", ")}: ` +
            "its consent and content types cannot change",
        );
      }
      if (description === undefined && state === undefined) return existing;
      return trx
        .updateTable("subscription_types")
        .set({
          ...(description !== undefined && { description }),
          ...(state !== undefined && { state }),
          updated_at: s.now(),
        })
        .where("id", "=", existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw errors.conflict(`"${name}" was defined at the same moment; try again`);
    throw error;
  }
}

/**
 * The contact found as the API finds contacts (archived ones are not), then held in the transaction
 * that records its choice: on PostgreSQL it cannot go until that commits; gone already is not found.
 */
async function heldContact(s: Services, trx: Trx, contact: ContactRow): Promise<ContactRow> {
  let query = trx.selectFrom("contacts").select("seq").where("seq", "=", contact.seq);
  if (s.dialect === "postgres") query = query.forShare();
  if (!(await query.executeTakeFirst())) throw notFound("User");
  return contact;
}

/**
 * A subscription type of the workspace named by an id sent as digits or a number. Anything else that
 * is text names no type (Intercom answers "invalid_id" with a 404).
 */
async function typeIn(db: Db, workspaceId: number, value: number | string): Promise<SubscriptionTypeRow> {
  const id = typeof value === "number" ? recordId(value) : pathId(value);
  const row =
    id === 0
      ? undefined
      : await db
          .selectFrom("subscription_types")
          .selectAll()
          .where("workspace_id", "=", workspaceId)
          .where("id", "=", id)
          .executeTakeFirst();
  if (!row) throw notFound("Resource");
  return row;
}

/** The types a contact has chosen about: opted in to (opt-in types) or out of (opt-out types). */
export async function contactSubscriptions(
  s: Services,
  workspaceId: number,
  contactId: string,
): Promise<SubscriptionTypeRow[]> {
  const contact = await findContact(s, workspaceId, contactId);
  return s.db
    .selectFrom("contact_subscriptions")
    .innerJoin("subscription_types", "subscription_types.id", "contact_subscriptions.subscription_type_id")
    .selectAll("subscription_types")
    .where("contact_subscriptions.contact_seq", "=", contact.seq)
    .orderBy("subscription_types.id")
    .execute();
}

/**
 * Records a contact's choice about a live subscription type: `consent_type` says which choice the caller
 * means, and must be the type's own (opting in to an opt-in type, out of an opt-out one). Choosing twice
 * is choosing once.
 */
export async function attachSubscription(
  s: Services,
  workspaceId: number,
  contactId: string,
  input: AttachSubscriptionBody,
): Promise<SubscriptionTypeRow> {
  const consent = input.consent_type;
  const found = await findContact(s, workspaceId, contactId);
  return write(s, async (trx) => {
    const contact = await heldContact(s, trx, found);
    const type = await typeIn(trx, workspaceId, input.id);
    if (consent !== type.consent_type)
      throw errors.parameterInvalid(
        `Subscription type ${type.id} is ${type.consent_type}: consent_type must be ${type.consent_type}`,
        "consent_type",
      );
    if (type.state !== "live")
      throw errors.parameterInvalid(
        `Subscription type ${type.id} is ${type.state}: only live types take contacts`,
        "id",
      );
    await trx
      .insertInto("contact_subscriptions")
      .values({ contact_seq: contact.seq, subscription_type_id: type.id, created_at: s.now() })
      .onConflict((oc) => oc.columns(["contact_seq", "subscription_type_id"]).doNothing())
      .execute();
    return type;
  });
}

/**
 * Forgets a contact's choice about a subscription type, leaving the type's default for it; a choice
 * never made is already forgotten.
 */
export async function detachSubscription(
  s: Services,
  workspaceId: number,
  contactId: string,
  subscriptionId: string,
): Promise<SubscriptionTypeRow> {
  const found = await findContact(s, workspaceId, contactId);
  return write(s, async (trx) => {
    const contact = await heldContact(s, trx, found);
    const type = await typeIn(trx, workspaceId, subscriptionId);
    await trx
      .deleteFrom("contact_subscriptions")
      .where("contact_seq", "=", contact.seq)
      .where("subscription_type_id", "=", type.id)
      .execute();
    return type;
  });
}
