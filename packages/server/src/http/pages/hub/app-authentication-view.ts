import type { ScopeCatalog } from "../../../platform/apps/scopes/catalog.ts";
import type { ScopeReviewState } from "../../../storage/tables/apps.ts";
import { errorFor, Field, type FieldError } from "../field.ts";
import { html, type VNode } from "../html.ts";
import { Layout, type LayoutProps, type Viewer } from "../layout.ts";
import { ActionButton, AppHeader, type AppHeading, Reveal } from "./app-nav.ts";

export interface AuthenticationProps {
  viewer: Viewer;
  csrf: string;
  notice?: LayoutProps["notice"];
  app: AppHeading & { oauthEnabled: boolean; canvasKit: boolean };
  /** The access token for the app's own workspace, if it has a live one. */
  token: string | undefined;
  redirectUris: string[];
  catalog: ScopeCatalog;
  requested: Map<string, { state: ScopeReviewState; note: string | null }>;
  locked: Set<string>;
  /** After a refusal about the redirect URL typed: what was typed, and why it was refused. */
  draft?: { values: Record<string, string>; error: FieldError };
}

const STATE_LABEL: Record<ScopeReviewState, string> = {
  not_required: "",
  pending: "Waiting for review",
  approved: "Approved",
  rejected: "Rejected",
};

export function AppAuthenticationPage(p: AuthenticationProps): VNode {
  const base = `/hub/apps/${encodeURIComponent(p.app.clientId)}`;
  return html`<${Layout} title=${`${p.app.name} · Authentication`} viewer=${p.viewer} csrf=${p.csrf} notice=${p.notice} copy>
    <${AppHeader} app=${p.app} current="authentication" />

    <section class="card" aria-labelledby="token-heading">
      <h2 id="token-heading">Access token</h2>
      <p class="muted">For your own workspace's data. Treat it like a password: never give it to a third party.</p>
      ${
        p.token
          ? html`<${Reveal} id="access-token" label="Reveal access token" secret=${p.token} />
            <div class="actions">
              <${ActionButton} action=${`${base}/token/regenerate`} csrf=${p.csrf} label="Regenerate access token" />
              <${ActionButton} action=${`${base}/token/delete`} csrf=${p.csrf} label="Delete access token" danger />
            </div>`
          : html`<p>No access token.</p>
            <${ActionButton} action=${`${base}/token/regenerate`} csrf=${p.csrf} label="Create access token" />`
      }
    </section>

    <section class="card" aria-labelledby="oauth-heading">
      <h2 id="oauth-heading">OAuth</h2>
      <form method="post" action=${`${base}/oauth`}>
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <input type="hidden" name="enabled" value=${p.app.oauthEnabled ? "false" : "true"} />
        <p>Use OAuth: <strong>${p.app.oauthEnabled ? "on" : "off"}</strong></p>
        <button type="submit">${p.app.oauthEnabled ? "Stop using OAuth" : "Use OAuth"}</button>
      </form>
      <h3>Redirect URLs</h3>
      <p class="muted">HTTPS only (plain http only for localhost, 127.0.0.1 and [::1]). The first is the default.</p>
      ${
        p.redirectUris.length === 0
          ? html`<p>No redirect URLs yet.</p>`
          : html`<ol class="redirects">
            ${p.redirectUris.map(
              (uri, i) => html`<li>
                <code>${uri}</code>${i === 0 && html` <span class="badge">default</span>`}
                ${i > 0 && html`<${ActionButton} action=${`${base}/redirect-urls/move`} csrf=${p.csrf} label="Move up" fields=${{ uri, direction: "up" }} />`}
                ${
                  i < p.redirectUris.length - 1 &&
                  html`<${ActionButton} action=${`${base}/redirect-urls/move`} csrf=${p.csrf} label="Move down" fields=${{ uri, direction: "down" }} />`
                }
                <${ActionButton} action=${`${base}/redirect-urls/remove`} csrf=${p.csrf} label="Remove" danger fields=${{ uri }} />
              </li>`,
            )}
          </ol>`
      }
      <form method="post" action=${`${base}/redirect-urls/add`}>
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <${Field} id="redirect-uri" name="uri" label="Add redirect URL" type="url" required maxlength=${2000}
          value=${p.draft?.values.uri ?? ""} error=${errorFor(p.draft?.error, "uri")} placeholder="https://example.com/callback" />
        <button type="submit">Add redirect URL</button>
      </form>
    </section>

    <section class="card" aria-labelledby="permissions-heading">
      <h2 id="permissions-heading">Permissions</h2>
      <form method="post" action=${`${base}/canvas-kit`} class="inline">
        <input type="hidden" name="_csrf" value=${p.csrf} />
        <input type="hidden" name="enabled" value=${p.app.canvasKit ? "false" : "true"} />
        <span>Canvas Kit: <strong>${p.app.canvasKit ? "on" : "off"}</strong></span>
        <button type="submit">${p.app.canvasKit ? "Turn Canvas Kit off" : "Turn Canvas Kit on"}</button>
      </form>
      <form method="post" action=${`${base}/scopes`}>
        <input type="hidden" name="_csrf" value=${p.csrf} />
        ${p.catalog.groups.map(
          (group) => html`<fieldset>
            <legend>${group.label} (${group.tier === "standard" ? "standard scopes" : "extended scopes: reviewed before use"})</legend>
            ${group.scopes.map((scope) => {
              const request = p.requested.get(scope.id);
              const locked = p.locked.has(scope.id);
              return html`<div class="scope">
                <input type="checkbox" id=${`scope-${scope.id}`} name="scopes" value=${scope.id} checked=${Boolean(request) || locked} disabled=${locked} />
                <label for=${`scope-${scope.id}`} class="inline-label">${scope.label}</label>
                <span class="muted"> — ${scope.description}</span>
                ${locked && html` <span class="badge">Required by Canvas Kit</span>`}
                ${request && request.state !== "not_required" && html` <span class=${`badge ${request.state}`}>${STATE_LABEL[request.state]}</span>`}
                ${request?.state === "rejected" && request.note && html`<span class="muted"> Reviewer's note: ${request.note}</span>`}
              </div>`;
            })}
          </fieldset>`,
        )}
        <label for="reason">Why do you need extended scopes?</label>
        <textarea id="reason" name="reason" rows="2" maxlength="1000"></textarea>
        <button type="submit" class="primary">Save permissions</button>
      </form>
    </section>
  <//>`;
}
