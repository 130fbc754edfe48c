import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { errors } from "../../core/errors.ts";
import { recordId } from "../../core/validation.ts";
import {
  type AttributeModel,
  BUILT_IN_ATTRIBUTES,
  type BuiltInAttribute,
} from "../../resources/data-attributes/builtin-attributes.ts";
import {
  createDataAttribute,
  listCustomAttributes,
  updateDataAttribute,
} from "../../resources/data-attributes/data-attributes.ts";
import { toBool } from "../../storage/schema.ts";
import type { DataAttributeRow } from "../../storage/tables/data-attributes.ts";

/** People and company attributes are read with "Read users and companies", conversation ones with "Read conversations". */
const SCOPE_OF: Record<AttributeModel, string> = {
  contact: "read_users_companies",
  company: "read_users_companies",
  conversation: "read_conversations",
};

function presentBuiltIn(a: BuiltInAttribute) {
  return {
    type: "data_attribute",
    name: a.name,
    full_name: a.full_name,
    label: a.label,
    description: a.description,
    data_type: a.data_type,
    api_writable: a.api_writable,
    ui_writable: false,
    messenger_writable: a.messenger_writable,
    custom: false,
    archived: false,
    model: a.model,
  };
}

/** Intercom's `data_attribute` for a custom attribute. */
function presentCustom(row: DataAttributeRow) {
  return {
    id: row.id,
    type: "data_attribute",
    name: row.name,
    full_name: `custom_attributes.${row.name}`,
    label: row.name,
    ...(row.description !== null && { description: row.description }),
    data_type: row.data_type,
    ...(row.options !== null && { options: JSON.parse(row.options) as string[] }),
    api_writable: true,
    ui_writable: false,
    messenger_writable: toBool(row.messenger_writable),
    custom: true,
    archived: toBool(row.archived),
    admin_id: row.admin_id === null ? null : String(row.admin_id),
    created_at: Math.floor(row.created_at / 1000),
    updated_at: Math.floor(row.updated_at / 1000),
    model: row.model,
  };
}

const OptionList = Type.Array(Type.Unknown(), { maxItems: 2000 });

/** `/data_attributes`: the workspace's built-in and custom attributes; custom ones written with "Write data attributes". */
export async function dataAttributeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/data_attributes",
    {
      schema: {
        querystring: Type.Object({
          model: Type.Optional(Type.String({ maxLength: 50 })),
          include_archived: Type.Optional(Type.Boolean()),
        }),
      },
      config: { scopes: ["read_users_companies", "read_conversations"] },
    },
    async (request) => {
      const { model, include_archived } = request.query;
      if (model !== undefined && !Object.hasOwn(SCOPE_OF, model))
        throw errors.parameterInvalid("model must be contact, company or conversation", "model");
      const scopes = request.principal.scopes;
      const asked = model === undefined ? undefined : (model as AttributeModel);
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
        ? await listCustomAttributes(app.services, request.principal.workspaceId, {
            ...(asked && asked !== "conversation" && { model: asked }),
            includeArchived: include_archived ?? false,
          })
        : [];
      const data = models.flatMap((m) => [
        ...BUILT_IN_ATTRIBUTES[m].map(presentBuiltIn),
        ...custom.filter((row) => row.model === m).map(presentCustom),
      ]);
      return { type: "list", data };
    },
  );

  app.post(
    "/data_attributes",
    {
      schema: {
        body: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 1000 })),
          model: Type.Optional(Type.String({ maxLength: 100 })),
          data_type: Type.Optional(Type.String({ maxLength: 100 })),
          description: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
          messenger_writable: Type.Optional(Type.Boolean()),
          options: Type.Optional(Type.Unknown()),
        }),
      },
      config: { scopes: ["write_data_attributes"] },
    },
    async (request) =>
      presentCustom(
        await createDataAttribute(
          app.services,
          request.principal.workspaceId,
          request.principal.admin.id,
          request.body,
        ),
      ),
  );

  app.put(
    "/data_attributes/:data_attribute_id",
    {
      schema: {
        params: Type.Object({ data_attribute_id: Type.String({ pattern: "^[0-9]{1,15}$" }) }),
        body: Type.Object({
          archived: Type.Optional(Type.Boolean()),
          description: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
          messenger_writable: Type.Optional(Type.Boolean()),
          options: Type.Optional(Type.Union([OptionList, Type.Unknown()])),
        }),
      },
      config: { scopes: ["write_data_attributes"] },
    },
    async (request) =>
      presentCustom(
        await updateDataAttribute(
          app.services,
          request.principal.workspaceId,
          recordId(request.params.data_attribute_id),
          request.body,
        ),
      ),
  );
}
