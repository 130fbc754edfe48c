import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import {
  deleteCustomObjectInstance,
  findCustomObjectInstance,
  findCustomObjectInstanceByEitherId,
  upsertCustomObjectInstance,
} from "../../resources/custom-objects.ts";
import { errorResponses } from "../../wire/common.ts";
import {
  CustomObjectInstance,
  CustomObjectInstanceDeleted,
  customObjectInstanceDeletedJson,
  customObjectInstanceJson,
} from "../../wire/custom-object-instance.ts";
import {
  ByExternalId,
  CustomObjectInstanceBody,
  CustomObjectInstanceParams as InstanceParams,
  CustomObjectTypeParams as TypeParams,
} from "../../wire/custom-object-instance-input.ts";
import { forCaller } from "../api/for-caller.ts";

const SCOPES = ["read_write_custom_object_instances"];
const present = customObjectInstanceJson;
const deleted = customObjectInstanceDeletedJson;
const Instance = { 200: CustomObjectInstance, ...errorResponses };
const Deleted = { 200: CustomObjectInstanceDeleted, ...errorResponses };

/** The instance `GET` and `DELETE /custom_object_instances/{type}?external_id=` name: by the caller's id. */
const byExternalId = (request: {
  params: { custom_object_type_identifier: string };
  query: { external_id: string };
}) => ({
  type: request.params.custom_object_type_identifier,
  key: { externalId: request.query.external_id },
});

/** `/custom_object_instances/{type}`: instances of the workspace's custom object types. */
export async function customObjectRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/custom_object_instances/:custom_object_type_identifier",
    {
      schema: {
        params: TypeParams,
        body: CustomObjectInstanceBody,
        response: Instance,
      },
      config: { scopes: SCOPES },
    },
    async (request) => {
      const type = request.params.custom_object_type_identifier;
      const row = await forCaller(request, upsertCustomObjectInstance, type, request.body);
      return present(row, type);
    },
  );

  app.get(
    "/custom_object_instances/:custom_object_type_identifier",
    {
      schema: { params: TypeParams, querystring: ByExternalId, response: Instance },
      config: { scopes: SCOPES },
    },
    async (request) => {
      const { type, key } = byExternalId(request);
      return present(await forCaller(request, findCustomObjectInstance, type, key), type);
    },
  );

  app.delete(
    "/custom_object_instances/:custom_object_type_identifier",
    {
      schema: { params: TypeParams, querystring: ByExternalId, response: Deleted },
      config: { scopes: SCOPES },
    },
    async (request) => {
      const { type, key } = byExternalId(request);
      return deleted(await forCaller(request, deleteCustomObjectInstance, type, key), type);
    },
  );

  // Intercom reads this id as its own id or, failing that, the caller's external id.
  app.get(
    "/custom_object_instances/:custom_object_type_identifier/:custom_object_instance_id",
    {
      schema: { params: InstanceParams, querystring: Type.Object({}), response: Instance },
      config: { scopes: SCOPES },
    },
    async (request) => {
      const { custom_object_type_identifier: type, custom_object_instance_id: id } = request.params;
      return present(await forCaller(request, findCustomObjectInstanceByEitherId, type, id), type);
    },
  );

  app.delete(
    "/custom_object_instances/:custom_object_type_identifier/:custom_object_instance_id",
    { schema: { params: InstanceParams, response: Deleted }, config: { scopes: SCOPES } },
    async (request) => {
      const { custom_object_type_identifier: type, custom_object_instance_id: id } = request.params;
      const row = await forCaller(request, deleteCustomObjectInstance, type, { id });
      return deleted(row, type);
    },
  );
}
