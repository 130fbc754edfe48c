import { type Static, Type } from "typebox";

/** What the content data export routes take. */

export const JobParams = Type.Object({ job_identifier: Type.String({ minLength: 1, maxLength: 100 }) });

/** Unix seconds up to year 5138: the range's ends, both included. */
const Seconds = Type.Integer({ minimum: 0, maximum: 1e11 });

export const DataExportBody = Type.Object({ created_at_after: Seconds, created_at_before: Seconds });
export type DataExportBody = Static<typeof DataExportBody>;
