import { html, type VNode } from "../html.ts";
import { Layout, type Viewer } from "../layout.ts";

export interface AppSummary {
  clientId: string;
  name: string;
  workspaceName: string;
  oauth: boolean;
}

export function AppsListPage(p: { viewer: Viewer; csrf: string; apps: AppSummary[] }): VNode {
  return html`<${Layout} title="Developer hub" viewer=${p.viewer} csrf=${p.csrf}>
    <section class="card">
      <h1>Your apps</h1>
      <p><a href="/hub/apps/new" class="button">New app</a></p>
      ${
        p.apps.length === 0
          ? html`<p>No apps yet. Create one to get an access token for your workspace.</p>`
          : html`<table>
            <thead><tr><th scope="col">App</th><th scope="col">Workspace</th><th scope="col">OAuth</th></tr></thead>
            <tbody>
              ${p.apps.map(
                (a) => html`<tr>
                  <td><a href=${`/hub/apps/${encodeURIComponent(a.clientId)}`}>${a.name}</a></td>
                  <td>${a.workspaceName}</td>
                  <td>${a.oauth ? "On" : "Off"}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
    </section>
  <//>`;
}

export function NewAppPage(p: {
  viewer: Viewer;
  csrf: string;
  workspaces: { idCode: string; name: string }[];
  error?: string;
  name?: string;
}): VNode {
  return html`<${Layout} title="New app" viewer=${p.viewer} csrf=${p.csrf} notice=${p.error ? { kind: "error", text: p.error } : undefined}>
    <section class="card narrow">
      <h1>New app</h1>
      <form method="post" action="/hub/apps/new">
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <label for="name">App name</label>
        <input id="name" name="name" type="text" required maxlength="255" value=${p.name ?? ""} />
        <label for="workspace">Workspace</label>
        <select id="workspace" name="workspace">
          ${p.workspaces.map((w) => html`<option value=${w.idCode}>${w.name}</option>`)}
        </select>
        <p class="muted">The app gets an access token for this workspace as soon as it is created.</p>
        <button type="submit" class="primary">Create app</button>
      </form>
    </section>
  <//>`;
}
