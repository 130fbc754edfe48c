import fs from "node:fs";
import { Type } from "typebox";
import { Value } from "typebox/value";
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

const CatalogFile = Type.Object({
  groups: Type.Array(
    Type.Object({
      id: Type.String({ pattern: "^[a-z0-9_]+$" }),
      label: Type.String({ minLength: 1 }),
      tier: Type.Union([Type.Literal("standard"), Type.Literal("extended")]),
    }),
    { minItems: 1 },
  ),
  scopes: Type.Array(
    Type.Object({
      id: Type.String({ pattern: "^[a-z0-9_.:-]{1,100}$" }),
      group: Type.String(),
      label: Type.String({ minLength: 1 }),
      description: Type.String(),
      canvasKit: Type.Optional(Type.Boolean()),
    }),
    { minItems: 1 },
  ),
});

/** The permission scopes an installation knows, by id and by group, in the order the file gives. */
export class ScopeCatalog {
  readonly groups: readonly ScopeGroup[];
  readonly #byId: Map<string, Scope>;

  constructor(data: unknown, source = "scope catalog") {
    if (!Value.Check(CatalogFile, data)) {
      const first = Value.Errors(CatalogFile, data)[0];
      throw new Error(
        `${source} is not a valid scope catalog: ${first?.instancePath || "/"} ${first?.message ?? ""}`,
      );
    }
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

  static load(file: string | undefined): ScopeCatalog {
    if (!file) return new ScopeCatalog(builtIn, "the built-in Intercom catalog");
    return new ScopeCatalog(JSON.parse(fs.readFileSync(file, "utf8")), file);
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
