import fs from "node:fs";
import type { CatalogData } from "./catalog-file.ts";
import builtIn from "./intercom-scopes.json" with { type: "json" };

export type ScopeTier = "standard" | "extended";

export interface Scope {
  /** Stable id: what apps request, tokens carry and routes declare. */
  id: string;
  label: string;
  description: string;
  /** Standard scopes work at once; extended ones only after a review approves them. */
  tier: ScopeTier;
  group: string;
  /** Locked on for apps that use Canvas Kit. */
  canvasKit: boolean;
}

export interface ScopeGroup {
  id: string;
  label: string;
  tier: ScopeTier;
  scopes: Scope[];
}

/** The permission scopes an installation knows, by id and by group, in the order the file gives. */
export class ScopeCatalog {
  readonly groups: readonly ScopeGroup[];
  readonly #byId: Map<string, Scope>;

  constructor(data: CatalogData, source = "scope catalog") {
    const groups = new Map<string, ScopeGroup>();
    for (const g of data.groups) groups.set(g.id, { ...g, scopes: [] });
    this.#byId = new Map();
    for (const s of data.scopes) {
      const group = groups.get(s.group);
      if (!group) throw new Error(`${source}: scope "${s.id}" names an unknown group "${s.group}"`);
      if (this.#byId.has(s.id)) throw new Error(`${source}: scope "${s.id}" appears twice`);
      const scope: Scope = { ...s, tier: group.tier, canvasKit: s.canvasKit ?? false };
      group.scopes.push(scope);
      this.#byId.set(s.id, scope);
    }
    this.groups = [...groups.values()];
  }

  /**
   * The built-in catalog, or an operator's file. Only a file's shape needs checking (the built-in one is
   * checked by the tests), so the schema checker is loaded then alone: the CLI starts without it.
   */
  static async load(file: string | undefined): Promise<ScopeCatalog> {
    if (!file) return new ScopeCatalog(builtIn as CatalogData, "the built-in Intercom catalog");
    const { checkCatalogFile } = await import("./catalog-file.ts");
    return new ScopeCatalog(checkCatalogFile(JSON.parse(fs.readFileSync(file, "utf8")), file), file);
  }

  get(id: string): Scope | undefined {
    return this.#byId.get(id);
  }

  all(): Scope[] {
    return [...this.#byId.values()];
  }

  ofTier(tier: ScopeTier): Scope[] {
    return this.all().filter((s) => s.tier === tier);
  }
}
