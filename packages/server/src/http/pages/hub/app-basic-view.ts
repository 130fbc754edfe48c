import { errorFor, Field, type FieldError } from "../field.ts";
import { html, type VNode } from "../html.ts";
import { Layout, type LayoutProps, type Viewer } from "../layout.ts";
import { ActionButton, AppHeader, type AppHeading, CopyButton, Reveal } from "./app-nav.ts";

export interface BasicProps {
  viewer: Viewer;
  csrf: string;
  notice?: LayoutProps["notice"];
  app: AppHeading & {
    workspaceName: string;
    clientType: string;
    apiVersion: string;
    uninstallUrl: string | null;
  };
  clientSecret: string;
  /** Every version an app may default to, oldest first. */
  versions: readonly string[];
  /** After a refusal: what was typed in each field, and the refusal beside its field. */
  draft?: { values: Record<string, string>; error: FieldError };
}

export function AppBasicPage(p: BasicProps): VNode {
  const base = `/hub/apps/${encodeURIComponent(p.app.clientId)}`;
  const error = p.draft?.error;
  const versionError = errorFor(error, "api_version");
  const value = (field: string, saved: string | null) => p.draft?.values[field] ?? saved ?? "";
  return html`<${Layout} title=${p.app.name} viewer=${p.viewer} csrf=${p.csrf} notice=${p.notice} copy>
    <${AppHeader} app=${p.app} current="basic" />
    <section class="card" aria-labelledby="basic-heading">
      <h2 id="basic-heading">Basic information</h2>
      <form method="post" action=${`${base}/rename`}>
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <${Field} id="name" name="name" label="App name" value=${value("name", p.app.name)} error=${errorFor(error, "name")} required maxlength=${255} />
        <button type="submit">Save name</button>
      </form>
      <form method="post" action=${`${base}/profile`}>
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <${Field} id="description" name="description" label="Description" textarea value=${value("description", p.app.description)}
          error=${errorFor(error, "description")} maxlength=${280} hint="What the app does, in at most 280 characters. Workspaces see it when they install the app." />
        <${Field} id="icon_url" name="icon_url" label="Icon URL" type="url" value=${value("icon_url", p.app.iconUrl)}
          error=${errorFor(error, "icon_url")} maxlength=${2000} placeholder="https://example.com/icon.png" hint="A square image over HTTPS, shown at 48 × 48. Leave empty to show the app's initial." />
        <button type="submit">Save description and icon</button>
      </form>
      <form method="post" action=${`${base}/api-version`}>
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <label for="api_version">API version</label>
        <select id="api_version" name="api_version" aria-invalid=${versionError ? "true" : undefined}
          aria-describedby=${versionError ? "api_version-error api_version-hint" : "api_version-hint"}>
          ${p.versions.map((v) => html`<option value=${v} selected=${v === p.app.apiVersion}>${v}</option>`)}
        </select>
        ${versionError && html`<p id="api_version-error" class="field-error">${versionError}</p>`}
        <p id="api_version-hint" class="muted">What requests speak when they send no <code>Intercom-Version</code> header.</p>
        <button type="submit">Save API version</button>
      </form>
      <form method="post" action=${`${base}/uninstall-url`}>
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <${Field} id="uninstall_url" name="uninstall_url" label="Uninstall URL" type="url" value=${value("uninstall_url", p.app.uninstallUrl)}
          error=${errorFor(error, "uninstall_url")} maxlength=${2000}
          hint=${html`When a workspace uninstalls the app, Gatehouse POSTs <code>{"app_id": "…"}</code>, with the workspace's id, here
          (HTTPS, signed like webhooks). Leave it empty to be told nothing.`} />
        <button type="submit">Save uninstall URL</button>
      </form>
      <dl>
        <dt>Workspace</dt><dd>${p.app.workspaceName}</dd>
        <dt>Client ID</dt><dd><code id="client-id">${p.app.clientId}</code> <${CopyButton} target="client-id" /></dd>
        <dt>Client secret</dt>
        <dd>
          <${Reveal} id="client-secret" label="Reveal client secret" secret=${p.clientSecret} />
          <${ActionButton} action=${`${base}/rotate-secret`} csrf=${p.csrf} label="Rotate client secret" danger />
        </dd>
      </dl>
    </section>
    <section class="card danger-zone" aria-labelledby="danger-heading">
      <h2 id="danger-heading">Delete this app</h2>
      <p class="muted">Uninstalls it from every workspace and revokes every token it holds, at once. This cannot be undone.</p>
      <${ActionButton} action=${`${base}/delete`} csrf=${p.csrf} label="Delete app" danger />
    </section>
  <//>`;
}
