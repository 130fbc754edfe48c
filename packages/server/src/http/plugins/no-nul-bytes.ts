import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { errors } from "../../core/errors.ts";

/**
 * Refuses input holding a NUL character, in the URL (path or query) or anywhere in a parsed body.
 * PostgreSQL's text cannot store one (SQLite can), and no legitimate name, email, id or token has one;
 * refusing it at the door keeps both databases answering the same 400 instead of one of them a 500.
 */
export const noNulBytes = fp(async (app: FastifyInstance) => {
  // Callback hooks, not async ones: every request passes both, and almost all pass clean, so neither
  // should cost a promise and a trip through the microtask queue.
  app.addHook("onRequest", (request, _reply, done) => {
    if (request.url.includes("\u0000") || NUL_ESCAPE.test(request.url)) {
      done(errors.parameterInvalid("The request URL contains a NUL character"));
      return;
    }
    done();
  });
  app.addHook("preValidation", (request, _reply, done) => {
    if (request.body === undefined || request.body === null) {
      done();
      return;
    }
    try {
      done(
        holdsNul(request.body)
          ? errors.parameterInvalid("The request body contains a NUL character")
          : undefined,
      );
    } catch (error) {
      // Nested too deep: refused as such.
      done(error as Error);
    }
  });
});

const NUL_ESCAPE = /%00/i;

const MAX_DEPTH = 64;

/** Walks the body without recursion; a body nested deeper than any real payload is refused too. */
function holdsNul(body: unknown): boolean {
  const stack: Array<[unknown, number]> = [[body, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value === "string") {
      if (value.includes("\u0000")) return true;
    } else if (typeof value === "object" && value !== null) {
      if (depth >= MAX_DEPTH)
        throw errors.parameterInvalid(`The request body is nested more than ${MAX_DEPTH} levels deep`);
      for (const [key, child] of Object.entries(value)) {
        if (key.includes("\u0000")) return true;
        stack.push([child, depth + 1]);
      }
    }
  }
  return false;
}
