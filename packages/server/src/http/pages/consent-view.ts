import type { Scope, ScopeCatalog } from "../../platform/apps/scopes/catalog.ts";
import { type AppFace, AppIcon } from "./app-face.ts";
import { html, type VNode } from "./html.ts";
import { PlainLayout } from "./plain-layout.ts";
import { ScopeList } from "./scope-list.ts";

export interface ConsentProps {
  viewer: { name: string; email: string };
  csrf: string;
  app: AppFace;
  workspaces: { idCode: string; name: string }[];
  scopes: readonly Scope[];
  catalog: ScopeCatalog;
  /** The authorization request, carried through the form unchanged. */
  hidden: Record<string, string | undefined>;
  /** This same authorization request as a path, to come back to after "not you?". */
  requestPath: string;
  error?: string;
}

/**
 * The consent screen, in the app's name but on Gatehouse's page: no hub navigation, the app's face
 * (icon, name once, description, maker), what it asks for, and who is about to say yes. Names and the
 * description sit in `<bdi>`/`dir="auto"`, so a right-to-left override in them cannot turn the page's
 * own words around.
 */
export function ConsentPage(p: ConsentProps): VNode {
  return html`<${PlainLayout} title=${`Authorize ${p.app.name}`}>
    <section class="card narrow consent">
      <div class="app-face">
        <${AppIcon} app=${p.app} />
        <div>
          <h1><bdi>${p.app.name}</bdi> would like to access your Intercom data</h1>
          <p class="muted">Built by <strong><bdi>${p.app.builder}</bdi></strong></p>
        </div>
      </div>
      ${p.app.description && html`<p class="consent-description" dir="auto">${p.app.description}</p>`}
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
        <h2>It will be able to:</h2>
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
      <form method="post" action="/signout" class="signed-in-as">
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <input type="hidden" name="return_to" value=${p.requestPath} />
        Signed in as <strong><bdi>${p.viewer.name}</bdi></strong> (<bdi>${p.viewer.email}</bdi>) —${" "}
        <button type="submit" class="link">not you?</button>
      </form>
    </section>
  <//>`;
}
