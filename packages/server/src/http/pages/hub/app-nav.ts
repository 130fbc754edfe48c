import { html, type VNode } from "../html.ts";

export type AppSection = "basic" | "authentication" | "webhooks" | "workspaces";

/** What every app page shows above its sections: the app's face, and whether it can do anything yet. */
export interface AppHeading {
  clientId: string;
  name: string;
  description: string | null;
  iconUrl: string | null;
  /** False for an app that asks for no scope yet: its token can do nothing. */
  hasScopes: boolean;
}

/** The app's icon at a fixed size, or its initial on a tile when it has none. */
export function AppIcon({
  name,
  iconUrl,
  size,
}: {
  name: string;
  iconUrl: string | null;
  size: "small" | "large";
}): VNode {
  const initial = (Array.from(name.trim())[0] ?? "?").toUpperCase();
  return iconUrl
    ? html`<img class=${`app-icon ${size}`} src=${iconUrl} alt=${`${name} icon`} width=${size === "large" ? 48 : 32} height=${size === "large" ? 48 : 32} referrerpolicy="no-referrer" />`
    : html`<span class=${`app-icon ${size} placeholder`} aria-hidden="true">${initial}</span>`;
}

/** The app's header (icon, name, description), the notice when it holds no scope, and its sections. */
export function AppHeader({ app, current }: { app: AppHeading; current: AppSection }): VNode {
  const base = `/hub/apps/${encodeURIComponent(app.clientId)}`;
  return html`<header class="app-header">
      <${AppIcon} name=${app.name} iconUrl=${app.iconUrl} size="large" />
      <div>
        <h1>${app.name}</h1>
        ${app.description && html`<p class="muted app-description">${app.description}</p>`}
      </div>
    </header>
    ${
      !app.hasScopes &&
      html`<p class="notice info" role="note">
        This app asks for no permissions yet, so its access token can read nothing.${" "}
        <a href=${`${base}/authentication#permissions-heading`}>Choose its permissions</a>.
      </p>`
    }
    <${AppNav} clientId=${app.clientId} current=${current} />`;
}

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

/**
 * A one-button form that posts to `action` with the CSRF token. A destructive action's route answers
 * a post without `confirm=1` with a confirmation page (confirm-view.ts), so this button only asks.
 */
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

/**
 * A secret shown only when asked for (no JavaScript: a disclosure element), with a Copy button that
 * /assets/copy.js shows and drives; without the script the button stays hidden and the text selectable.
 */
export function Reveal({ label, secret, id }: { label: string; secret: string; id: string }): VNode {
  return html`<details class="reveal">
    <summary>${label}</summary>
    <code class="secret" id=${id}>${secret}</code>
    <${CopyButton} target=${id} />
  </details>`;
}

/** Copies the text of the element `target` names; hidden until /assets/copy.js runs and shows it. */
export function CopyButton({ target }: { target: string }): VNode {
  return html`<button type="button" class="copy" data-copy-target=${target} hidden>Copy</button>`;
}
