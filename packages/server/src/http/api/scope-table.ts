import type { ScopeCatalog } from "../../platform/apps/scopes/catalog.ts";
import type { ScopeTable } from "./guard.ts";

/**
 * The docs' table of which scope opens which route, made from the routes' own declarations, so it
 * cannot drift from what the door enforces (a test compares it with `docs/scopes.md`).
 */
export function renderScopeTable(table: ScopeTable, catalog: ScopeCatalog): string {
  const routes = [...table].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  const lines = [
    "# Permission scopes and the routes they open",
    "",
    "Generated from the routes' own `config.scopes` by `npm run docs:scopes`; `npm test` fails when it is stale.",
    "A route listing several scopes opens with any one of them.",
    "",
    "| scope | tier | label | routes |",
    "| --- | --- | --- | --- |",
  ];
  for (const scope of catalog.all()) {
    const opened = routes.filter((r) => r.scopes.includes(scope.id)).map((r) => `\`${r.method} ${r.url}\``);
    lines.push(`| \`${scope.id}\` | ${scope.tier} | ${scope.label} | ${opened.join(", ") || "—"} |`);
  }
  const open = routes.filter((r) => r.scopes.length === 0).map((r) => `\`${r.method} ${r.url}\``);
  lines.push("", `Any valid token: ${open.join(", ")}.`, "");
  return lines.join("\n");
}
