import fs from "node:fs";
import path from "node:path";

/** The repository's packages folder: every `packages/*\/src` is source. */
const PACKAGES = path.resolve(import.meta.dirname, "../../..");

export interface SourceFile {
  /** From the packages folder, e.g. `server/src/core/errors.ts`. */
  name: string;
  path: string;
  text: string;
}

/** Every TypeScript source file of every package (tests, benchmarks and scripts are not source). */
export function sourceFiles(): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts"))
        files.push({ name: path.relative(PACKAGES, full), path: full, text: fs.readFileSync(full, "utf8") });
    }
  };
  for (const pkg of fs.readdirSync(PACKAGES)) {
    const src = path.join(PACKAGES, pkg, "src");
    if (fs.existsSync(src)) walk(src);
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

// `import … from "x"`, `export … from "x"`, `import "x"` and `import("x")`, each with what it names.
const STATIC = /^\s*(import|export)\s+(type\s+)?([\s\S]*?)\s*from\s*["']([^"']+)["']/gm;
const BARE = /^\s*import\s*["']([^"']+)["']/gm;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

export interface SourceImport {
  /** The file imported, from the packages folder; undefined for a package or a file that is not source. */
  target: string | undefined;
  specifier: string;
  /** `import type` / `export type`: erased before the code runs, so it loads nothing. */
  typeOnly: boolean;
}

/** What a source file imports, each resolved to the file it names. */
export function importsOf(file: SourceFile): SourceImport[] {
  const text = file.text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found: Array<{ specifier: string; typeOnly: boolean }> = [];
  for (const m of text.matchAll(STATIC)) found.push({ specifier: m[4] as string, typeOnly: Boolean(m[2]) });
  for (const m of text.matchAll(BARE)) found.push({ specifier: m[1] as string, typeOnly: false });
  for (const m of text.matchAll(DYNAMIC)) found.push({ specifier: m[1] as string, typeOnly: false });
  return found.map(({ specifier, typeOnly }) => {
    const resolved = specifier.startsWith(".") ? path.resolve(path.dirname(file.path), specifier) : undefined;
    const target =
      resolved?.endsWith(".ts") && fs.existsSync(resolved) ? path.relative(PACKAGES, resolved) : undefined;
    return { target, specifier, typeOnly };
  });
}

/**
 * The loops of run-time imports: each strongly connected set of files (Tarjan's algorithm) that holds
 * more than one file, or one that imports itself.
 */
export function importCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || edges.get(node)?.includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
