import { type Static, Type } from "typebox";
import type { DataConnectorRow } from "../storage/tables/content.ts";
import { Nullable, NumberedList, Timestamp } from "./common.ts";

/**
 * Gatehouse's `data_connector` (Intercom's 2.14 description has no data connector paths): an HTTP
 * request a workspace's workflows and AI agent may make, in Intercom's style.
 */

export const DataConnector = Type.Object({
  type: Type.Literal("data_connector"),
  id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  state: Type.Union([Type.Literal("draft"), Type.Literal("live")]),
  http_method: Type.Union([
    Type.Literal("get"),
    Type.Literal("post"),
    Type.Literal("put"),
    Type.Literal("patch"),
    Type.Literal("delete"),
  ]),
  url: Type.String(),
  headers: Type.Array(Type.Object({ name: Type.String(), value: Type.String() })),
  body: Nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type DataConnector = Static<typeof DataConnector>;

export const DataConnectorList = NumberedList(DataConnector);

export const DataConnectorDeleted = Type.Object({
  id: Type.String(),
  object: Type.Literal("data_connector"),
  deleted: Type.Literal(true),
});

export function dataConnectorJson(row: DataConnectorRow): DataConnector {
  return {
    type: "data_connector",
    id: String(row.id),
    name: row.name,
    description: row.description,
    state: row.state,
    http_method: row.http_method,
    url: row.url,
    headers: JSON.parse(row.headers) as DataConnector["headers"],
    body: row.body,
    created_at: Math.floor(Number(row.created_at) / 1000),
    updated_at: Math.floor(Number(row.updated_at) / 1000),
  };
}

export function dataConnectorDeletedJson(row: DataConnectorRow): Static<typeof DataConnectorDeleted> {
  return { id: String(row.id), object: "data_connector", deleted: true };
}
