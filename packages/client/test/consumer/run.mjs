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
