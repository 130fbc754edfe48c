import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { atLeast, LEGACY_VERSIONS } from "../../core/api-versions.ts";
import type { ApiError } from "../../core/errors.ts";
import { userJson, usersJson } from "../../resources/users-1x/present.ts";
import { upsertUser } from "../../resources/users-1x/upsert.ts";
import {
  archiveUser,
  findUser,
  findUserBy,
  listUsers,
  MAX_DEPTH,
  PER_PAGE,
  scrollUsers,
  type UserFilters,
} from "../../resources/users-1x/users.ts";
import { errorResponses } from "../../wire/common.ts";
import { User1x, UserList1x, UserScroll1x } from "../../wire/user-1x.ts";
import {
  ListUsersQuery1x,
  ScrollQuery1x,
  UserBody1x,
  UserLookup1x,
  UserParams1x,
} from "../../wire/user-1x-input.ts";
import { insufficientScope } from "../api/guard.ts";
import { publicOrigin } from "../plugins/public-origin.ts";
import { LIST_CONTACTS, READ_CONTACT, WRITE_CONTACTS } from "./contacts/scopes.ts";

/**
 * Intercom's 1.x Users API (seed 000's `GET /users/5321a20f72cdbb4192000013`), served over contacts
 * with the `user` role when the request speaks 1.0–1.4 (its `Intercom-Version`, or its app's default);
 * in any other version these routes do not exist, and answer the 404 of an unknown path, as 2.x does on
 * Intercom ("Users API & Leads API are deprecated and replaced with Contacts API", 2.0 changelog).
 *
 * Sources (as /work/wt/USERS-1X.md §0 lists them): Intercom's 1.0–1.4 API reference pages for users
 * (developers.intercom.com/docs/references/1.4/rest-api/users/…: create-or-update-user, view-a-user,
 * list-users, list-by-email-1, list-by-tag-segment-company, archive-a-user, iterating-over-all-users),
 * the 1.1–1.4 changelogs, intercom-client 2.11.0 (github.com/intercom/intercom-node, tag v2.11.0:
 * lib/user.js, lib/client.js, lib/scroll.js), intercom-ruby 3.9.5 (github.com/intercom/intercom-ruby,
 * tag 3.9.5: lib/intercom/request.rb, client_collection_proxy.rb, spec/spec_helper.rb), python-intercom
 * 3.1.0 and intercom-php 3.2.0 tests, and the issues cited where a rule comes from one.
 *
 * Scopes are those of the contact routes each stands on: reading one user (as `GET /contacts/{id}`),
 * listing (as `GET /contacts`), writing and archiving (as `POST /contacts`, `/archive`).
 */
const versions = LEGACY_VERSIONS;

