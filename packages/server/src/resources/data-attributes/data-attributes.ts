import { errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import { isUniqueViolation } from "../../storage/errors.ts";
import type {
  DataAttributeModel,
  DataAttributeRow,
  DataAttributeType,
} from "../../storage/tables/data-attributes.ts";
import type { DataAttributeChangesBody, NewDataAttributeBody } from "../../wire/data-attribute-input.ts";
import { findInWorkspace } from "../kit/records.ts";
import { BUILT_IN_ATTRIBUTES } from "./builtin-attributes.ts";

const MAX_NAME = 190;
/** Letters, digits, currency symbols and hyphens, as Intercom's rule says; spaces and underscores too. */
const NAME = /^[\p{L}\p{N}\p{Sc}\- _]+$/u;

/** How Intercom's messages speak of each model's data. */
const MODEL_WORD: Record<DataAttributeModel, string> = { contact: "people", company: "company" };

export async function listCustomAttributes(
  s: Services,
  workspaceId: number,
  filter: { model?: DataAttributeModel; includeArchived: boolean },
): Promise<DataAttributeRow[]> {
  let query = s.db.selectFrom("data_attributes").selectAll().where("workspace_id", "=", workspaceId);
  if (filter.model) query = query.where("model", "=", filter.model);
  if (!filter.includeArchived) query = query.where("archived", "=", false);
  return query.orderBy("id").execute();
}

/** A list attribute's options: at least two, each a distinct, non-blank text (their shape is the schema's). */
function options(value: Array<{ value: string }> | undefined): string[] {
  if (value === undefined) throw errors.parameterInvalid("Options isn't an array", "options");
  if (value.length < 2)
    throw errors.parameterInvalid("A list attribute needs at least two options", "options");
  const values = value.map(({ value: text }) => {
    if (text.trim() === "")
      throw errors.parameterInvalid(
        "Each option must be an object with a value of up to 255 characters",
        "options",
      );
    return text;
  });
  if (new Set(values).size !== values.length)
    throw errors.parameterInvalid("Options must not repeat", "options");
  return values;
}

/** Intercom's `POST /data_attributes`: a custom attribute of contacts or companies. */
export async function createDataAttribute(
  s: Services,
  workspaceId: number,
  adminId: number,
  input: NewDataAttributeBody,
): Promise<DataAttributeRow> {
  const name = input.name.trim();
  if (name === "" || name.length > MAX_NAME || !NAME.test(name)) {
    throw errors.parameterInvalid(
      "Your name for this attribute must only contain alphanumeric characters, currency symbols, and hyphens",
      "name",
    );
  }
  const model: DataAttributeModel = input.model;
  const isList = input.data_type === "options";
  if (!isList && input.options !== undefined)
    throw errors.parameterInvalid("Only a list attribute (data_type options) takes options", "options");
  const listOptions = isList ? options(input.options) : null;
  const dataType: DataAttributeType = input.data_type === "options" ? "string" : input.data_type;
  const text = input.description ?? null;
  const messengerWritable = input.messenger_writable ?? false;

  const key = name.toLowerCase();
  const taken = (existing: DataAttributeModel) =>
    errors.parameterInvalid(
      `You already have '${name}' in your ${MODEL_WORD[existing]} data. To save this as new ${MODEL_WORD[model]} data, use a different name.`,
      "name",
    );
  if (
    BUILT_IN_ATTRIBUTES[model].some((a) => a.name.toLowerCase() === key || a.full_name.toLowerCase() === key)
  )
    throw taken(model);
  try {
    return await write(s, async (trx) => {
      const existing = await trx
        .selectFrom("data_attributes")
        .select("model")
        .where("workspace_id", "=", workspaceId)
        .where("name_key", "=", key)
        .executeTakeFirst();
      if (existing) throw taken(existing.model);
      const now = s.now();
      return trx
        .insertInto("data_attributes")
        .values({
          workspace_id: workspaceId,
          model,
          name,
          name_key: key,
          description: text,
          data_type: dataType,
          options: listOptions ? JSON.stringify(listOptions) : null,
          messenger_writable: messengerWritable,
          archived: false,
          admin_id: adminId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  } catch (error) {
    // Two creations of one name at once: the loser is told as if it had come second.
    if (isUniqueViolation(error)) throw taken(model);
    throw error;
  }
}

/** Intercom's `PUT /data_attributes/{id}`: archive or restore, describe, and change a list's options. */
export async function updateDataAttribute(
  s: Services,
  workspaceId: number,
  id: number,
  changes: DataAttributeChangesBody,
): Promise<DataAttributeRow> {
  const set: {
    archived?: boolean;
    description?: string | null;
    messenger_writable?: boolean;
    options?: string;
  } = {};
  if (changes.archived !== undefined) set.archived = changes.archived;
  if (changes.description !== undefined) set.description = changes.description;
  if (changes.messenger_writable !== undefined) set.messenger_writable = changes.messenger_writable;
  const newOptions = changes.options === undefined ? undefined : options(changes.options);
  return write(s, async (trx) => {
    const row = await findInWorkspace(trx, "data_attributes", workspaceId, id, "Data attribute");
    if (newOptions) {
      if (row.options === null)
        throw errors.parameterInvalid("Only a list attribute has options to change", "options");
      set.options = JSON.stringify(newOptions);
    }
    return trx
      .updateTable("data_attributes")
      .set({ ...set, updated_at: s.now() })
      .where("id", "=", row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
