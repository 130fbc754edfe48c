import { html, type VNode } from "./html.ts";
import { Layout, type LayoutProps, type Viewer } from "./layout.ts";

export interface PendingRequest {
  appId: number;
  appName: string;
  workspaceName: string;
  /** The admin who asked; null for a request older than the record of who asked. */
  requester: { name: string; email: string } | null;
  scopeId: string;
  scopeLabel: string;
  reason: string | null;
  ageHours: number;
  /** Why the viewer may not decide this one (their own request or workspace); no buttons then. */
  conflict: string | undefined;
}

/** Seed 003: "we usually approve requests within 24 hours". */
const PROMISE_HOURS = 24;

export function ReviewsPage(p: {
  viewer: Viewer;
  csrf: string;
  notice?: LayoutProps["notice"];
  requests: PendingRequest[];
}): VNode {
  return html`<${Layout} title="Reviews" viewer=${p.viewer} csrf=${p.csrf} notice=${p.notice}>
    <section class="card">
      <h1>Extended-scope requests</h1>
      <p class="muted">Oldest first. Requests are answered within ${PROMISE_HOURS} hours.</p>
      ${p.requests.length === 0 && html`<p>Nothing is waiting for review.</p>`}
      ${p.requests.map(
        (r) => html`<article class="review">
          <h2>${r.appName}: ${r.scopeLabel}</h2>
          <dl>
            <dt>Asked by</dt>
            <dd>${r.requester ? html`<bdi>${r.requester.name}</bdi> (<bdi>${r.requester.email}</bdi>)` : "Not recorded"}</dd>
            <dt>For the app</dt>
            <dd><bdi>${r.appName}</bdi>, made by the workspace <bdi>${r.workspaceName}</bdi></dd>
            <dt>Scope</dt>
            <dd>${r.scopeLabel} <code>${r.scopeId}</code></dd>
            <dt>Why</dt>
            <dd>${r.reason ? html`<blockquote dir="auto">${r.reason}</blockquote>` : html`<span class="muted">No reason given.</span>`}</dd>
            <dt>Waiting</dt>
            <dd>
              ${r.ageHours < 1 ? "under an hour" : `${Math.floor(r.ageHours)} h`}
              ${r.ageHours >= PROMISE_HOURS ? html` <span class="badge rejected">overdue</span>` : ` (within ${PROMISE_HOURS} h)`}
            </dd>
          </dl>
          ${r.conflict ? html`<p class="notice">${r.conflict}</p>` : DecisionForm(p.csrf, r)}
        </article>`,
      )}
    </section>
  <//>`;
}

/** Approve or reject one request; a reason is required to reject. */
function DecisionForm(csrf: string, r: PendingRequest): VNode {
  const noteId = `note-${r.appId}-${r.scopeId}`;
  return html`<form method="post" action="/reviews/decide">
    <input type="hidden" name="_csrf" value=${csrf} />
    <input type="hidden" name="app" value=${String(r.appId)} />
    <input type="hidden" name="scope" value=${r.scopeId} />
    <label for=${noteId}>Reason (required to reject)</label>
    <input id=${noteId} name="note" type="text" maxlength="1000" />
    <div class="actions">
      <button type="submit" name="decision" value="approved" class="primary">Approve</button>
      <button type="submit" name="decision" value="rejected" class="danger">Reject</button>
    </div>
  </form>`;
}
