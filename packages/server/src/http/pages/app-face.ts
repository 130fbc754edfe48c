import { html, type VNode } from "./html.ts";

/** What a third-party page shows of an app: its own name, icon, words and maker. */
export interface AppFace {
  name: string;
  iconUrl: string | null;
  description: string | null;
  builder: string;
}

/**
 * An icon URL the page may put in `<img src>`: https (CSP's `img-src https:`) or a raster/SVG `data:image`.
 * Anything else stored in the column (javascript:, http:, a relative path) shows the placeholder instead.
 */
export function displayableIcon(url: string | null): string | undefined {
  if (!url || url.length > 64 * 1024) return undefined;
  if (/^data:image\/(png|gif|jpeg|webp|svg\+xml)[;,]/i.test(url)) return url;
  try {
    return new URL(url).protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The first letter of the name as a reader sees it (a whole grapheme, so an emoji or accent stays whole). */
export function appInitial(name: string): string {
  const visible = name.replace(/[\p{Cc}\p{Cf}\s]/gu, "");
  const first = new Intl.Segmenter(undefined, { granularity: "grapheme" })
    .segment(visible)
    [Symbol.iterator]()
    .next();
  return first.done ? "?" : first.value.segment.toLocaleUpperCase();
}

/** The app's icon at a fixed size, or a tile with its initial when it has none to show. */
export function AppIcon({
  app,
  size = 64,
}: {
  app: Pick<AppFace, "name" | "iconUrl">;
  size?: number;
}): VNode {
  const src = displayableIcon(app.iconUrl);
  return src
    ? html`<img class="app-icon" src=${src} alt=${`${app.name} icon`} width=${size} height=${size} />`
    : html`<span class="app-icon placeholder" role="img" aria-label=${`${app.name} icon`}>${appInitial(app.name)}</span>`;
}
