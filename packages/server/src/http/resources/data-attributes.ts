import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { errors } from "../../core/errors.ts";
import { recordId } from "../../core/validation.ts";
import {
  type AttributeModel,
  BUILT_IN_ATTRIBUTES,
} from "../../resources/data-attributes/builtin-attributes.ts";
import {
  createDataAttribute,
  listCustomAttributes,
  updateDataAttribute,
} from "../../resources/data-attributes/data-attributes.ts";
import { errorResponses } from "../../wire/common.ts";
import {
  builtInAttributeObject,
  customAttributeObject,
  DataAttribute,
  DataAttributeList,
} from "../../wire/data-attribute.ts";
import {
  DataAttributeChangesBody,
  DataAttributeParams,
  DataAttributeQuery,
  NewDataAttributeBody,
} from "../../wire/data-attribute-input.ts";
import { forCaller, updatesRecord } from "../api/for-caller.ts";

/** People and company attributes are read with "Read users and companies", conversation ones with "Read conversations". */
const SCOPE_OF: Record<AttributeModel, string> = {
  contact: "read_users_companies",
  company: "read_users_companies",
  conversation: "read_conversations",
};

/** `/data_attributes`: the workspace's built-in and custom attributes; custom ones written with "Write data attributes". */
export async function dataAttributeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/data_attributes",
    {
      schema: {
        querystring: DataAttributeQuery,
        response: { 200: DataAttributeList, ...errorResponses },
      },
      config: { scopes: ["read_users_companies", "read_conversations"] },
    },
    async (request) => {
      const { model: asked, include_archived } = request.query;
      const scopes = request.principal.scopes;
      if (asked && !scopes.has(SCOPE_OF[asked])) {
        const scope = SCOPE_OF[asked];
        throw errors.insufficientScope(
          scope,
          `This token lacks the permission this request needs: "${app.services.scopes.get(scope)?.label ?? scope}".`,
        );
      }
      // Without a model, the list holds what the token may read of each.
      const models = (asked ? [asked] : (["contact", "company", "conversation"] as const)).filter((m) =>
        scopes.has(SCOPE_OF[m]),
      );
      const custom = models.some((m) => m !== "conversation")
        ? await forCaller(request, listCustomAttributes, {
            ...(asked && asked !== "conversation" && { model: asked }),
            includeArchived: include_archived ?? false,
          })
        : [];
      const data = models.flatMap((m) => [
        ...BUILT_IN_ATTRIBUTES[m].map(builtInAttributeObject),
        ...custom.filter((row) => row.model === m).map(customAttributeObject),
      ]);
      return { type: "list" as const, data };
    },
  );

  app.post(
    "/data_attributes",
    {
      schema: {
        body: NewDataAttributeBody,
        response: { 200: DataAttribute, ...errorResponses },
      },
      config: { scopes: ["write_data_attributes"] },
    },
    async (request) =>
      customAttributeObject(
        await forCaller(request, createDataAttribute, request.principal.admin.id, request.body),
      ),
  );

  app.put(
    "/data_attributes/:data_attribute_id",
    {
      schema: {
        params: DataAttributeParams,
        body: DataAttributeChangesBody,
        response: { 200: DataAttribute, ...errorResponses },
      },
      config: { scopes: ["write_data_attributes"] },
    },
    updatesRecord("data_attribute_id", updateDataAttribute, customAttributeObject, recordId),
  );
}
