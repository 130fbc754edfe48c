import type { ActivityList } from "./activity-log.ts";
import { ACTIVITY_GROUPS, formatWhen } from "./activity-sentences.ts";
import { html, type VNode } from "./html.ts";
import { Layout, type Viewer } from "./layout.ts";

/** The workspace's activity log: a filter by kind, one page of sentences, Newer/Older links. */
export function ActivityPage(p: {
  viewer: Viewer;
  csrf: string;
  workspace: { idCode: string; name: string };
  list: ActivityList;
}): VNode {
  const base = `/settings/${p.workspace.idCode}/activity`;
  const { list } = p;
  const link = (page: number) =>
    `${base}?${new URLSearchParams({ ...(list.group && { kind: list.group }), page: String(page) })}`;
  return html`<${Layout} title="Activity log" viewer=${p.viewer} csrf=${p.csrf}>
    <section class="card">
      <h1>Activity log · ${p.workspace.name}</h1>
      <form method="get" action=${base} class="filter">
        <div>
          <label for="kind">Show</label>
          <select id="kind" name="kind">
            <option value="" selected=${list.group === undefined}>Everything</option>
            ${Object.entries(ACTIVITY_GROUPS).map(
              ([value, label]) =>
                html`<option value=${value} selected=${list.group === value}>${label}</option>`,
            )}
          </select>
        </div>
        <button type="submit">Filter</button>
      </form>
      <p class="muted">
        ${list.total} ${list.total === 1 ? "entry" : "entries"}, newest first${list.pages > 1 ? ` · page ${list.page} of ${list.pages}` : ""}
      </p>
      ${
        list.lines.length === 0
          ? html`<p>${list.group ? "Nothing of this kind has happened on this workspace." : "Nothing has happened on this workspace yet."}</p>`
          : html`<table class="activity">
              <colgroup><col class="when" /><col /><col class="from" /></colgroup>
              <thead><tr><th scope="col">When</th><th scope="col">What happened</th><th scope="col">From</th></tr></thead>
              <tbody>
                ${list.lines.map(
                  (l) => html`<tr data-action=${l.action}>
                    <td class="when"><time datetime=${new Date(l.when).toISOString()}>${formatWhen(l.when)}</time></td>
                    <td>${l.sentence.text}${l.sentence.detail && html`<span class="activity-detail">${l.sentence.detail}</span>`}</td>
                    <td class="from">${l.ip ?? ""}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${
        list.pages > 1 &&
        html`<nav class="pager" aria-label="Pages of the log">
          <span>${list.page > 1 && html`<a href=${link(list.page - 1)} rel="prev">← Newer</a>`}</span>
          <span>${list.page < list.pages && html`<a href=${link(list.page + 1)} rel="next">Older →</a>`}</span>
        </nav>`
      }
    </section>
  <//>`;
}
