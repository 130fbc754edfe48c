import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/**
 * JSON bodies as Intercom reads them: an empty body (or one of white space alone) is no body, as Rails
 * reads it, rather than Fastify's "empty JSON body" error. Many integrations set `Content-Type:
 * application/json` on every request and then send nothing where a route takes nothing (an archive, a
 * DELETE); Intercom answers those, so Gatehouse must too. Where a route does take fields, no body
 * reads as none sent, and the route says which one is missing. Anything else goes to Fastify's own
 * parser, prototype-poisoning checks included.
 */
export const jsonBodies = fp(async (app: FastifyInstance) => {
  const parse = app.getDefaultJsonParser(app.initialConfig.onProtoPoisoning ?? "error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    // Read as a string (`parseAs`); typed as either.
    const text = String(body);
    if (text.trim() === "") {
      done(null, undefined);
      return;
    }
    parse(request, text, done);
  });
});
