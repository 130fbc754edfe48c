/**
 * Rules for the consent, sign-in, activity and review pages, appended to the one stylesheet (assets.ts).
 * Kept apart so those pages' look can change without touching the hub's rules; later rules win, so the
 * header's narrow-screen fixes here override the base ones.
 */
export const PAGE_CSS = `
header.top { flex-wrap: wrap; gap: .5rem 1rem; padding: .75rem 1rem; }
header.top nav { flex-wrap: wrap; gap: .5rem 1rem; }
main { margin: 1.5rem auto; }
h1 { overflow-wrap: anywhere; }
.card { overflow-wrap: anywhere; }
@media (max-width: 600px) {
  .card { padding: 1rem; }
  h1 { font-size: 1.5rem; }
  .actions { flex-wrap: wrap; }
}
.app-face { display: flex; gap: 1rem; align-items: center; margin-bottom: 1rem; }
.app-face h1 { margin: 0; font-size: 1.4rem; line-height: 1.3; }
.app-face p { margin: .25rem 0 0; }
.app-icon { flex: none; width: 64px; height: 64px; border-radius: 14px; object-fit: cover; border: 1px solid var(--line); background: #fff; }
.signin .app-icon { width: 48px; height: 48px; border-radius: 10px; }
.app-icon.placeholder { display: inline-flex; align-items: center; justify-content: center; background: #e8eefc; color: var(--accent); font-size: 1.75rem; font-weight: 700; }
.signin .app-icon.placeholder { font-size: 1.35rem; }
.consent-description { white-space: pre-line; unicode-bidi: isolate; overflow-wrap: anywhere; background: #f6f8fa; border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1rem; }
bdi { overflow-wrap: anywhere; }
.consent h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.signed-in-as { margin-top: 1.5rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .95rem; }
.signed-in-as button.link { font-size: inherit; text-decoration: underline; }
.signin form button.primary { margin-top: 1.25rem; width: 100%; }
table.activity { table-layout: fixed; }
table.activity col.when { width: 12.5rem; }
table.activity col.from { width: 10rem; }
table.activity td { overflow-wrap: anywhere; }
td.when, time { white-space: nowrap; }
table.activity td.when { font-variant-numeric: tabular-nums; color: var(--muted); }
.activity-detail { display: block; color: var(--muted); font-size: .9rem; }
form.filter { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: 0 0 1rem; }
form.filter label { margin: 0; }
form.filter select { width: auto; }
nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 1rem; }
.review dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0 1rem; }
.review dl dt { margin: 0; }
.review blockquote { margin: 0; white-space: pre-line; overflow-wrap: anywhere; unicode-bidi: isolate; }
@media (max-width: 600px) {
  table.activity, table.activity tbody, table.activity tr, table.activity td { display: block; }
  table.activity thead, table.activity colgroup { display: none; }
  table.activity tr { border-bottom: 1px solid var(--line); padding: .5rem 0; }
  table.activity td { border: 0; padding: .1rem 0; }
  table.activity td.from:not(:empty)::before { content: "from "; color: var(--muted); }
  .review dl { grid-template-columns: 1fr; }
}
`;
