import { html, type VNode } from "./html.ts";
import { DocumentHead } from "./layout.ts";

/**
 * The frame of a page shown on a third party's behalf (the consent screen): Gatehouse's name and nothing
 * of the hub, so the admin's attention stays on the app asking and on what it asks for.
 */
export function PlainLayout({ title, children }: { title: string; children: VNode | VNode[] }): VNode {
  return html`<html lang="en">
    ${DocumentHead({ title })}
    <body class="plain">
      <header class="top plain"><span class="brand">Gatehouse</span></header>
      <main id="main">${children}</main>
    </body>
  </html>`;
}
