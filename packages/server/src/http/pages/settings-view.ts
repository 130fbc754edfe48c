import type { Scope, ScopeCatalog } from "../../platform/apps/scopes/catalog.ts";
import { html, type VNode } from "./html.ts";
import { ActionButton } from "./hub/app-nav.ts";
import { Layout, type LayoutProps, type Viewer } from "./layout.ts";
import { ScopeList } from "./scope-list.ts";

export function WorkspacesPage(p: {
  viewer: Viewer;
  csrf: string;
  workspaces: { idCode: string; name: string }[];
}): VNode {
  return html`<${Layout} title="Workspace settings" viewer=${p.viewer} csrf=${p.csrf}>
    <section class="card">
      <h1>Workspace settings</h1>
      <p><a href="/settings/profile">Your profile</a> (your avatar)</p>
      <ul>
        ${p.workspaces.map(
          (w) => html`<li>
            ${w.name}: <a href=${`/settings/${w.idCode}/apps`}>Installed apps</a> ·
            <a href=${`/settings/${w.idCode}/activity`}>Activity log</a> ·
            <a href=${`/settings/${w.idCode}/security`}>Security</a>
          </li>`,
        )}
      </ul>
    </section>
  <//>`;
}

export interface InstalledApp {
  installationId: number;
  appName: string;
  builder: string;
  installedAt: number;
  scopes: Scope[];
}

export function InstalledAppsPage(p: {
  viewer: Viewer;
  csrf: string;
  notice?: LayoutProps["notice"];
  workspace: { idCode: string; name: string };
  apps: InstalledApp[];
  catalog: ScopeCatalog;
}): VNode {
  return html`<${Layout} title="Installed apps" viewer=${p.viewer} csrf=${p.csrf} notice=${p.notice}>
    <section class="card">
      <h1>Installed apps · ${p.workspace.name}</h1>
      ${p.apps.length === 0 && html`<p>No apps are installed on this workspace.</p>`}
      ${p.apps.map(
        (a) => html`<article class="installed">
          <h2>${a.appName}</h2>
          <p class="muted">Built by ${a.builder} · installed ${new Date(a.installedAt).toISOString().slice(0, 10)}</p>
          ${a.scopes.length > 0 ? html`<${ScopeList} scopes=${a.scopes} catalog=${p.catalog} />` : html`<p>No permissions.</p>`}
          <${ActionButton}
            action=${`/settings/${p.workspace.idCode}/apps/uninstall`}
            csrf=${p.csrf}
            label=${`Uninstall ${a.appName}`}
            danger
            fields=${{ installation: String(a.installationId) }}
          />
        </article>`,
      )}
    </section>
  <//>`;
}
