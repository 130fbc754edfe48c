import type { Scope, ScopeCatalog } from "../../platform/apps/scopes/catalog.ts";
import { html, type VNode } from "./html.ts";
import { Layout, type Viewer } from "./layout.ts";
import { ScopeList } from "./scope-list.ts";

export interface ConsentProps {
  viewer: Viewer;
  csrf: string;
  appName: string;
  builderWorkspace: string;
  workspaces: { idCode: string; name: string }[];
  scopes: readonly Scope[];
  catalog: ScopeCatalog;
  /** The authorization request, carried through the form unchanged. */
  hidden: Record<string, string | undefined>;
  error?: string;
}

export function ConsentPage(p: ConsentProps): VNode {
  return html`<${Layout} title=${`Install ${p.appName}`} viewer=${p.viewer} csrf=${p.csrf}>
    <section class="card narrow consent">
      <h1>${p.appName} would like to access your Intercom data</h1>
      <p class="muted">Built by the workspace <strong>${p.builderWorkspace}</strong>.</p>
      ${p.error && html`<p class="notice error" role="alert">${p.error}</p>`}
      <form method="post" action="/oauth">
        <input type="hidden" name="_csrf" value=${p.csrf} />
        ${Object.entries(p.hidden)
          .filter(([, value]) => value !== undefined)
          .map(([name, value]) => html`<input type="hidden" name=${name} value=${value} />`)}
        <label for="workspace">Install on workspace</label>
        <select id="workspace" name="workspace">
          ${p.workspaces.map((w) => html`<option value=${w.idCode}>${w.name}</option>`)}
        </select>
        <h2>${p.appName} will be able to:</h2>
        ${
          p.scopes.length > 0
            ? html`<${ScopeList} scopes=${p.scopes} catalog=${p.catalog} />`
            : html`<p>Identify you (your name, email and workspace). It asks for no other permission.</p>`
        }
        <div class="actions">
          <button type="submit" name="decision" value="authorize" class="primary">Authorize access</button>
          <button type="submit" name="decision" value="cancel">Cancel</button>
        </div>
      </form>
    </section>
  <//>`;
}
