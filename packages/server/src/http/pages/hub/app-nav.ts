import { html, type VNode } from "../html.ts";

export type AppSection = "basic" | "authentication" | "webhooks" | "workspaces";

/** The app's section navigation, as in Intercom's Developer Hub. */
export function AppNav({ clientId, current }: { clientId: string; current: AppSection }): VNode {
  const link = (section: AppSection, href: string, label: string) =>
    html`<a href=${href} aria-current=${section === current ? "page" : undefined}>${label}</a>`;
  const base = `/hub/apps/${encodeURIComponent(clientId)}`;
  return html`<nav class="tabs" aria-label="App sections">
    ${link("basic", base, "Basic information")}
    ${link("authentication", `${base}/authentication`, "Authentication")}
    ${link("webhooks", `${base}/webhooks`, "Webhooks")}
    ${link("workspaces", `${base}/workspaces`, "Test & Publish › Your workspaces")}
  </nav>`;
}

/** A one-button form that posts to `action` with the CSRF token. */
export function ActionButton(props: {
  action: string;
  csrf: string;
  label: string;
  danger?: boolean;
  fields?: Record<string, string>;
}): VNode {
  return html`<form method="post" action=${props.action} class="inline">
    <input type="hidden" name="_csrf" value=${props.csrf} />
    ${Object.entries(props.fields ?? {}).map(([name, value]) => html`<input type="hidden" name=${name} value=${value} />`)}
    <button type="submit" class=${props.danger ? "danger" : undefined}>${props.label}</button>
  </form>`;
}

/** A secret shown only when asked for (no JavaScript: a disclosure element). */
export function Reveal({ label, secret }: { label: string; secret: string }): VNode {
  return html`<details class="reveal">
    <summary>${label}</summary>
    <code class="secret">${secret}</code>
  </details>`;
}
