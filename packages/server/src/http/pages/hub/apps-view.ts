import { errorFor, Field, type FieldError } from "../field.ts";
import { SEE_FIELD } from "../form-refusal.ts";
import { html, type VNode } from "../html.ts";
import { Layout, type LayoutProps, type Viewer } from "../layout.ts";
import { AppIcon } from "./app-nav.ts";

export interface AppSummary {
  clientId: string;
  name: string;
  description: string | null;
  iconUrl: string | null;
  workspaceName: string;
  oauth: boolean;
}

export function AppsListPage(p: {
  viewer: Viewer;
  csrf: string;
  notice?: LayoutProps["notice"];
  apps: AppSummary[];
}): VNode {
  return html`<${Layout} title="Developer hub" viewer=${p.viewer} csrf=${p.csrf} notice=${p.notice}>
    <section class="card">
      <div class="heading-row">
        <h1>Your apps</h1>
        <a href="/hub/apps/new" class="button">New app</a>
      </div>
      ${
        p.apps.length === 0
          ? html`<p>No apps yet. Create one to get an access token for your workspace.</p>`
          : html`<ul class="app-list">
              ${p.apps.map(
                (a) => html`<li>
                  <${AppIcon} name=${a.name} iconUrl=${a.iconUrl} size="small" />
                  <div>
                    <a href=${`/hub/apps/${encodeURIComponent(a.clientId)}`} class="app-name">${a.name}</a>
                    ${a.description && html`<p class="muted app-description">${a.description}</p>`}
                    <p class="muted app-meta">${a.workspaceName} · OAuth ${a.oauth ? "on" : "off"}</p>
                  </div>
                </li>`,
              )}
            </ul>`
      }
    </section>
  <//>`;
}

export function NewAppPage(p: {
  viewer: Viewer;
  csrf: string;
  workspaces: { idCode: string; name: string }[];
  error?: FieldError | undefined;
  name?: string;
  workspace?: string;
  description?: string;
  iconUrl?: string;
}): VNode {
  const notice = p.error ? SEE_FIELD : undefined;
  return html`<${Layout} title="New app" viewer=${p.viewer} csrf=${p.csrf} notice=${notice}>
    <section class="card narrow">
      <h1>New app</h1>
      <form method="post" action="/hub/apps/new">
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <${Field} id="name" name="name" label="App name" value=${p.name ?? ""} error=${errorFor(p.error, "name")} required maxlength=${255} />
        <label for="workspace">Workspace</label>
        <select id="workspace" name="workspace" aria-describedby=${p.error?.field === "workspace" ? "workspace-error workspace-hint" : "workspace-hint"}>
          ${p.workspaces.map((w) => html`<option value=${w.idCode} selected=${w.idCode === p.workspace}>${w.name}</option>`)}
        </select>
        ${p.error?.field === "workspace" && html`<p id="workspace-error" class="field-error">${p.error.message}</p>`}
        <p id="workspace-hint" class="muted">The app gets an access token for this workspace as soon as it is created.</p>
        <${Field} id="description" name="description" label="Description (optional)" textarea value=${p.description ?? ""}
          error=${errorFor(p.error, "description")} maxlength=${280} hint="What the app does, in at most 280 characters. Workspaces see it when they install the app." />
        <${Field} id="icon_url" name="icon_url" label="Icon URL (optional)" type="url" value=${p.iconUrl ?? ""}
          error=${errorFor(p.error, "icon_url")} maxlength=${2000} hint="A square image over HTTPS, shown at 48 × 48." />
        <button type="submit" class="primary">Create app</button>
      </form>
    </section>
  <//>`;
}
