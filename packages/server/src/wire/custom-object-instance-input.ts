import { type Static, Type } from "typebox";
import { Nullable } from "./common.ts";
import { CustomAttributesInput } from "./custom-attribute-input.ts";

/** What the custom object instance routes take (2.14 "Custom Object Instances"). */

const TypeIdentifier = Type.String({ minLength: 1, maxLength: 200 });

export const CustomObjectTypeParams = Type.Object({ custom_object_type_identifier: TypeIdentifier });

export const CustomObjectInstanceParams = Type.Object({
  custom_object_type_identifier: TypeIdentifier,
  custom_object_instance_id: Type.String({ minLength: 1, maxLength: 255 }),
});

export const ByExternalId = Type.Object({ external_id: Type.String({ minLength: 1, maxLength: 255 }) });

/** Unix seconds as the caller's own system kept them, up to year 5138. */
const ExternalSeconds = Nullable(Type.Integer({ minimum: 0, maximum: 1e11 }));

/** An instance holds at most 100 attributes, those it is written with merged into those it had. */
export const MAX_ATTRIBUTES = 100;

/**
 * `POST /custom_object_instances/{type}`: create or update by `external_id`. A blank `external_id` is
 * refused as missing by the rule, which trims it (the schema only types it).
 */
export const CustomObjectInstanceBody = Type.Object({
  external_id: Type.String(),
  external_created_at: Type.Optional(ExternalSeconds),
  external_updated_at: Type.Optional(ExternalSeconds),
  custom_attributes: Type.Optional(Nullable(CustomAttributesInput(MAX_ATTRIBUTES))),
});
export type CustomObjectInstanceBody = Static<typeof CustomObjectInstanceBody>;
