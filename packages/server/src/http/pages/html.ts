import { html } from "htm/preact";
import type { VNode } from "preact";
import { render } from "preact-render-to-string";

export type { VNode };
/**
 * Pages are Preact components written with `htm` tagged templates (JSX needs a build step; Node's type
 * stripping does not do JSX). Every interpolated value is escaped by the renderer.
 */
export { html };

export function renderDocument(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}
