/**
 * "Connect with Intercom", the example of seed 002, in TypeScript and against Gatehouse: a page with a
 * connect button, served over HTTPS with a self-signed certificate; a callback that checks `state`,
 * trades the code for a token and shows who connected, and from which workspace.
 *
 *   GATEHOUSE_URL=http://127.0.0.1:8080 CLIENT_ID=… CLIENT_SECRET=… npm start
 */
import https from "node:https";
import path from "node:path";
import { OAuthHelper } from "@gatehouse/client";
import { selfSignedCertificate } from "./certificate.ts";
import { connectedPage, failedPage, homePage } from "./pages.ts";
import { PAGE_CSP, STYLE } from "./style.ts";

const PORT = Number(process.env.PORT ?? 4567);
const GATEHOUSE_URL = process.env.GATEHOUSE_URL ?? "http://127.0.0.1:8080";
const CLIENT_ID = process.env.CLIENT_ID ?? "";
const CLIENT_SECRET = process.env.CLIENT_SECRET ?? "";
const DATA_DIR = path.resolve(process.env.EXAMPLE_DATA_DIR ?? path.join(import.meta.dirname, "../data"));

if (!CLIENT_ID || !CLIENT_SECRET) {
  process.stderr.write("Set CLIENT_ID and CLIENT_SECRET to your app's (see README.md).\n");
  process.exit(1);
}

const oauth = new OAuthHelper({
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  redirectUri: `https://localhost:${PORT}/callback`,
  authorizeBaseUrl: GATEHOUSE_URL,
  apiBaseUrl: GATEHOUSE_URL,
});

// The state and the PKCE verifier live in this browser's cookies until the callback, where the state must
// come back unchanged and the verifier proves to Gatehouse that the code is redeemed by whoever asked for it.
const STATE_COOKIE = "connect_state";
const VERIFIER_COOKIE = "connect_verifier";
const pending = (seconds: number) => `HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=${seconds}`;

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

const server = https.createServer(selfSignedCertificate(DATA_DIR), async (req, res) => {
  const url = new URL(req.url ?? "/", `https://localhost:${PORT}`);
  const html = (status: number, body: string, headers: Record<string, string | string[]> = {}) =>
    res
      .writeHead(status, {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": PAGE_CSP,
        ...headers,
      })
      .end(body);
  try {
    if (url.pathname === "/") return html(200, homePage());
    if (url.pathname === "/style.css") {
      return res
        .writeHead(200, { "content-type": "text/css; charset=utf-8", "cache-control": "max-age=3600" })
        .end(STYLE);
    }
    if (url.pathname === "/connect") {
      const { url: authorize, state, codeVerifier } = await oauth.authorizationUrl();
      return res
        .writeHead(302, {
          location: authorize,
          "set-cookie": [
            `${STATE_COOKIE}=${state}; ${pending(600)}`,
            `${VERIFIER_COOKIE}=${codeVerifier}; ${pending(600)}`,
          ],
        })
        .end();
    }
    if (url.pathname === "/callback") {
      const state = cookie(req.headers.cookie, STATE_COOKIE);
      const codeVerifier = cookie(req.headers.cookie, VERIFIER_COOKIE) ?? "";
      const { admin } = await oauth.connect(url, state === undefined ? undefined : { state, codeVerifier });
      process.stdout.write(
        `Connected: ${admin.name} <${admin.email}> from ${admin.app.name} (${admin.app.id_code})\n`,
      );
      return html(200, connectedPage(admin), {
        "set-cookie": [`${STATE_COOKIE}=; ${pending(0)}`, `${VERIFIER_COOKIE}=; ${pending(0)}`],
      });
    }
    return html(404, failedPage("Not found."));
  } catch (error) {
    return html(400, failedPage(error instanceof Error ? error.message : String(error)));
  }
});

server.listen(PORT, () => {
  process.stdout.write(
    `My App is on https://localhost:${PORT}/ (self-signed certificate: your browser will ask)\n`,
  );
});
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => server.close());
