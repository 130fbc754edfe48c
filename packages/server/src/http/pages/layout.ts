import { html, type VNode } from "./html.ts";

export interface Viewer {
  name: string;
  email: string;
  isReviewer: boolean;
}

export interface LayoutProps {
  title: string;
  viewer?: Viewer | undefined;
  /** CSRF token for the sign-out form in the header. */
  csrf?: string | undefined;
  /** A one-line notice shown above the page (after a change, or an error). */
  notice?: { kind: "ok" | "error"; text: string } | undefined;
  /** The page has copy buttons (hub/app-nav.ts): load /assets/copy.js, which the CSP allows as 'self'. */
  copy?: boolean;
  children: VNode | VNode[] | string | (VNode | string | null | false)[];
}

/** Every page's <head>: its title, the stylesheet, and the copy script where the page has copy buttons. */
export function DocumentHead({ title, copy }: { title: string; copy?: boolean | undefined }): VNode {
  return html`<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · Gatehouse</title>
    <link rel="stylesheet" href="/assets/gatehouse.css" />
    ${copy && html`<script src="/assets/copy.js" defer></script>`}
  </head>`;
}

export function Layout({ title, viewer, csrf, notice, copy, children }: LayoutProps): VNode {
  return html`<html lang="en">
    ${DocumentHead({ title, copy })}
    <body>
      <header class="top">
        <a class="brand" href=${viewer ? "/hub" : "/signin"}>Gatehouse</a>
        ${
          viewer &&
          html`<nav aria-label="Main">
          <a href="/hub">Developer hub</a>
          <a href="/settings">Installed apps</a>
          ${viewer.isReviewer && html`<a href="/reviews">Reviews</a>`}
          <form method="post" action="/signout" class="inline">
            <input type="hidden" name="_csrf" value=${csrf} />
            <span class="who">${viewer.name}</span>
            <button type="submit" class="link">Sign out</button>
          </form>
        </nav>`
        }
      </header>
      <main id="main">
        ${notice && html`<p class=${`notice ${notice.kind}`} role=${notice.kind === "error" ? "alert" : "status"}>${notice.text}</p>`}
        ${children}
      </main>
    </body>
  </html>`;
}
