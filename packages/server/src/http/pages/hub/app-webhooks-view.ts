import type { RecentDelivery } from "../../../platform/webhooks/deliveries.ts";
import { failureLabel } from "../../../platform/webhooks/delivery-failures.ts";
import type { SigningSecrets } from "../../../platform/webhooks/signing-secrets.ts";
import type { Topic } from "../../../platform/webhooks/topics.ts";
import { Field } from "../field.ts";
import { html, type VNode } from "../html.ts";
import { Layout, type LayoutProps, type Viewer } from "../layout.ts";
import { ActionButton, AppHeader, type AppHeading, Reveal } from "./app-nav.ts";

export interface WebhooksProps {
  viewer: Viewer;
  csrf: string;
  notice?: LayoutProps["notice"];
  app: AppHeading;
  subscription: { url: string; topics: string[] } | undefined;
  groups: Array<{ group: string; topics: Topic[] }>;
  /** Scopes the app holds now: a topic none of whose scopes it holds cannot be chosen. */
  held: Set<string>;
  scopeLabel: (id: string) => string;
  /** The app's Standard Webhooks signing secret, and the previous one while it still signs. */
  signing: SigningSecrets;
  deliveries: RecentDelivery[];
  /** What the admin typed, shown again after a refusal, with the refusal when it was the URL's. */
  draft?: { url: string; topics: string[]; urlError?: string };
}

const STATE_LABEL: Record<RecentDelivery["state"], string> = {
  pending: "Retrying",
  delivered: "Delivered",
  failed: "Failed",
  cancelled: "Cancelled",
};

function time(ms: number | null): string {
  return ms === null ? "—" : new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

/** One group of topics, folded: its summary says once which permission it needs and how many are on. */
function TopicGroup({
  group,
  chosen,
  held,
  scopeLabel,
}: {
  group: { group: string; topics: Topic[] };
  chosen: Set<string>;
  held: Set<string>;
  scopeLabel: (id: string) => string;
}): VNode {
  // Every topic of a group needs the same scopes (topics.ts lists them per group).
  const scopes = group.topics[0]?.scopes ?? [];
  const open = scopes.some((scope) => held.has(scope));
  const on = group.topics.filter((topic) => chosen.has(topic.name)).length;
  const needs = scopes.map(scopeLabel).join(" or ");
  return html`<details class="topic-group" open=${on > 0}>
    <summary>
      <span class="topic-group-name">${group.group}</span>
      <span class="muted"> · ${on} of ${group.topics.length} on · </span>
      <span class=${open ? "muted" : "lacking"}>${open ? `needs ${needs}` : `needs ${needs}, which this app lacks`}</span>
    </summary>
    <fieldset>
      <legend class="visually-hidden">${group.group} topics</legend>
      ${group.topics.map((topic) => {
        const id = `topic-${topic.name.replaceAll(".", "-")}`;
        return html`<div class="scope">
          <input type="checkbox" id=${id} name="topics" value=${topic.name} checked=${chosen.has(topic.name)} disabled=${!open} />
          <label for=${id} class="inline-label"><code>${topic.name}</code></label>
        </div>`;
      })}
    </fieldset>
  </details>`;
}

export function AppWebhooksPage(p: WebhooksProps): VNode {
  const base = `/hub/apps/${encodeURIComponent(p.app.clientId)}`;
  const chosen = new Set(p.draft?.topics ?? p.subscription?.topics ?? []);
  const url = p.draft?.url ?? p.subscription?.url ?? "";
  return html`<${Layout} title=${`${p.app.name} · Webhooks`} viewer=${p.viewer} csrf=${p.csrf} notice=${p.notice} copy>
    <${AppHeader} app=${p.app} current="webhooks" />

    <section class="card" aria-labelledby="endpoint-heading">
      <h2 id="endpoint-heading">Endpoint and topics</h2>
      <p class="muted">
        Notifications are POSTed as JSON to your HTTPS endpoint (a public address), signed with your client
        secret in <code>X-Hub-Signature</code> and with the signing secret below in the Standard Webhooks
        headers. A workspace that installed the app without a topic's permission gets no notifications for it.
      </p>
      <div class="side-by-side">
        <form method="post" action=${`${base}/webhooks`} id="webhook-form">
          <input type="hidden" name="_csrf" value=${p.csrf} />
          <${Field} id="webhook-url" name="url" label="Endpoint URL" type="url" required value=${url}
            placeholder="https://example.com/intercom/webhooks" error=${p.draft?.urlError} />
          <p class="field-label" id="topics-label">Topics</p>
          <div role="group" aria-labelledby="topics-label">
            ${p.groups.map((group) => html`<${TopicGroup} group=${group} chosen=${chosen} held=${p.held} scopeLabel=${p.scopeLabel} />`)}
          </div>
        </form>
        <aside class="form-actions" aria-label="Webhook actions">
          <button type="submit" form="webhook-form" class="primary">Save webhooks</button>
          ${
            p.subscription
              ? html`<${ActionButton} action=${`${base}/webhooks/ping`} csrf=${p.csrf} label="Send test notification" />
                <${ActionButton} action=${`${base}/webhooks/remove`} csrf=${p.csrf} label="Remove subscription" danger />`
              : html`<p class="muted">Save an endpoint to send a test notification.</p>`
          }
        </aside>
      </div>
    </section>

    <section class="card" aria-labelledby="signing-heading">
      <h2 id="signing-heading">Signing secret</h2>
      <p class="muted">
        Each notification also carries <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code>
        (Standard Webhooks): verify them with this secret, never your client secret, and refuse old
        timestamps to stop replays. After a rotation, notifications are
        signed with both the new and the previous secret until the previous one expires.
      </p>
      <${Reveal} id="signing-secret" label="Reveal signing secret" secret=${p.signing.current} />
      ${
        p.signing.previousExpiresAt !== null &&
        html`<p class="muted">The previous secret also signs until ${time(p.signing.previousExpiresAt)} UTC.</p>`
      }
      <${ActionButton} action=${`${base}/webhooks/rotate-secret`} csrf=${p.csrf} label="Rotate signing secret" danger />
    </section>

    <section class="card" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Recent deliveries</h2>
      ${
        p.deliveries.length === 0
          ? html`<p class="muted">No notifications yet.</p>`
          : html`<div class="table-scroll"><table>
          <thead><tr>
            <th scope="col">Topic</th><th scope="col">Workspace</th><th scope="col">Outcome</th>
            <th scope="col">Attempts</th><th scope="col">Last answer</th><th scope="col">Raised</th><th scope="col">Last attempt</th>
          </tr></thead>
          <tbody>
            ${p.deliveries.map(
              (d) => html`<tr>
                <td><code>${d.topic}</code></td>
                <td>${d.workspace_name}</td>
                <td><span class=${`badge ${d.state}`}>${STATE_LABEL[d.state]}</span>${d.state === "pending" && d.attempts > 0 ? html` <span class="muted">next at ${time(d.next_attempt_at)}</span>` : ""}</td>
                <td>${d.attempts}</td>
                <td>${d.last_status ?? ""}${d.last_error ? html` <span class="muted">${failureLabel(d.last_error)}</span>` : ""}</td>
                <td>${time(d.created_at)}</td>
                <td>${time(d.last_attempt_at)}</td>
              </tr>`,
            )}
          </tbody>
        </table></div>`
      }
    </section>
  <//>`;
}