export async function users1xRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const s = () => app.services;
  const json = (request: FastifyRequest, row: Parameters<typeof userJson>[1]) =>
    userJson(s().db, row, request.principal.workspace.idCode, request.intercomVersion);
  // `GET /users` finds one user with READ_CONTACT, but lists only with LIST_CONTACTS, as the contact routes do.
  let listRefusal: ApiError | undefined;
  const mayList = (request: FastifyRequest) => {
    if (LIST_CONTACTS.some((scope) => request.principal.scopes.has(scope))) return;
    listRefusal ??= insufficientScope(LIST_CONTACTS, s().scopes);
    throw listRefusal;
  };

  app.get(
    "/users/:id",
    {
      schema: {
        params: UserParams1x,
        querystring: Type.Object({}),
        response: { 200: User1x, ...errorResponses },
      },
      config: { scopes: READ_CONTACT, versions },
    },
    async (request) => json(request, await findUser(s(), request.principal.workspaceId, request.params.id)),
  );

  app.get(
    "/users",
    {
      schema: {
        querystring: ListUsersQuery1x,
        response: { 200: { anyOf: [User1x, UserList1x] }, ...errorResponses },
      },
      config: { scopes: READ_CONTACT, versions },
    },
    async (request) => {
      const query = request.query;
      const version = request.intercomVersion;
      const workspaceId = request.principal.workspaceId;
      // One user: by user_id in every version; by email on 1.0, which 1.1 turned into a list ([C1.1]).
      if (query.user_id !== undefined || (query.email !== undefined && version === "1.0"))
        return json(
          request,
          await findUserBy(s(), workspaceId, { user_id: query.user_id, email: query.email }),
        );
      mayList(request);
      const filters: UserFilters = {
        email: query.email,
        // Listing by phone came with 1.2 ([C1.2]); before, the parameter meant nothing.
        phone: atLeast(version, "1.2") ? query.phone : undefined,
        tag_id: query.tag_id,
        segment_id: query.segment_id,
        created_since: query.created_since,
        sort: query.sort,
        order: query.order,
      };
      const page = {
        number: query.page ?? 1,
        size: Math.min(query.per_page ?? PER_PAGE.default, PER_PAGE.max),
      };
      const { rows, total } = await listUsers(s(), workspaceId, filters, page);
      const totalPages = Math.ceil(total / page.size);
      const more = page.number < totalPages && page.number * page.size < MAX_DEPTH;
      return {
        type: "user.list" as const,
        total_count: total,
        users: await usersJson(s().db, rows, request.principal.workspace.idCode, version),
        pages: {
          type: "pages" as const,
          next: more ? nextPage(request, filters, page) : null,
          page: page.number,
          per_page: page.size,
          total_pages: totalPages,
        },
        limited: false,
      };
    },
  );

  app.get(
    "/users/scroll",
    {
      schema: { querystring: ScrollQuery1x, response: { 200: UserScroll1x, ...errorResponses } },
      config: { scopes: LIST_CONTACTS, versions },
    },
    async (request) => {
      const { rows, param } = await scrollUsers(
        s(),
        request.principal.workspaceId,
        request.query.scroll_param,
      );
      return {
        type: "user.list" as const,
        users: await usersJson(s().db, rows, request.principal.workspace.idCode, request.intercomVersion),
        scroll_param: param,
      };
    },
  );

  app.post(
    "/users",
    {
      schema: { body: UserBody1x, response: { 200: User1x, ...errorResponses } },
      config: { scopes: WRITE_CONTACTS, versions },
    },
    async (request) => {
      // Its companies are read with it: they were joined after the user's own write.
      const row = await upsertUser(s(), request.principal.workspaceId, request.body, request.intercomVersion);
      return json(request, row);
    },
  );

  app.delete(
    "/users/:id",
    {
      schema: { params: UserParams1x, response: { 200: User1x, ...errorResponses } },
      config: { scopes: WRITE_CONTACTS, versions },
    },
    async (request) =>
      json(request, await archiveUser(s(), request.principal.workspaceId, { id: request.params.id })),
  );

  app.delete(
    "/users",
    {
      schema: {
        querystring: UserLookup1x,
        // intercom-php 3.x sends the identifiers as a JSON body ("deleteUser" → `DELETE /users/`).
        body: Type.Union([UserLookup1x, Type.Null()]),
        response: { 200: User1x, ...errorResponses },
      },
      config: { scopes: WRITE_CONTACTS, versions },
    },
    async (request) => {
      const { query, body } = request;
      const lookup = query.user_id !== undefined || query.email !== undefined ? query : (body ?? {});
      return json(request, await archiveUser(s(), request.principal.workspaceId, lookup));
    },
  );
}

/** The next page's absolute URL, keeping the filters, then `per_page`, then `page` ([D-tag]'s order). */
function nextPage(
  request: FastifyRequest,
  filters: UserFilters,
  page: { number: number; size: number },
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters))
    if (value !== undefined) params.set(name, String(value));
  params.set("per_page", String(page.size));
  params.set("page", String(page.number + 1));
  return `${publicOrigin(request)}/users?${params}`;
}
