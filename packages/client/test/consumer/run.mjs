// A user's script in a project that installed the packed @gatehouse/client, run by the machine's own Node
// (older than the repository's): `node run.mjs <step> '<json input>'` prints the step's answer as JSON.
import { Client, GatehouseApiError, OAuthHelper } from "@gatehouse/client";

const steps = {
  /** `GET /me` with an access token. */
  async me({ token, baseUrl }) {
    return { node: process.version, me: await new Client({ token, baseUrl }).me() };
  },
  /** A refused token: the error is the package's own class, with Intercom's code. */
  async refused({ token, baseUrl }) {
    const error = await new Client({ token, baseUrl }).me().then(
      () => undefined,
      (e) => e,
    );
    return { apiError: error instanceof GatehouseApiError, status: error?.status, code: error?.code };
  },
  /** The link to send the admin to, and what to keep in their session. */
  async authorize({ options }) {
    return new OAuthHelper(options).authorizationUrl();
  },
  /** The callback: state checked, code and verifier exchanged, /me fetched. */
  async connect({ options, callback, pending }) {
    return new OAuthHelper(options).connect(new URL(callback), pending);
  },
  /**
   * The framework subpaths, each in a real app of its framework (linked from the repository: the
   * package names them as optional peers), verifying a token against Gatehouse as a resource server.
   */
  async fastify({ baseUrl, clientId, clientSecret, token }) {
    const { default: Fastify } = await import("fastify");
    const { gatehouse, requireScopes, principalOf } = await import("@gatehouse/client/fastify");
    const app = Fastify();
    await app.register(gatehouse, { gatehouseUrl: baseUrl, clientId, clientSecret });
    app.get("/", { preHandler: requireScopes() }, async (request) => principalOf(request));
    const answers = await Promise.all(
      [`Bearer ${token}`, "Bearer nope"].map((authorization) =>
        app.inject({ url: "/", headers: { authorization } }),
      ),
    );
    await app.close();
    return { node: process.version, answers: answers.map((a) => ({ status: a.statusCode, body: a.json() })) };
  },
  async express({ baseUrl, clientId, clientSecret, token }) {
    const { default: express } = await import("express");
    const { gatehouse, principalOf } = await import("@gatehouse/client/express");
    const gate = gatehouse({ gatehouseUrl: baseUrl, clientId, clientSecret });
    const app = express();
    app.get("/", gate.authenticate, (req, res) => res.json(principalOf(req)));
    const server = await new Promise((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    const url = `http://127.0.0.1:${server.address().port}/`;
    const answers = [];
    for (const authorization of [`Bearer ${token}`, "Bearer nope"]) {
      const response = await fetch(url, { headers: { authorization } });
      answers.push({ status: response.status, body: await response.json() });
    }
    gate.close();
    server.closeAllConnections();
    server.close();
    return { node: process.version, answers };
  },
  /** Modules the package does not export stay out of reach. */
  async internals() {
    return import("@gatehouse/client/client").then(
      () => ({ code: "imported" }),
      (e) => ({ code: e.code }),
    );
  },
};

const [step = "", input = "{}"] = process.argv.slice(2);
process.stdout.write(JSON.stringify(await steps[step](JSON.parse(input))));
