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
`;

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
}
