import { html, type VNode } from "./html.ts";
import { Layout, type Viewer } from "./layout.ts";

export function ErrorPage(props: { title: string; message: string; viewer?: Viewer; csrf?: string }): VNode {
  return html`<${Layout} title=${props.title} viewer=${props.viewer} csrf=${props.csrf}>
    <section class="card narrow">
      <h1>${props.title}</h1>
      <p>${props.message}</p>
      <p><a href="/hub">Go to the developer hub</a></p>
    </section>
  <//>`;
}
