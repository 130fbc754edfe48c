import { type Static, Type } from "typebox";
import { Nullable, NumberedList, Timestamp } from "./common.ts";

/**
 * A recorded Canvas Kit submit request (`canvas_kit_submission`, Gatehouse's own: Intercom posts these
 * to the app rather than keeping them), in the shape Canvas Kit's submit request has.
 */

const SubmissionContact = Type.Object({
  type: Type.Literal("contact"),
  id: Type.String(),
  role: Type.String(),
  external_id: Nullable(Type.String()),
  email: Nullable(Type.String()),
  name: Nullable(Type.String()),
});

export const CanvasKitSubmission = Type.Object({
  type: Type.Literal("canvas_kit_submission"),
  id: Type.String(),
  created_at: Timestamp,
  workspace_id: Type.String(),
  workspace_region: Type.String(),
  component_id: Type.String(),
  context: Type.Record(Type.String(), Type.String()),
  contact: SubmissionContact,
  user: SubmissionContact,
  // The app's own data, given back as it stored it.
  current_canvas: Type.Object({ stored_data: Type.Record(Type.String(), Type.Unknown()) }),
  input_values: Type.Record(
    Type.String(),
    Type.Union([Type.Null(), Type.Number(), Type.Boolean(), Type.String(), Type.Array(Type.String())]),
  ),
});
export type CanvasKitSubmission = Static<typeof CanvasKitSubmission>;

export const CanvasKitSubmissionList = NumberedList(CanvasKitSubmission);

/** A stored submission joined to its contact, as the rule loads it. */
export interface SubmissionRecord {
  id: number;
  created_at: number;
  component_id: string;
  context: string;
  stored_data: string;
  input_values: string;
  contact_id: string;
  contact_role: string;
  contact_external_id: string | null;
  contact_email: string | null;
  contact_name: string | null;
}

export function canvasKitSubmissionJson(
  row: SubmissionRecord,
  workspace: { idCode: string; region: string },
): CanvasKitSubmission {
  const contact = {
    type: "contact" as const,
    id: row.contact_id,
    role: row.contact_role,
    external_id: row.contact_external_id,
    email: row.contact_email,
    name: row.contact_name,
  };
  return {
    type: "canvas_kit_submission",
    id: String(row.id),
    created_at: Math.floor(Number(row.created_at) / 1000),
    workspace_id: workspace.idCode,
    workspace_region: workspace.region,
    component_id: row.component_id,
    context: JSON.parse(row.context) as CanvasKitSubmission["context"],
    // Canvas Kit names the person both ways: `contact`, and the older `user`.
    contact,
    user: contact,
    current_canvas: { stored_data: JSON.parse(row.stored_data) as Record<string, unknown> },
    input_values: JSON.parse(row.input_values) as CanvasKitSubmission["input_values"],
  };
}
