import type { FastifyInstance } from "fastify";

/**
 * A `fetch` answered by the Gatehouse in this process through Fastify's `inject`: the same app, hooks,
 * database and headers, without a socket (no port, no connection, no HTTP parser), so a route test pays
 * only for the route. It sends what Node's `fetch` would send (its default headers, the URL's `Host`, a
 * zero length on an empty POST) and answers with a real `Response`; same-origin redirects are followed as
 * `fetch` follows them. Tests whose subject is the socket (start, hostile input, framing, pages, real
 * clients) keep the real `fetch`.
 */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The headers undici's `fetch` adds when the caller does not set them. */
const FETCH_DEFAULTS: Record<string, string> = {
  accept: "*/*",
  "accept-language": "*",
  "sec-fetch-mode": "cors",
  "user-agent": "node",
  "accept-encoding": "gzip, deflate",
};
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

/** The Gatehouses started in this process and still running, by origin. */
const running = new Map<string, FetchLike>();

/**
 * Makes `origin` answer in-process until the returned function is called (at stop). Setting
 * GATEHOUSE_TEST_SOCKET=1 keeps every test on the socket, to compare the two paths.
 */
export function answerInProcess(origin: string, server: FastifyInstance): () => void {
  if (process.env.GATEHOUSE_TEST_SOCKET === "1") return () => {};
  const answer = injectFetch(server);
  running.set(origin, answer);
  // A later Gatehouse may have been given the same port: leave its entry alone.
  return () => {
    if (running.get(origin) === answer) running.delete(origin);
  };
}

/** `fetch`, answered in-process when the URL is a running Gatehouse of this process, else over the network. */
export const inProcessOrNetwork: FetchLike = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  const local = URL.canParse(url) ? running.get(new URL(url).origin) : undefined;
  return local ? local(input, init) : fetch(input, init);
};

type InjectMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

export function injectFetch(server: FastifyInstance): FetchLike {
  return async (input, init) => {
    let request = new Request(input, init);
    for (let hops = 0; ; hops++) {
      const response = await injectOnce(server, request);
      const location = response.headers.get("location");
      if (request.redirect === "manual" || !REDIRECTS.has(response.status) || !location) return response;
      if (request.redirect === "error") throw new TypeError("fetch failed: redirect mode is 'error'");
      if (hops >= MAX_REDIRECTS) throw new TypeError("fetch failed: too many redirects");
      const next = new URL(location, request.url);
      if (next.origin !== new URL(request.url).origin)
        throw new Error(`in-process fetch cannot follow a redirect off this server: ${next}`);
      // As fetch does: a 303, or a 301/302 after a POST, becomes a GET without a body.
      const toGet =
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && request.method === "POST");
      const headers = new Headers(request.headers);
      if (toGet)
        for (const name of ["content-type", "content-length", "content-encoding"]) headers.delete(name);
      request = new Request(next, {
        method: toGet ? "GET" : request.method,
        headers,
        ...(!toGet && request.body && { body: await request.clone().arrayBuffer() }),
        redirect: request.redirect,
      });
      markRedirected(request);
    }
  };
}

const redirected = new WeakSet<Request>();
const markRedirected = (request: Request) => redirected.add(request);

async function injectOnce(server: FastifyInstance, request: Request): Promise<Response> {
  const headers: Record<string, string> = { ...FETCH_DEFAULTS };
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  if (!body && BODY_METHODS.has(request.method)) headers["content-length"] = "0";
  const answer = await server.inject({
    method: request.method as InjectMethod,
    url: request.url,
    headers,
    ...(body && { payload: body }),
  });
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, String(one));
  }
  const response = new Response(
    NULL_BODY_STATUSES.has(answer.statusCode) || request.method === "HEAD"
      ? null
      : new Uint8Array(answer.rawPayload),
    { status: answer.statusCode, statusText: answer.statusMessage, headers: responseHeaders },
  );
  // A constructed Response has no URL; fetch's callers may read it (and whether a redirect led there).
  Object.defineProperty(response, "url", { value: request.url });
  Object.defineProperty(response, "redirected", { value: redirected.has(request) });
  return response;
}
