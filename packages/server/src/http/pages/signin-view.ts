import { html, type VNode } from "./html.ts";
import { Layout } from "./layout.ts";

export function SignInPage(props: { csrf: string; returnTo: string; email?: string; error?: string }): VNode {
  return html`<${Layout} title="Sign in">
    <section class="card narrow">
      <h1>Sign in</h1>
      ${props.error && html`<p class="notice error" role="alert">${props.error}</p>`}
      <form method="post" action="/signin">
        <input type="hidden" name="_csrf" value=${props.csrf} />
        <input type="hidden" name="return_to" value=${props.returnTo} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required value=${props.email ?? ""} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit" class="primary">Sign in</button>
      </form>
    </section>
  <//>`;
}
