/**
 * The checks a team's own API makes (issue 14): forward auth from a proxy, and introspection by a
 * registered resource server. Each runs where the build has the endpoint; on a build without it the
 * bench says so instead of failing.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { Load } from "../load.ts";
import { bearer, expectAnswer, MAIN, probe, type Scenario } from "./scenario.ts";

const CLI = path.resolve(import.meta.dirname, "../../src/cli/gatehouse.ts");
const NOT_AVAILABLE = { unavailable: "not available on this build" };

/** `GET /oauth/verify`, as nginx's auth_request, Traefik's ForwardAuth or Envoy's ext_authz call it. */
export const verify: Scenario = {
  name: "verify",
  label: "GET /oauth/verify (valid token)",
  target: 0.8,
  instance: MAIN,
  async prepare(instance) {
    const load: Load = {
      method: "GET",
      path: "/oauth/verify",
      headers: { ...bearer(instance.demo.token), "x-forwarded-method": "GET", "x-forwarded-uri": "/orders" },
      expect: 200,
    };
    if ((await probe(instance.base, load)).status === 404) return NOT_AVAILABLE;
    return expectAnswer(instance.base, load, "GET /oauth/verify");
  },
};

/** `POST /oauth/introspect` (RFC 7662) by a resource server made with the CLI, about the demo app's token. */
export const introspect: Scenario = {
  name: "introspect",
  label: "POST /oauth/introspect (resource server)",
  target: 0.6,
  instance: MAIN,
  async prepare(instance) {
    let created: { client_id?: string; client_secret?: string };
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [CLI, "resource-server", "create", "--name", "bench", "--json"],
        { env: { ...process.env, ...instance.env } },
      );
      created = JSON.parse(stdout) as typeof created;
    } catch {
      // No such command: resource servers have not landed on this build.
      return NOT_AVAILABLE;
    }
    if (!created.client_id || !created.client_secret)
      throw new Error("gatehouse resource-server create --json printed no client_id and client_secret");
    const basic = Buffer.from(
      `${encodeURIComponent(created.client_id)}:${encodeURIComponent(created.client_secret)}`,
    ).toString("base64");
    const load: Load = {
      method: "POST",
      path: "/oauth/introspect",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams({ token: instance.demo.token }).toString(),
      expect: 200,
    };
    if ((await probe(instance.base, load)).status === 404) return NOT_AVAILABLE;
    return expectAnswer(
      instance.base,
      load,
      "POST /oauth/introspect",
      (body) => (JSON.parse(body) as { active?: boolean }).active === true,
    );
  },
};
