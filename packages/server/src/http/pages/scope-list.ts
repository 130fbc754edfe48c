import type { Scope, ScopeCatalog } from "../../platform/apps/scopes/catalog.ts";
import { html, type VNode } from "./html.ts";

/** Scopes in the catalog's groups, with the seed's own labels and descriptions. */
export function ScopeList({ scopes, catalog }: { scopes: readonly Scope[]; catalog: ScopeCatalog }): VNode {
  const ids = new Set(scopes.map((s) => s.id));
  return html`<div class="scopes">
    ${catalog.groups
      .filter((group) => group.scopes.some((s) => ids.has(s.id)))
      .map(
        (group) => html`<section>
          <h3>${group.label}</h3>
          <ul>
            ${group.scopes
              .filter((s) => ids.has(s.id))
              .map(
                (s) =>
                  html`<li><strong>${s.label}</strong><span class="muted"> — ${s.description}</span></li>`,
              )}
          </ul>
        </section>`,
      )}
  </div>`;
}
