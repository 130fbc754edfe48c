/**
 * The example's stylesheet, served by the example itself at /style.css so its pages can send a strict
 * Content-Security-Policy (`style-src 'self'`, no inline styles), as an app's own pages should.
 */
export const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0b5fff; --bad: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f6f8fa; }
header { padding: .75rem 1.5rem; background: #fff; border-bottom: 1px solid var(--line); font-weight: 700; }
main { max-width: 560px; margin: 3rem auto; padding: 2rem; background: #fff; border: 1px solid var(--line); border-radius: 10px; overflow-wrap: anywhere; }
h1 { margin-top: 0; font-size: 1.75rem; }
a.button { display: inline-block; padding: .65rem 1.25rem; border-radius: 6px; background: var(--accent); color: #fff; text-decoration: none; font-weight: 600; }
a.button:hover { filter: brightness(1.1); }
#reason { color: var(--bad); }
.muted { color: var(--muted); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
@media (max-width: 600px) { main { margin: 1rem; padding: 1.25rem; } }
`;

/** The policy the example's pages are sent with: its own stylesheet, nothing else. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
