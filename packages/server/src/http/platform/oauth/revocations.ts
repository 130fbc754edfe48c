import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Services } from "../../../core/services.ts";
import { OAuthError } from "../../../platform/apps/oauth/oauth-error.ts";
import {
  FEED_DIGEST_MESSAGE,
  feedHead,
  readFeed,
} from "../../../platform/apps/resource-servers/revocation-feed.ts";
import { readClientCredentials } from "./client-credentials.ts";
import { requireResourceServer } from "./introspection-caller.ts";
import { oauthEndpoint, withinBudget } from "./oauth-endpoint.ts";

const Query = Type.Object({
  since: Type.Optional(Type.String({ pattern: "^[A-Za-z0-9_-]{1,64}$" })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

const Feed = Type.Object({
  revocations: Type.Array(
    Type.Object({
      digest: Type.String(),
      event: Type.Union([Type.Literal("revoked"), Type.Literal("uninstalled"), Type.Literal("narrowed")]),
      at: Type.Integer({ description: "Unix seconds" }),
    }),
  ),
  next: Type.String({ description: "The cursor to send as `since` next time" }),
  has_more: Type.Boolean(),
  digest_method: Type.Object({
    algorithm: Type.Literal("HMAC-SHA256"),
    key: Type.Literal("token"),
    message: Type.String(),
    encoding: Type.Literal("base64url"),
  }),
});

const DIGEST_METHOD = {
  algorithm: "HMAC-SHA256",
  key: "token",
  message: FEED_DIGEST_MESSAGE,
  encoding: "base64url",
} as const;

/** Why a cursor can no longer be read from, and what its reader must do (both: start again). */
const START_AGAIN = {
  cleared:
    "since is older than the feed keeps: entries after it have been cleared. Drop every cached answer and start again without since",
  ahead:
    "since is ahead of this feed's end (a cursor from another database, or from before a restore). Drop every cached answer and start again without since",
} as const;

// Opaque to readers; versioned, so the position it holds can change shape later.
const encodeCursor = (id: number) => Buffer.from(`rf1:${id}`).toString("base64url");

function decodeCursor(cursor: string): number {
  const match = /^rf1:([0-9]{1,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new OAuthError("invalid_request", "since is not a cursor this feed gave");
  return Number(match[1]);
}

/**
 * `GET /oauth/revocations?since=<cursor>`: the revocation feed, for resource servers only (HTTP Basic
 * with their client credentials). Without `since` it answers where the feed stands now and lists
 * nothing: a cache that starts empty needs only what comes after. Entries are oldest first, a page at
 * a time (`limit`, default 100); `next` is always given, `has_more` says whether to ask again at once.
 * Entries are kept for a retention window (GATEHOUSE_REVOCATION_FEED_RETENTION_MS, a week by default): a
 * cursor older than what was cleared is answered 410 `expired_cursor`, since its reader may have missed
 * a revocation and must not go on trusting what it cached; so is one ahead of the feed's end.
 */
export async function revocationFeedRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await oauthEndpoint(app);
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get(
    "/oauth/revocations",
    { schema: { querystring: Query, response: { 200: Feed } }, attachValidation: true },
    async (request, reply) => {
      reply.header("Cache-Control", "no-store");
      if (!/^\s*basic\s/i.test(request.headers.authorization ?? "")) {
        reply.header("WWW-Authenticate", 'Basic realm="Gatehouse revocation feed"');
        throw new OAuthError("invalid_client", "Authenticate with the resource server's client credentials");
      }
      const { clientId, clientSecret } = readClientCredentials(request, {});
      const server = await requireResourceServer(services, clientId, clientSecret);
      await withinBudget(reply, services.limits.introspectionBy(`feed:${server.client_id}`), "feed reads");
      if (request.validationError) {
        throw new OAuthError("invalid_request", `Invalid query: ${request.validationError.message}`);
      }
      const { since, limit = 100 } = request.query;
      if (since === undefined) {
        return {
          revocations: [],
          next: encodeCursor(await feedHead(services)),
          has_more: false,
          digest_method: DIGEST_METHOD,
        };
      }
      const after = decodeCursor(since);
      const page = await readFeed(services, after, limit);
      if (page.expired) throw new OAuthError("expired_cursor", START_AGAIN[page.expired], 410);
      const { entries, hasMore } = page;
      const last = entries.at(-1);
      return {
        revocations: entries.map((e) => ({
          digest: e.digest,
          event: e.event,
          at: Math.floor(e.recorded_at / 1000),
        })),
        next: encodeCursor(last ? last.id : after),
        has_more: hasMore,
        digest_method: DIGEST_METHOD,
      };
    },
  );
}
