import { type Static, Type } from "typebox";
import { Nullable } from "./common.ts";

/**
 * What `/ai/content_import_sources` and `/ai/external_pages` take (2.14 "AI Content"). URLs and texts are
 * only typed here: the rule trims them, takes a blank one as missing and holds URLs to http(s).
 */

export const SourceParams = Type.Object({ source_id: Type.String({ maxLength: 50 }) });
export const PageParams = Type.Object({ page_id: Type.String({ maxLength: 50 }) });

const Status = Type.Union([Type.Literal("active"), Type.Literal("deactivated")]);

/** A new source: only the API's own kind is made here (others sync themselves from their site). */
export const NewSourceBody = Type.Object({
  sync_behavior: Type.Literal("api"),
  status: Type.Optional(Status),
  url: Type.String(),
});
export type NewSourceBody = Static<typeof NewSourceBody>;

/** `automated` is the older name of `automatic`. */
export const SourceBody = Type.Object({
  sync_behavior: Type.Union([
    Type.Literal("api"),
    Type.Literal("automated"),
    Type.Literal("automatic"),
    Type.Literal("manual"),
  ]),
  status: Type.Optional(Status),
  url: Type.String(),
});
export type SourceBody = Static<typeof SourceBody>;

const PageFields = {
  title: Type.String(),
  html: Type.String({ maxLength: 500_000 }),
  locale: Type.Literal("en"),
  // Past the 32-bit range it names no source (the rule looks it up as 0).
  source_id: Type.Integer({ minimum: 1 }),
  ai_agent_availability: Type.Optional(Type.Boolean()),
  ai_copilot_availability: Type.Optional(Type.Boolean()),
};

/** `POST /ai/external_pages`: create, or update the source's page with that external id. */
export const NewPageBody = Type.Object({
  ...PageFields,
  url: Type.Optional(Nullable(Type.String())),
  external_id: Type.String(),
});
export type NewPageBody = Static<typeof NewPageBody>;

/** `PUT /ai/external_pages/{id}`: `fin_availability`, the older name, sets both availabilities. */
export const PageBody = Type.Object({
  ...PageFields,
  url: Type.String(),
  external_id: Type.Optional(Type.String()),
  fin_availability: Type.Optional(Type.Boolean()),
});
export type PageBody = Static<typeof PageBody>;
