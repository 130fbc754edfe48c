/**
 * Path templates as the description writes them (`/contacts/{contact_id}`) matched against request paths:
 * a literal segment beats a parameter, so `/contacts/search` is not `/contacts/{contact_id}`.
 */
export interface Template<T> {
  path: string;
  value: T;
}

const segments = (p: string): string[] => p.replace(/\/+$/, "").split("/").slice(1);
const isParameter = (segment: string): boolean => /^\{.+\}$|^:/.test(segment);

/** The best template for `path` (the one with the most literal segments), or undefined. */
export function matchTemplate<T>(templates: Template<T>[], path: string): Template<T> | undefined {
  const wanted = segments(path);
  let best: Template<T> | undefined;
  let bestLiterals = -1;
  for (const template of templates) {
    const parts = segments(template.path);
    if (parts.length !== wanted.length) continue;
    let literals = 0;
    let fits = true;
    for (const [i, part] of parts.entries()) {
      if (isParameter(part)) continue;
      if (part !== wanted[i]) {
        fits = false;
        break;
      }
      literals++;
    }
    if (fits && literals > bestLiterals) {
      best = template;
      bestLiterals = literals;
    }
  }
  return best;
}

/** Fastify's `/contacts/:contact_id` and the description's `/contacts/{contact_id}` as one comparable shape. */
export const shapeOf = (template: string): string =>
  segments(template)
    .map((s) => (isParameter(s) ? "{}" : s))
    .join("/");
