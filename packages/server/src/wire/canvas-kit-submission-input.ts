import { type Static, Type } from "typebox";
import { Nullable } from "./common.ts";

/** What `/canvas_kit/submissions` takes: Canvas Kit's submit request, as the canvas's front end sends it. */

export const SubmissionParams = Type.Object({ submission_id: Type.String({ maxLength: 50 }) });

export const SubmissionListQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
  contact_id: Type.Optional(Type.String({ maxLength: 64 })),
});

export const MAX_INPUTS = 100;
/** Text inputs give strings; a checkbox group gives the list of options ticked. */
const InputValue = Type.Union([
  Type.Null(),
  Type.Number(),
  Type.Boolean(),
  Type.String({ maxLength: 10_000 }),
  Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100 }),
]);

export const LOCATIONS = ["home", "conversation", "message", "operator"] as const;

export const SubmissionBody = Type.Object({
  contact_id: Type.String({ maxLength: 64 }),
  component_id: Type.String({ maxLength: 1000 }),
  input_values: Type.Record(Type.String(), InputValue, {
    maxProperties: MAX_INPUTS,
    propertyNames: { minLength: 1, maxLength: 255 },
  }),
  current_canvas: Type.Optional(
    Nullable(
      Type.Object({
        // The app's own data, kept as sent (its size is the rule's to bound).
        stored_data: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
      }),
    ),
  ),
  context: Type.Optional(
    Nullable(
      Type.Object({
        location: Type.Optional(Type.Enum(LOCATIONS)),
        locale: Type.Optional(Type.String({ pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$" })),
        conversation_id: Type.Optional(
          Nullable(
            Type.Union([Type.String({ pattern: "^[0-9A-Za-z_-]{1,64}$" }), Type.Integer({ minimum: 0 })]),
          ),
        ),
      }),
    ),
  ),
});
export type SubmissionBody = Static<typeof SubmissionBody>;
