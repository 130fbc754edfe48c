import { html, type VNode } from "./html.ts";

/** A refusal that concerns one field of a form: shown beside it, not only in a banner. */
export interface FieldError {
  field: string;
  message: string;
  /** The refusal's status when it is not a plain 400 (a domain's 404 or 409, say). */
  status?: number;
}

/**
 * A labelled input (or textarea) with its error beside it: `aria-invalid` and `aria-describedby` point
 * a screen reader at the message, and the value is what the admin typed, so nothing is lost on a refusal.
 */
export function Field(p: {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  type?: "text" | "url";
  required?: boolean;
  maxlength?: number;
  placeholder?: string;
  hint?: VNode | string;
  textarea?: boolean;
}): VNode {
  const errorId = `${p.id}-error`;
  const hintId = `${p.id}-hint`;
  const described = [p.error ? errorId : "", p.hint ? hintId : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id: p.id,
    name: p.name,
    required: p.required,
    maxlength: p.maxlength,
    placeholder: p.placeholder,
    "aria-invalid": p.error ? "true" : undefined,
    "aria-describedby": described,
  };
  return html`<div class="field">
    <label for=${p.id}>${p.label}</label>
    ${
      p.textarea
        ? html`<textarea ...${common} rows="3">${p.value}</textarea>`
        : html`<input ...${common} type=${p.type ?? "text"} value=${p.value} />`
    }
    ${p.error && html`<p id=${errorId} class="field-error">${p.error}</p>`}
    ${p.hint && html`<p id=${hintId} class="muted">${p.hint}</p>`}
  </div>`;
}

/** The message for `field`, if the refusal was about it. */
export function errorFor(error: FieldError | undefined, field: string): string | undefined {
  return error?.field === field ? error.message : undefined;
}
