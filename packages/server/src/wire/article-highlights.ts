import { type Static, Type } from "typebox";

/**
 * Intercom's `article_search_highlights`: an article's title, and passages of its description and body,
 * cut into plain and highlighted runs where the words of the search phrase occur.
 */

const Run = Type.Object({
  type: Type.Union([Type.Literal("highlight"), Type.Literal("plain")]),
  text: Type.String(),
});
type Run = Static<typeof Run>;

export const ArticleHighlights = Type.Object({
  article_id: Type.String(),
  highlighted_title: Type.Array(Run),
  highlighted_summary: Type.Array(Type.Array(Run)),
});
export type ArticleHighlights = Static<typeof ArticleHighlights>;

const PASSAGE = 120;
const MAX_PASSAGES = 3;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function wordsOf(phrase: string): RegExp | undefined {
  const words = phrase
    .split(/\s+/)
    .filter((w) => w !== "")
    .map(escapeRegExp);
  return words.length === 0 ? undefined : new RegExp(`(${words.join("|")})`, "giu");
}

function runs(text: string, words: RegExp | undefined): Run[] {
  if (!words) return [{ type: "plain", text }];
  const out: Run[] = [];
  for (const [i, part] of text.split(words).entries()) {
    if (part !== "") out.push({ type: i % 2 === 1 ? "highlight" : "plain", text: part });
  }
  return out;
}

/** Text without its markup, entities read, runs of space made one. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Passages around the first matches in the description and body, each cut into runs. */
function passages(text: string, words: RegExp | undefined): Run[][] {
  if (!words || text === "") return [];
  const out: Run[][] = [];
  let from = 0;
  for (const match of text.matchAll(words)) {
    if (out.length >= MAX_PASSAGES) break;
    if (match.index < from) continue;
    const start = Math.max(from, match.index - PASSAGE / 2);
    const end = Math.min(text.length, match.index + PASSAGE / 2);
    out.push(runs(text.slice(start, end), words));
    from = end;
  }
  return out;
}

export function highlight(
  article: { id: number; title: string; description: string; body: string },
  phrase: string,
): ArticleHighlights {
  const words = wordsOf(phrase.trim());
  const summary = [article.description, plainText(article.body)].filter((t) => t !== "").join(" ");
  return {
    article_id: String(article.id),
    highlighted_title: runs(article.title, words),
    highlighted_summary: passages(summary, words),
  };
}
