import { type Services, type Trx, write } from "../../core/services.ts";
import { requireText } from "../../core/validation.ts";
import type { TicketCategory, TicketTypeAttributeRow, TicketTypeRow } from "../../storage/tables/tickets.ts";
import type { TicketTypeBody } from "../../wire/ticket-type-input.ts";
import { deleteOr404, findInWorkspace } from "../kit/records.ts";
import { ensureTicketStates } from "./states.ts";

export const DEFAULT_TITLE = "_default_title_";
export const DEFAULT_DESCRIPTION = "_default_description_";
const DEFAULT_ICON = "\u{1F39F}\uFE0F";
export const MAX_TEXT = 255;
/** One option of a list attribute. A removed option stays, archived, so tickets that chose it still read. */
export interface ListItem {
  id: string;
  label: string;
  archived: boolean;
}

export interface InputOptions {
  multiline?: boolean;
  list_items?: ListItem[];
  allow_multiple_values?: boolean;
}

export function inputOptions(attribute: TicketTypeAttributeRow): InputOptions | null {
  return attribute.input_options === null ? null : (JSON.parse(attribute.input_options) as InputOptions);
}

export async function listTicketTypes(s: Services, workspaceId: number): Promise<TicketTypeRow[]> {
  return s.db
    .selectFrom("ticket_types")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("id")
    .execute();
}

export async function findTicketType(
  db: Services["db"] | Trx,
  workspaceId: number,
  id: number,
): Promise<TicketTypeRow> {
  return findInWorkspace(db, "ticket_types", workspaceId, id, "Resource");
}

/** The attributes of some ticket types, in each type's order. */
export async function attributesOf(
  db: Services["db"] | Trx,
  typeIds: readonly number[],
): Promise<TicketTypeAttributeRow[]> {
  if (typeIds.length === 0) return [];
  return db
    .selectFrom("ticket_type_attributes")
    .selectAll()
    .where("ticket_type_id", "in", [...new Set(typeIds)])
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export type TicketTypeInput = TicketTypeBody;

/** Intercom's `POST /ticket_types`: a type with its two default attributes, title and description. */
export async function createTicketType(
  s: Services,
  workspaceId: number,
  input: TicketTypeInput,
): Promise<TicketTypeRow> {
  const name = requireText(input.name, "name", MAX_TEXT);
  const description = input.description ?? "";
  const cat = input.category ?? "Customer";
  const icon = input.icon === undefined ? DEFAULT_ICON : requireText(input.icon, "icon", 50);
  const isInternal = input.is_internal ?? false;
  return write(s, async (trx) => {
    await ensureTicketStates(trx, workspaceId);
    const now = s.now();
    const type = await trx
      .insertInto("ticket_types")
      .values({
        workspace_id: workspaceId,
        name,
        description,
        icon,
        category: cat,
        is_internal: isInternal,
        archived: false,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("ticket_type_attributes")
      .values(
        [DEFAULT_TITLE, DEFAULT_DESCRIPTION].map((attributeName, position) => ({
          ticket_type_id: type.id,
          name: attributeName,
          name_key: attributeName,
          description: "",
          data_type: "string" as const,
          input_options: JSON.stringify({ multiline: position === 1 }),
          position,
          required_to_create: false,
          required_to_create_for_contacts: false,
          visible_on_create: true,
          visible_to_contacts: true,
          is_default: true,
          archived: false,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    return type;
  });
}

export async function updateTicketType(
  s: Services,
  workspaceId: number,
  id: number,
  input: TicketTypeInput,
): Promise<TicketTypeRow> {
  const set: Partial<{
    name: string;
    description: string;
    category: TicketCategory;
    icon: string;
    is_internal: boolean;
    archived: boolean;
  }> = {};
  if (input.name !== undefined) set.name = requireText(input.name, "name", MAX_TEXT);
  if (input.description !== undefined) set.description = input.description;
  if (input.category !== undefined) set.category = input.category;
  if (input.icon !== undefined) set.icon = requireText(input.icon, "icon", 50);
  if (input.is_internal !== undefined) set.is_internal = input.is_internal;
  if (input.archived !== undefined) set.archived = input.archived;
  return write(s, async (trx) => {
    return deleteOr404(
      trx
        .updateTable("ticket_types")
        .set({ ...set, updated_at: s.now() })
        .where("workspace_id", "=", workspaceId)
        .where("id", "=", id)
        .returningAll(),
      "Resource",
    );
  });
}
