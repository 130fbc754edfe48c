import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import {
  deleteCustomObjectInstance,
  findCustomObjectInstance,
  findCustomObjectInstanceByEitherId,
  upsertCustomObjectInstance,
} from "../../resources/custom-objects.ts";
import type { CustomObjectInstanceRow } from "../../storage/tables/custom-objects.ts";

const SCOPES = ["read_write_custom_object_instances"];

const Seconds = Type.Union([Type.Integer(), Type.Null()]);
const Instance = Type.Object({
  id: Type.String(),
  type: Type.String(),
  custom_attributes: Type.Record(Type.String(), Type.Unknown()),
  external_id: Type.String(),
  external_created_at: Seconds,
  external_updated_at: Seconds,
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
});
const Deleted = Type.Object({ id: Type.String(), object: Type.String(), deleted: Type.Boolean() });
const TypeParams = Type.Object({
  custom_object_type_identifier: Type.String({ minLength: 1, maxLength: 200 }),
});
const InstanceParams = Type.Object({
  custom_object_type_identifier: Type.String({ minLength: 1, maxLength: 200 }),
  custom_object_instance_id: Type.String({ minLength: 1, maxLength: 255 }),
});
const ByExternalId = Type.Object({ external_id: Type.String({ minLength: 1, maxLength: 255 }) });

/** Intercom's `custom_object_instance`: `type` is the type's identifier; times are Unix seconds. */
function present(row: CustomObjectInstanceRow, type: string) {
  return {
    id: String(row.id),
    type,
    custom_attributes: JSON.parse(row.custom_attributes) as Record<string, unknown>,
    external_id: row.external_id,
    external_created_at: row.external_created_at === null ? null : Number(row.external_created_at),
    external_updated_at: row.external_updated_at === null ? null : Number(row.external_updated_at),
    created_at: Math.floor(Number(row.created_at) / 1000),
    updated_at: Math.floor(Number(row.updated_at) / 1000),
  };
}

function deleted(row: CustomObjectInstanceRow, type: string) {
  return { id: String(row.id), object: type, deleted: true };
}

/** `/custom_object_instances/{type}`: instances of the workspace's custom object types. */
export async function customObjectRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/custom_object_instances/:custom_object_type_identifier",
    {
      schema: {
        params: TypeParams,
        body: Type.Object({
          external_id: Type.Optional(Type.String()),
          external_created_at: Type.Optional(Seconds),
          external_updated_at: Type.Optional(Seconds),
          custom_attributes: Type.Optional(Type.Unknown()),
        }),
        response: { 200: Instance },
      },
      config: { scopes: SCOPES },
    },
    async (request) => {
      const type = request.params.custom_object_type_identifier;
      const row = await upsertCustomObjectInstance(
        app.services,
        request.principal.workspaceId,
        type,
        request.body,
      );
      return present(row, type);
    },
  );

  app.get(
    "/custom_object_instances/:custom_object_type_identifier",
    {
      schema: { params: TypeParams, querystring: ByExternalId, response: { 200: Instance } },
      config: { scopes: SCOPES },
    },
    async (request) => {
      const type = request.params.custom_object_type_identifier;
      const row = await findCustomObjectInstance(app.services, request.principal.workspaceId, type, {
        externalId: request.query.external_id,
      });
      return present(row, type);
    },
  );

  app.delete(
    "/custom_object_instances/:custom_object_type_identifier",
    {
      schema: { params: TypeParams, querystring: ByExternalId, response: { 200: Deleted } },
      config: { scopes: SCOPES },
    },
    async (request) => {
      const type = request.params.custom_object_type_identifier;
      const row = await deleteCustomObjectInstance(app.services, request.principal.workspaceId, type, {
        externalId: request.query.external_id,
      });
      return deleted(row, type);
    },
  );

  // Intercom reads this id as its own id or, failing that, the caller's external id.
  app.get(
    "/custom_object_instances/:custom_object_type_identifier/:custom_object_instance_id",
    { schema: { params: InstanceParams, response: { 200: Instance } }, config: { scopes: SCOPES } },
    async (request) => {
      const { custom_object_type_identifier: type, custom_object_instance_id: id } = request.params;
      return present(
        await findCustomObjectInstanceByEitherId(app.services, request.principal.workspaceId, type, id),
        type,
      );
    },
  );

  app.delete(
    "/custom_object_instances/:custom_object_type_identifier/:custom_object_instance_id",
    { schema: { params: InstanceParams, response: { 200: Deleted } }, config: { scopes: SCOPES } },
    async (request) => {
      const { custom_object_type_identifier: type, custom_object_instance_id: id } = request.params;
      const row = await deleteCustomObjectInstance(app.services, request.principal.workspaceId, type, { id });
      return deleted(row, type);
    },
  );
}
