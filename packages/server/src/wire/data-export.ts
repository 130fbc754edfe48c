import { type Static, Type } from "typebox";
import type { ContentExportRow } from "../storage/tables/content.ts";

/** Intercom's `data_export` (2.14): the download fields are empty strings until the file is ready. */
export const DataExport = Type.Object({
  job_identifier: Type.String(),
  status: Type.Union([
    Type.Literal("pending"),
    Type.Literal("in_progress"),
    Type.Literal("failed"),
    Type.Literal("completed"),
    Type.Literal("no_data"),
    Type.Literal("canceled"),
  ]),
  download_url: Type.String(),
  /** Unix seconds, as a string (Intercom's example: `'1674917488'`). */
  download_expires_at: Type.String(),
});
export type DataExport = Static<typeof DataExport>;

/**
 * What `GET /download/content/data/{job_identifier}` answers: the gzipped CSV file itself
 * (`data_export_csv` rows), sent as stored, never serialised as JSON.
 */
export const DataExportFile = {
  description: "The export's gzipped CSV file",
  content: {
    // Bytes, as OpenAPI describes a file: Fastify sends a Buffer as it is, without serialising it.
    "application/octet-stream": {
      schema: Type.Unsafe<Uint8Array>({ type: "string", format: "binary" }),
    },
  },
} as const;

/** `origin` is the public origin the download link starts with. */
export function dataExportJson(row: ContentExportRow, origin: string): DataExport {
  const ready = row.status === "completed" && row.download_expires_at !== null;
  return {
    job_identifier: row.job_identifier,
    status: row.status,
    download_url: ready ? `${origin}/download/content/data/${row.job_identifier}` : "",
    download_expires_at: ready ? String(Math.floor(Number(row.download_expires_at) / 1000)) : "",
  };
}
