import crypto from "node:crypto";
import { errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import { requireText } from "../../core/validation.ts";
import { isUniqueViolation } from "../../storage/errors.ts";
import type { TicketAttributeType, TicketTypeAttributeRow } from "../../storage/tables/tickets.ts";
import type { TicketTypeAttributeBody } from "../../wire/ticket-type-input.ts";
import { findOr404 } from "../kit/records.ts";
import {
  DEFAULT_DESCRIPTION,
  DEFAULT_TITLE,
  findTicketType,
  type InputOptions,
  inputOptions,
  type ListItem,
  MAX_TEXT,
} from "./types.ts";

/** A ticket type's attributes: the fields its tickets hold beyond the title and description. */

const MAX_LIST_ITEMS = 200;

export type TicketTypeAttributeInput = TicketTypeAttributeBody;

/** A comma-separated list of labels, matched to the items a list had: kept labels keep their ids. */
function listItems(value: string, before: ListItem[]): ListItem[] {
  const labels = value
    .split(",")
    .map((label) => label.trim())
    .filter((label) => label !== "");
  if (labels.length === 0)
    throw errors.parameterInvalid("A list attribute needs at least one item", "list_items");
  if (labels.length > MAX_LIST_ITEMS)
    throw errors.parameterInvalid(`A list attribute takes at most ${MAX_LIST_ITEMS} items`, "list_items");
  if (labels.some((label) => label.length > MAX_TEXT))
    throw errors.parameterInvalid(`Each list item must be at most ${MAX_TEXT} characters`, "list_items");
  if (new Set(labels).size !== labels.length)
    throw errors.parameterInvalid("List items must not repeat", "list_items");
  const items = labels.map((label) => {
    const known = before.find((item) => item.label === label);
    return { id: known?.id ?? crypto.randomUUID(), label, archived: false };
  });
  const dropped = before
    .filter((item) => !labels.includes(item.label))
    .map((item) => ({ ...item, archived: true }));
  return [...items, ...dropped];
}

type AttributeFlags = Partial<{
  required_to_create: boolean;
  required_to_create_for_contacts: boolean;
  visible_on_create: boolean;
  visible_to_contacts: boolean;
  archived: boolean;
}>;

function attributeFlags(input: TicketTypeAttributeInput): AttributeFlags {
  const out: AttributeFlags = {};
  for (const field of [
    "required_to_create",
    "required_to_create_for_contacts",
    "visible_on_create",
    "visible_to_contacts",
    "archived",
  ] as const) {
    const value = input[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/** The input options an attribute of this type takes, from the request and what the attribute had. */
function optionsFor(
  dataType: TicketAttributeType,
  input: TicketTypeAttributeInput,
  before: InputOptions | null,
): InputOptions | null {
  const refuse = (field: string, type: string) => {
    throw errors.parameterInvalid(`${field} applies to ${type} attributes only`, field);
  };
  if (input.multiline !== undefined && dataType !== "string") refuse("multiline", "string");
  if (input.list_items !== undefined && dataType !== "list") refuse("list_items", "list");
  if (input.allow_multiple_values !== undefined && dataType !== "files")
    refuse("allow_multiple_values", "files");
  switch (dataType) {
    case "string":
      return input.multiline === undefined ? before : { multiline: input.multiline };
    case "list":
      if (input.list_items === undefined) {
        if (before?.list_items) return before;
        throw errors.parameterNotFound("list_items is required for a list attribute", "list_items");
      }
      return { list_items: listItems(input.list_items, before?.list_items ?? []) };
    case "files":
      return input.allow_multiple_values === undefined
        ? before
        : { allow_multiple_values: input.allow_multiple_values };
    default:
      return null;
  }
}

function duplicateName(name: string): never {
  throw errors.parameterInvalid(`This ticket type already has an attribute named '${name}'`, "name");
}

/** Intercom's `POST /ticket_types/{id}/attributes`. */
export async function createTicketTypeAttribute(
  s: Services,
  workspaceId: number,
  typeId: number,
  input: TicketTypeAttributeInput,
): Promise<TicketTypeAttributeRow> {
  const name = requireText(input.name, "name", MAX_TEXT);
  if (input.description === undefined)
    throw errors.parameterNotFound("description is required", "description");
  const description = input.description;
  if (input.data_type === undefined) throw errors.parameterNotFound("data_type is required", "data_type");
  const dataType: TicketAttributeType = input.data_type;
  const key = name.toLowerCase();
  if (key === DEFAULT_TITLE || key === DEFAULT_DESCRIPTION) duplicateName(name);
  const flags = attributeFlags(input);
  const options = optionsFor(dataType, input, null);
  try {
    return await write(s, async (trx) => {
      const type = await findTicketType(trx, workspaceId, typeId);
      const last = await trx
        .selectFrom("ticket_type_attributes")
        .select((eb) => eb.fn.max<number>("position").as("position"))
        .where("ticket_type_id", "=", type.id)
        .executeTakeFirst();
      const now = s.now();
      const row = await trx
        .insertInto("ticket_type_attributes")
        .values({
          ticket_type_id: type.id,
          name,
          name_key: key,
          description,
          data_type: dataType,
          input_options: options === null ? null : JSON.stringify(options),
          position: Number(last?.position ?? -1) + 1,
          required_to_create: flags.required_to_create ?? false,
          required_to_create_for_contacts: flags.required_to_create_for_contacts ?? false,
          visible_on_create: flags.visible_on_create ?? true,
          visible_to_contacts: flags.visible_to_contacts ?? true,
          is_default: false,
          archived: false,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.updateTable("ticket_types").set({ updated_at: now }).where("id", "=", type.id).execute();
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) duplicateName(name);
    throw error;
  }
}

/** Intercom's `PUT /ticket_types/{id}/attributes/{attribute_id}`; the default two keep their names. */
export async function updateTicketTypeAttribute(
  s: Services,
  workspaceId: number,
  typeId: number,
  attributeId: number,
  input: TicketTypeAttributeInput,
): Promise<TicketTypeAttributeRow> {
  const name = input.name === undefined ? undefined : requireText(input.name, "name", MAX_TEXT);
  const description = input.description;
  const flags = attributeFlags(input);
  try {
    return await write(s, async (trx) => {
      const type = await findTicketType(trx, workspaceId, typeId);
      const attribute = await findOr404(
        trx
          .selectFrom("ticket_type_attributes")
          .selectAll()
          .where("ticket_type_id", "=", type.id)
          .where("id", "=", attributeId),
        "Resource",
      );
      const isDefault = attribute.is_default === true || attribute.is_default === 1;
      if (isDefault && name !== undefined && name !== attribute.name)
        throw errors.parameterInvalid("The default attributes cannot be renamed", "name");
      if (isDefault && flags.archived === true)
        throw errors.parameterInvalid("The default attributes cannot be archived", "archived");
      const key = name?.toLowerCase();
      if (!isDefault && (key === DEFAULT_TITLE || key === DEFAULT_DESCRIPTION)) duplicateName(name ?? "");
      const options = optionsFor(attribute.data_type, input, inputOptions(attribute));
      const now = s.now();
      const row = await trx
        .updateTable("ticket_type_attributes")
        .set({
          ...(name !== undefined && { name, name_key: name.toLowerCase() }),
          ...(description !== undefined && { description }),
          ...flags,
          input_options: options === null ? null : JSON.stringify(options),
          updated_at: now,
        })
        .where("id", "=", attribute.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.updateTable("ticket_types").set({ updated_at: now }).where("id", "=", type.id).execute();
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) duplicateName(name ?? "");
    throw error;
  }
}
