import { Type } from "typebox";

/** `?include_count=true`: count each segment's members. */
export const SegmentQuery = Type.Object({ include_count: Type.Optional(Type.Boolean()) });

export const SegmentParams = Type.Object({ segment_id: Type.String({ minLength: 1, maxLength: 100 }) });
