import { ApiError, errors } from "../core/errors.ts";
import { type Services, type Trx, write } from "../core/services.ts";
import { recordId, requireText } from "../core/validation.ts";
import { isUniqueViolation } from "../storage/errors.ts";
import type { CustomObjectInstanceRow, CustomObjectTypeRow } from "../storage/tables/custom-objects.ts";
import { type CustomObjectInstanceBody, MAX_ATTRIBUTES } from "../wire/custom-object-instance-input.ts";
import { withAttributes } from "./kit/custom-attributes.ts";
import { notFound } from "./kit/missing.ts";
import { deleteOr404 } from "./kit/records.ts";

const TYPE_IDENTIFIER = /^[A-Za-z][A-Za-z0-9_.]{0,189}$/;

const typeNotFound = (identifier: string) =>
  new ApiError(404, "not_found", `Custom object type \`${identifier.slice(0, 190)}\` not found`);

/**
 * Defines a custom object type in a workspace (Intercom does this in its settings, not over the REST
 * API; here the CLI and tests do). Defining an existing type returns it.
 */
export async function defineCustomObjectType(
  s: Services,
  workspaceId: number,
  identifier: string,
): Promise<CustomObjectTypeRow> {
  if (!TYPE_IDENTIFIER.test(identifier))
    throw errors.parameterInvalid(
      "A custom object type's identifier starts with a letter and holds letters, digits, '_' and '.'",
      "identifier",
    );
  try {
    return await write(s, async (trx) => {
      const existing = await typeNamed(trx, workspaceId, identifier);
      if (existing) return existing;
      return trx
        .insertInto("custom_object_types")
        .values({ workspace_id: workspaceId, identifier, created_at: s.now() })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  } catch (error) {
    // Defined by someone else at the same moment: theirs is ours.
    if (isUniqueViolation(error)) return requireType(s.db, workspaceId, identifier);
    throw error;
  }
}

export async function listCustomObjectTypes(
  s: Services,
  workspaceId: number,
): Promise<CustomObjectTypeRow[]> {
  return s.db
    .selectFrom("custom_object_types")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("identifier")
    .execute();
}

function typeNamed(db: Services["db"] | Trx, workspaceId: number, identifier: string) {
  return db
    .selectFrom("custom_object_types")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("identifier", "=", identifier)
    .executeTakeFirst();
}

async function requireType(
  db: Services["db"] | Trx,
  workspaceId: number,
  identifier: string,
): Promise<CustomObjectTypeRow> {
  const type = await typeNamed(db, workspaceId, identifier);
  if (!type) throw typeNotFound(identifier);
  return type;
}

/**
 * Intercom's create-or-update: the instance is named by its type and `external_id`; an existing one
 * keeps the attributes the request leaves out.
 */
export async function upsertCustomObjectInstance(
  s: Services,
  workspaceId: number,
  typeIdentifier: string,
  input: CustomObjectInstanceBody,
): Promise<CustomObjectInstanceRow> {
  const externalId = requireText(input.external_id, "external_id", 255);
  const createdAt = input.external_created_at;
  const updatedAt = input.external_updated_at;
  const given = input.custom_attributes ?? {};
  return write(s, async (trx) => {
    const type = await requireType(trx, workspaceId, typeIdentifier);
    const now = s.now();
    // The instance, held until the write ends (PostgreSQL), so writes at once each keep the other's
    // attributes.
    const held = () => {
      const query = trx
        .selectFrom("custom_object_instances")
        .selectAll()
        .where("type_id", "=", type.id)
        .where("external_id", "=", externalId);
      return (s.dialect === "postgres" ? query.forUpdate() : query).executeTakeFirst();
    };
    let existing = await held();
    if (!existing) {
      // Writes at once to one new external_id make one instance: the insert that loses the race does
      // nothing (PostgreSQL waits for the winner's commit), and its write merges into the winner's.
      const inserted = await trx
        .insertInto("custom_object_instances")
        .values({
          workspace_id: workspaceId,
          type_id: type.id,
          external_id: externalId,
          custom_attributes: JSON.stringify(given),
          external_created_at: createdAt ?? null,
          external_updated_at: updatedAt ?? null,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(["type_id", "external_id"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return inserted;
      existing = await held();
      if (!existing) throw notFound("Custom object instance");
    }
    const merged = withAttributes(existing.custom_attributes, given);
    if (Object.keys(merged).length > MAX_ATTRIBUTES)
      throw errors.parameterInvalid(
        `custom_attributes takes at most ${MAX_ATTRIBUTES} attributes`,
        "custom_attributes",
      );
    return trx
      .updateTable("custom_object_instances")
      .set({
        custom_attributes: JSON.stringify(merged),
        ...(createdAt !== undefined && { external_created_at: createdAt }),
        ...(updatedAt !== undefined && { external_updated_at: updatedAt }),
        updated_at: now,
      })
      .where("id", "=", existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Which instance a request names: Intercom's id, or the caller's external id. */
export type InstanceKey = { id: string } | { externalId: string };

async function locate(
  db: Services["db"] | Trx,
  type: CustomObjectTypeRow,
  key: InstanceKey,
): Promise<CustomObjectInstanceRow | undefined> {
  const base = db.selectFrom("custom_object_instances").selectAll().where("type_id", "=", type.id);
  if ("externalId" in key) return base.where("external_id", "=", key.externalId).executeTakeFirst();
  const id = /^[0-9]{1,15}$/.test(key.id) ? recordId(key.id) : 0;
  return id === 0 ? undefined : base.where("id", "=", id).executeTakeFirst();
}

export async function findCustomObjectInstance(
  s: Services,
  workspaceId: number,
  typeIdentifier: string,
  key: InstanceKey,
): Promise<CustomObjectInstanceRow> {
  const type = await requireType(s.db, workspaceId, typeIdentifier);
  const row = await locate(s.db, type, key);
  if (!row) throw notFound("Custom object instance");
  return row;
}

/** Finds an instance by Intercom's id, or, failing that, by the caller's external id. */
export async function findCustomObjectInstanceByEitherId(
  s: Services,
  workspaceId: number,
  typeIdentifier: string,
  id: string,
): Promise<CustomObjectInstanceRow> {
  const type = await requireType(s.db, workspaceId, typeIdentifier);
  const row = (await locate(s.db, type, { id })) ?? (await locate(s.db, type, { externalId: id }));
  if (!row) throw notFound("Custom object instance");
  return row;
}

export async function deleteCustomObjectInstance(
  s: Services,
  workspaceId: number,
  typeIdentifier: string,
  key: InstanceKey,
): Promise<CustomObjectInstanceRow> {
  return write(s, async (trx) => {
    const type = await requireType(trx, workspaceId, typeIdentifier);
    const row = await locate(trx, type, key);
    if (!row) throw notFound("Custom object instance");
    // Only the delete that removed the row answers it; one at once with it finds nothing left.
    await deleteOr404(
      trx.deleteFrom("custom_object_instances").where("id", "=", row.id),
      "Custom object instance",
    );
    return row;
  });
}
