import { html, type VNode } from "../html.ts";
import { Layout, type LayoutProps, type Viewer } from "../layout.ts";
import { ActionButton, AppNav, Reveal } from "./app-nav.ts";

export function AppBasicPage(p: {
  viewer: Viewer;
  csrf: string;
  notice?: LayoutProps["notice"];
  app: {
    clientId: string;
    name: string;
    workspaceName: string;
    clientType: string;
    apiVersion: string;
    uninstallUrl: string | null;
  };
  clientSecret: string;
  /** Every version an app may default to, oldest first. */
  versions: readonly string[];
}): VNode {
  const base = `/hub/apps/${encodeURIComponent(p.app.clientId)}`;
  return html`<${Layout} title=${p.app.name} viewer=${p.viewer} csrf=${p.csrf} notice=${p.notice}>
    <h1>${p.app.name}</h1>
    <${AppNav} clientId=${p.app.clientId} current="basic" />
    <section class="card">
      <h2>Basic information</h2>
      <form method="post" action=${`${base}/rename`}>
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <label for="name">App name</label>
        <input id="name" name="name" type="text" required maxlength="255" value=${p.app.name} />
        <button type="submit">Save name</button>
      </form>
      <form method="post" action=${`${base}/api-version`}>
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <label for="api_version">API version</label>
        <select id="api_version" name="api_version">
          ${p.versions.map((v) => html`<option value=${v} selected=${v === p.app.apiVersion}>${v}</option>`)}
        </select>
        <p class="muted">What requests speak when they send no <code>Intercom-Version</code> header.</p>
        <button type="submit">Save API version</button>
      </form>
      <form method="post" action=${`${base}/uninstall-url`}>
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <label for="uninstall_url">Uninstall URL</label>
        <input id="uninstall_url" name="uninstall_url" type="url" maxlength="2000" value=${p.app.uninstallUrl ?? ""} />
        <p class="muted">
          When a workspace uninstalls the app, Gatehouse POSTs <code>{"app_id": "…"}</code>, with the workspace's id, here
          (HTTPS, signed like webhooks). Leave it empty to be told nothing.
        </p>
        <button type="submit">Save uninstall URL</button>
      </form>
      <dl>
        <dt>Workspace</dt><dd>${p.app.workspaceName}</dd>
        <dt>Client ID</dt><dd><code>${p.app.clientId}</code></dd>
        <dt>Client secret</dt>
        <dd>
          <${Reveal} label="Reveal client secret" secret=${p.clientSecret} />
          <${ActionButton} action=${`${base}/rotate-secret`} csrf=${p.csrf} label="Rotate client secret" danger />
        </dd>
      </dl>
    </section>
  <//>`;
}
