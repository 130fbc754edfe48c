/**
 * A minimal browser for page tests without Chromium: keeps cookies, never follows redirects on its own
 * (tests look at each hop), and knows how to find a page's CSRF token and submit a form.
 */
export interface Page {
  status: number;
  headers: Headers;
  body: string;
  /** The Location header of a redirect, resolved against the request URL. */
  location: string | undefined;
}

export class Browser {
  readonly base: string;
  readonly cookies = new Map<string, string>();

  constructor(base: string) {
    this.base = base;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.#send("GET", path, undefined, headers);
  }

  /** Posts a form (application/x-www-form-urlencoded). */
  async post(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Page> {
    return this.#send("POST", path, new URLSearchParams(fields).toString(), {
      "content-type": "application/x-www-form-urlencoded",
      ...headers,
    });
  }

  /** Fetches `path`, reads its CSRF token, and posts `fields` with it to `action` (default: the same path). */
  async submit(path: string, fields: Record<string, string>, action?: string): Promise<Page> {
    const page = await this.get(path);
    return this.post(action ?? path, { _csrf: csrfOf(page.body), ...fields });
  }

  /** Follows redirects on this site until a page that is not a redirect. */
  async follow(page: Page): Promise<Page> {
    let current = page;
    for (let hops = 0; current.location && hops < 10; hops++) {
      const next = new URL(current.location);
      if (next.origin !== new URL(this.base).origin) return current;
      current = await this.get(next.pathname + next.search);
    }
    return current;
  }

  async signIn(email: string, password: string): Promise<Page> {
    const signIn = await this.get("/signin");
    const response = await this.post("/signin", { _csrf: csrfOf(signIn.body), email, password });
    if (response.status !== 303)
      throw new Error(`sign-in failed with ${response.status}: ${response.body.slice(0, 300)}`);
    return response;
  }

  async #send(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<Page> {
    const url = new URL(path, this.base);
    const response = await fetch(url, {
      method,
      body,
      redirect: "manual",
      headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "), ...headers },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = (pair ?? "").indexOf("=");
      const name = (pair ?? "").slice(0, eq).trim();
      const value = (pair ?? "").slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = response.headers.get("location");
    return {
      status: response.status,
      headers: response.headers,
      body: await response.text(),
      location: location ? new URL(location, url).toString() : undefined,
    };
  }
}

/** The value of the first hidden `_csrf` input in a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`no CSRF token in page: ${html.slice(0, 200)}`);
  return match[1];
}

/** Every hidden input of the first form posting to `action`. */
export function hiddenFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = html.slice(start, html.indexOf("</form>", start));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[m[1] as string] = decodeEntities(m[2] as string);
  }
  return fields;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
