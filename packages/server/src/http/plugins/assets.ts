import fs from "node:fs";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { PAGE_CSS } from "./page-styles.ts";

/** The pages' one stylesheet, served from here so the CSP can forbid inline styles. */
const CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0b5fff; --bad: #b42318; --ok: #067647; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f6f8fa; }
header.top { display: flex; justify-content: space-between; align-items: center; padding: .75rem 1.5rem; background: #fff; border-bottom: 1px solid var(--line); }
header.top nav { display: flex; gap: 1.25rem; align-items: center; }
.brand { font-weight: 700; text-decoration: none; color: var(--ink); }
main { max-width: 960px; margin: 2rem auto; padding: 0 1rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1.5rem; margin-bottom: 1.5rem; }
.narrow { max-width: 560px; margin-left: auto; margin-right: auto; }
label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
input[type=text], input[type=email], input[type=password], input[type=url], select, textarea { width: 100%; padding: .5rem; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 1px solid var(--line); background: #fff; cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.danger { color: var(--bad); border-color: var(--bad); }
button.link { border: 0; background: none; color: var(--accent); padding: 0; }
form.inline { display: inline-flex; gap: .5rem; align-items: center; margin: 0; }
.actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
.muted { color: var(--muted); }
.notice { padding: .75rem 1rem; border-radius: 6px; }
.notice.ok { background: #ecfdf3; color: var(--ok); }
.notice.error { background: #fef3f2; color: var(--bad); }
.field-error { color: var(--bad); margin: .25rem 0 .75rem; }
.scopes h3 { margin-bottom: .25rem; font-size: 1rem; }
.scopes ul { margin-top: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
code, .secret { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 999px; font-size: .8rem; background: #eef1f4; }
.badge.pending { background: #fffaeb; color: #b54708; }
.badge.approved { background: #ecfdf3; color: var(--ok); }
.badge.rejected { background: #fef3f2; color: var(--bad); }
nav.tabs { display: flex; gap: 1rem; margin: 0 0 1rem; border-bottom: 1px solid var(--line); }
nav.tabs a { padding: .5rem 0; text-decoration: none; }
nav.tabs a[aria-current=page] { border-bottom: 3px solid var(--accent); font-weight: 600; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 1rem 0; padding: .75rem 1rem; }
legend { font-weight: 600; padding: 0 .25rem; }
.scope { margin: .35rem 0; }
label.inline-label { display: inline; font-weight: 600; margin: 0; }
details.reveal summary { cursor: pointer; color: var(--accent); }
ol.redirects li { margin: .35rem 0; }
a.button { display: inline-block; padding: .5rem 1rem; border-radius: 6px; background: var(--accent); color: #fff; text-decoration: none; }
dl dt { font-weight: 600; margin-top: .75rem; }
dl dd { margin-left: 0; }
article.installed, article.review { border-top: 1px solid var(--line); padding-top: 1rem; margin-top: 1rem; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
/* Developer hub: app header and icons, fields with their errors, folded webhook topics, actions beside
   their form, copy buttons, confirmation steps; and what keeps every page within 390 px. */
header.top, header.top nav, nav.tabs { flex-wrap: wrap; row-gap: .25rem; }
main { overflow-wrap: anywhere; }
.app-header { display: flex; gap: 1rem; align-items: center; margin-bottom: 1rem; }
.app-header h1 { margin: 0; font-size: 1.75rem; line-height: 1.25; }
form > button, .field + button { margin-top: .5rem; }
header.top form > button.link { margin-top: 0; text-decoration: underline; }
p code { word-break: normal; overflow-wrap: anywhere; }
.app-description { margin: .25rem 0 0; unicode-bidi: isolate; overflow-wrap: anywhere; }
.app-icon { flex: none; border-radius: 8px; object-fit: cover; background: #eef1f4; }
.app-icon.large { width: 48px; height: 48px; }
.app-icon.small { width: 32px; height: 32px; }
.app-icon.placeholder { display: inline-flex; align-items: center; justify-content: center; font-weight: 700; color: var(--muted); }
.app-icon.large.placeholder { font-size: 1.5rem; }
ul.app-list { list-style: none; padding: 0; margin: 0; }
ul.app-list li { display: flex; gap: .75rem; padding: .75rem 0; border-top: 1px solid var(--line); }
ul.app-list p { margin: 0; }
.app-name { font-weight: 600; }
.heading-row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem; }
.notice.info { background: #eff4ff; color: #1d3f91; }
.field-error { font-weight: 600; }
[aria-invalid=true] { border-color: var(--bad) !important; }
.field-label { font-weight: 600; margin: 1rem 0 .25rem; }
form + form { margin-top: 1rem; }
.side-by-side { display: grid; gap: 1rem 1.5rem; }
@media (min-width: 720px) { .side-by-side { grid-template-columns: minmax(0, 1fr) 13rem; } .form-actions { position: sticky; top: 1rem; align-self: start; } }
.form-actions { display: flex; flex-direction: column; gap: .5rem; align-items: stretch; }
.form-actions form.inline, .form-actions button { width: 100%; }
details.topic-group { border: 1px solid var(--line); border-radius: 6px; margin: .5rem 0; padding: .5rem .75rem; }
details.topic-group summary { cursor: pointer; }
details.topic-group fieldset { border: 0; margin: .25rem 0 0; padding: 0; }
.topic-group-name { font-weight: 600; }
.lacking { color: #b54708; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.table-scroll { overflow-x: auto; }
button.copy { margin-left: .5rem; padding: .1rem .6rem; font-size: .875rem; }
button.copy[data-state=copied] { color: var(--ok); border-color: var(--ok); }
details.reveal code.secret { display: inline-block; margin-top: .25rem; }
.danger-zone { border-color: #fda29b; }
.confirm .actions { align-items: center; }
.confirm h1 { font-size: 1.5rem; line-height: 1.3; }
.app-meta { font-size: .875rem; }
@media (max-width: 600px) { main { margin: 1rem auto; } .app-header h1 { font-size: 1.375rem; } nav.tabs { column-gap: .75rem; font-size: .95rem; } .card { padding: 1rem; } table.stack thead { display: none; } table.stack td { display: block; border: 0; padding: .25rem 0; } table.stack tr { display: block; border-bottom: 1px solid var(--line); padding: .5rem 0; } }
`;

/**
 * The pages' one script: copy buttons (assets/copy.js). A file of its own, served from here, so the CSP
 * needs only `script-src 'self'` and no page carries inline script.
 */
const COPY_JS = fs.readFileSync(new URL("./assets/copy.js", import.meta.url), "utf8");

export async function assetRoutes(app: FastifyInstance) {
  const schema = {
    querystring: Type.Object({}),
    // text/css: sent as it is, never through a JSON serialiser.
    response: { 200: Type.String({ description: "the stylesheet" }) },
  };
  app.get("/assets/gatehouse.css", { schema }, async (_request, reply) =>
    reply
      .type("text/css; charset=utf-8")
      .header("Cache-Control", "public, max-age=3600")
      .send(CSS + PAGE_CSS),
  );
  const script = {
    querystring: Type.Object({}),
    response: { 200: Type.String({ description: "the copy-button script" }) },
  };
  app.get("/assets/copy.js", { schema: script }, async (_request, reply) =>
    reply
      .type("text/javascript; charset=utf-8")
      .header("Cache-Control", "public, max-age=86400")
      .header("X-Content-Type-Options", "nosniff")
      .send(COPY_JS),
  );
}
