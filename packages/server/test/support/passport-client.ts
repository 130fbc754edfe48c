import http from "node:http";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// The real npm strategy, unchanged; only its URLs are pointed at Gatehouse.
const IntercomStrategy = require("passport-intercom").Strategy as new (
  options: Record<string, string>,
  verify: (
    accessToken: string,
    refreshToken: string,
    profile: Profile,
    done: (e: unknown, u?: unknown) => void,
  ) => void,
) => PassportStrategy;

export interface Profile {
  provider: string;
  id: string;
  displayName: string;
  emails: { value: string }[];
  photos: string[];
  _json: { email_verified: boolean; app: { id_code: string } };
}

interface PassportStrategy {
  name: string;
  authenticate(req: unknown, options?: unknown): void;
  success?: (user: unknown) => void;
  fail?: (challenge: unknown, status?: number) => void;
  redirect?: (url: string) => void;
  error?: (err: unknown) => void;
  _oauth2: { get(url: string, token: string, cb: (...args: unknown[]) => void): void };
}

/**
 * A connect-style client app with two routes, driving the strategy as passport.authenticate would:
 * `/auth/intercom` redirects to Gatehouse, `/auth/intercom/callback` finishes the login.
 */
export function clientApp(gatehouse: string, clientID: string, clientSecret: string, port: () => number) {
  const logins: Profile[] = [];
  const failures: unknown[] = [];
  const server = http.createServer((req, res) => {
    const strategy = new IntercomStrategy(
      {
        clientID,
        clientSecret,
        callbackURL: `http://127.0.0.1:${port()}/auth/intercom/callback`,
        authorizationURL: `${gatehouse}/oauth`,
        tokenURL: `${gatehouse}/auth/eagle/token`,
      },
      (_accessToken, _refreshToken, profile, done) => done(null, profile),
    );
    // passport-intercom fetches its profile from a fixed Intercom URL; send it to Gatehouse instead.
    const get = strategy._oauth2.get.bind(strategy._oauth2);
    strategy._oauth2.get = (url, token, cb) =>
      get(url.replace("https://api.intercom.io", gatehouse), token, cb);
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port()}`);
    const request = Object.assign(req, { query: Object.fromEntries(url.searchParams) });
    strategy.redirect = (location) => res.writeHead(302, { location }).end();
    strategy.success = (user) => {
      logins.push(user as Profile);
      res.writeHead(200, { "content-type": "text/plain" }).end(`Hello ${(user as Profile).displayName}`);
    };
    strategy.fail = (challenge, status) =>
      res.writeHead(status ?? 401).end(`login failed: ${JSON.stringify(challenge)}`);
    strategy.error = (err) => {
      failures.push(err);
      res.writeHead(500).end(`login error: ${String((err as Error)?.message ?? err)}`);
    };
    strategy.authenticate(request, {});
  });
  return { server, logins, failures };
}
