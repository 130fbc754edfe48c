import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import {
  attachSubscription,
  contactSubscriptions,
  detachSubscription,
  listSubscriptionTypes,
} from "../../resources/subscription-types.ts";
import { errorResponses } from "../../wire/common.ts";
import {
  SubscriptionType,
  SubscriptionTypeList,
  subscriptionTypeObject,
} from "../../wire/subscription-type.ts";
import {
  AttachSubscriptionBody,
  SubscriptionContactParams,
  SubscriptionParams,
} from "../../wire/subscription-type-input.ts";
import { forCaller } from "../api/for-caller.ts";
import { LIST_CONTACTS, READ_CONTACT, WRITE_CONTACTS } from "./contacts/scopes.ts";

/**
 * Intercom's scope tables name no scope for subscriptions either. A contact's choices are people data,
 * opened like the contact: read with any scope that reads one user, changed with the scopes that write
 * users. The workspace's list of types is read with the scopes that list users, like the workspace's
 * other settings about contacts (segments).
 */

const List = { 200: SubscriptionTypeList, ...errorResponses };
const One = { 200: SubscriptionType, ...errorResponses };

/** `/subscription_types` and a contact's `/subscriptions`. */
export async function subscriptionTypeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const list = (rows: Parameters<typeof subscriptionTypeObject>[0][]) => ({
    type: "list" as const,
    data: rows.map(subscriptionTypeObject),
  });

  app.get(
    "/subscription_types",
    { schema: { querystring: Type.Object({}), response: List }, config: { scopes: LIST_CONTACTS } },
    async (request) => list(await forCaller(request, listSubscriptionTypes)),
  );

  app.get(
    "/contacts/:contact_id/subscriptions",
    {
      schema: { params: SubscriptionContactParams, querystring: Type.Object({}), response: List },
      config: { scopes: READ_CONTACT },
    },
    async (request) => list(await forCaller(request, contactSubscriptions, request.params.contact_id)),
  );

  app.post(
    "/contacts/:contact_id/subscriptions",
    {
      schema: { params: SubscriptionContactParams, body: AttachSubscriptionBody, response: One },
      config: { scopes: WRITE_CONTACTS },
    },
    async (request) =>
      subscriptionTypeObject(
        await forCaller(request, attachSubscription, request.params.contact_id, request.body),
      ),
  );

  app.delete(
    "/contacts/:contact_id/subscriptions/:subscription_id",
    {
      schema: { params: SubscriptionParams, response: One },
      config: { scopes: WRITE_CONTACTS },
    },
    async (request) =>
      subscriptionTypeObject(
        await forCaller(
          request,
          detachSubscription,
          request.params.contact_id,
          request.params.subscription_id,
        ),
      ),
  );
}
