import { html, type VNode } from "../html.ts";
import { Layout, type Viewer } from "../layout.ts";
import { AppHeader, type AppHeading, Reveal } from "./app-nav.ts";

export interface InstalledWorkspace {
  idCode: string;
  name: string;
  installedAt: number;
  /** Shown only for workspaces the viewer is an admin of. */
  token: string | undefined;
  viewerIsMember: boolean;
}

export function AppWorkspacesPage(p: {
  viewer: Viewer;
  csrf: string;
  app: AppHeading;
  workspaces: InstalledWorkspace[];
}): VNode {
  return html`<${Layout} title=${`${p.app.name} · Your workspaces`} viewer=${p.viewer} csrf=${p.csrf} copy>
    <${AppHeader} app=${p.app} current="workspaces" />
    <section class="card">
      <h2>Your workspaces</h2>
      <p class="muted">Workspaces that have this app installed.</p>
      <table class="stack">
        <thead><tr><th scope="col">Workspace</th><th scope="col">Installed</th><th scope="col">Access token</th></tr></thead>
        <tbody>
          ${p.workspaces.map(
            (w) => html`<tr>
              <td>${w.name} <code>${w.idCode}</code></td>
              <td>${new Date(w.installedAt).toISOString().slice(0, 10)}</td>
              <td>${w.token ? html`<${Reveal} id=${`token-${w.idCode}`} label="Reveal access token" secret=${w.token} />` : html`<span class="muted">${w.viewerIsMember ? "No access token" : "Not your workspace"}</span>`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>
  <//>`;
}
