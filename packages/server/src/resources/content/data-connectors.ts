import { errors } from "../../core/errors.ts";
import { numberedPage } from "../../core/paging.ts";
import { type Services, write } from "../../core/services.ts";
import { requireText } from "../../core/validation.ts";
import type { DataConnectorRow, HttpMethod } from "../../storage/tables/content.ts";
import type { DataConnectorBody, DataConnectorChanges } from "../../wire/data-connector-input.ts";
import { deleteInWorkspace, deleteOr404, findInWorkspace } from "../kit/records.ts";
import { requireUrl } from "./ai-content.ts";

/**
 * Data connectors: the HTTP requests a workspace's workflows and AI agent may make to other systems.
 * Intercom's 2.14 API has no paths for them, so Gatehouse serves a small resource of its own under
 * `/data_connectors`, in Intercom's style, behind Intercom's two data connector scopes.
 */

const METHODS: readonly string[] = ["get", "post", "put", "patch", "delete"];

type Checked = Partial<{
  name: string;
  description: string | null;
  state: "draft" | "live";
  http_method: HttpMethod;
  url: string;
  headers: string;
  body: string | null;
}>;

/** What the schema cannot say: texts trimmed and not blank, the method in any case, the URL's scheme. */
function check(input: DataConnectorChanges): Checked {
  const out: Checked = {};
  if (input.name !== undefined) out.name = requireText(input.name, "name", 255);
  if (input.description !== undefined)
    out.description = input.description === null ? null : requireText(input.description, "description", 2000);
  if (input.state !== undefined) out.state = input.state;
  if (input.http_method !== undefined) {
    const method = input.http_method.toLowerCase();
    if (!METHODS.includes(method))
      throw errors.parameterInvalid(
        "http_method must be one of get, post, put, patch, delete",
        "http_method",
      );
    out.http_method = method as HttpMethod;
  }
  if (input.url !== undefined) out.url = requireUrl(input.url, "url");
  if (input.headers !== undefined)
    out.headers = JSON.stringify(input.headers.map(({ name, value }) => ({ name, value })));
  if (input.body !== undefined) out.body = input.body;
  return out;
}

export async function listDataConnectors(
  s: Services,
  workspaceId: number,
  page: { number: number; size: number },
): Promise<{ rows: DataConnectorRow[]; total: number }> {
  return numberedPage(
    () => s.db.selectFrom("data_connectors").where("workspace_id", "=", workspaceId),
    "id",
    page,
  );
}

export async function findDataConnector(
  s: Services,
  workspaceId: number,
  id: number,
): Promise<DataConnectorRow> {
  return findInWorkspace(s.db, "data_connectors", workspaceId, id, "Data connector");
}

/** A new connector starts as a draft making GET requests unless the request says otherwise. */
export async function createDataConnector(
  s: Services,
  workspaceId: number,
  input: DataConnectorBody,
): Promise<DataConnectorRow> {
  const fields = check(input);
  const now = s.now();
  return write(s, (trx) =>
    trx
      .insertInto("data_connectors")
      .values({
        workspace_id: workspaceId,
        name: fields.name as string,
        description: fields.description ?? null,
        state: fields.state ?? "draft",
        http_method: fields.http_method ?? "get",
        url: fields.url as string,
        headers: fields.headers ?? "[]",
        body: fields.body ?? null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

/** Changes the fields the request gives; the rest stay. */
export async function updateDataConnector(
  s: Services,
  workspaceId: number,
  id: number,
  input: DataConnectorChanges,
): Promise<DataConnectorRow> {
  const fields = check(input);
  return write(s, async (trx) => {
    return deleteOr404(
      trx
        .updateTable("data_connectors")
        .set({ ...fields, updated_at: s.now() })
        .where("workspace_id", "=", workspaceId)
        .where("id", "=", id)
        .returningAll(),
      "Data connector",
    );
  });
}

export async function deleteDataConnector(
  s: Services,
  workspaceId: number,
  id: number,
): Promise<DataConnectorRow> {
  return write(s, (trx) => deleteInWorkspace(trx, "data_connectors", workspaceId, id, "Data connector"));
}
