import { Type } from "typebox";
import { html, type VNode } from "./html.ts";
import { Layout, type Viewer } from "./layout.ts";

/**
 * The step before a destructive action, without JavaScript: the action's form posts without
 * `confirm=1`, and the server answers with this page, whose form posts the same fields again with it.
 * Cancel is a plain link back, so nothing happens unless the admin presses the button here.
 */
export function ConfirmPage(p: {
  viewer: Viewer;
  csrf: string;
  title: string;
  /** What will happen, in a sentence or two. */
  message: string;
  action: string;
  /** The fields the original form sent (other than `_csrf`), posted again. */
  fields?: Record<string, string>;
  label: string;
  cancel: string;
  /** When the admin must type a name to go on (as GitHub asks before deleting): that name. */
  typeToConfirm?: { name: string; entered: string; error?: string | undefined };
}): VNode {
  const typed = p.typeToConfirm;
  return html`<${Layout} title=${p.title} viewer=${p.viewer} csrf=${p.csrf}>
    <section class="card narrow confirm" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">${p.title}</h1>
      <p>${p.message}</p>
      <form method="post" action=${p.action}>
        <input type="hidden" name="_csrf" value=${p.csrf} />
        ${Object.entries(p.fields ?? {}).map(([name, value]) => html`<input type="hidden" name=${name} value=${value} />`)}
        <input type="hidden" name="confirm" value="1" />
        ${
          typed &&
          html`<label for="confirm-name">Type <strong>${typed.name}</strong> to confirm</label>
          <input id="confirm-name" name="confirm_name" type="text" required autocomplete="off" value=${typed.entered}
            aria-invalid=${typed.error ? "true" : undefined} aria-describedby=${typed.error ? "confirm-name-error" : undefined} />
          ${typed.error && html`<p id="confirm-name-error" class="field-error">${typed.error}</p>`}`
        }
        <div class="actions">
          <button type="submit" class="danger">${p.label}</button>
          <a href=${p.cancel}>Cancel</a>
        </div>
      </form>
    </section>
  <//>`;
}

/** The field a confirmation page adds: only a post carrying it acts. */
export const Confirmed = { confirm: Type.Optional(Type.Literal("1")) };
