import { type Static, Type } from "typebox";
import { Nullable } from "./common.ts";

/** What `/data_connectors` takes. */

export const DataConnectorParams = Type.Object({ data_connector_id: Type.String({ maxLength: 50 }) });

export const MAX_HEADERS = 20;
const Header = Type.Object({
  // An HTTP field name is a token; a value may not break the header block.
  name: Type.String({ pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$" }),
  value: Type.String({ maxLength: 2000, pattern: "^[^\\u0000-\\u001f\\u007f]*$" }),
});

const Fields = {
  description: Type.Optional(Nullable(Type.String())),
  state: Type.Optional(Type.Union([Type.Literal("draft"), Type.Literal("live")])),
  /** get, post, put, patch or delete, in any case: the rule reads it. */
  http_method: Type.Optional(Type.String({ maxLength: 20 })),
  headers: Type.Optional(Type.Array(Header, { maxItems: MAX_HEADERS })),
  body: Type.Optional(Nullable(Type.String({ maxLength: 100_000 }))),
};

/** Name and URL are trimmed and checked by the rule (a blank one is missing). */
export const DataConnectorBody = Type.Object({ name: Type.String(), url: Type.String(), ...Fields });
export type DataConnectorBody = Static<typeof DataConnectorBody>;

export const DataConnectorChanges = Type.Object({
  name: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  ...Fields,
});
export type DataConnectorChanges = Static<typeof DataConnectorChanges>;
