import { type AppFace, AppIcon } from "./app-face.ts";
import { html, type VNode } from "./html.ts";
import { Layout } from "./layout.ts";

export interface SignInProps {
  csrf: string;
  returnTo: string;
  email?: string;
  error?: string;
  /** The app whose install link (`/oauth` on this site) brought the admin here, if any. */
  app?: Pick<AppFace, "name" | "iconUrl"> | undefined;
}

export function SignInPage(props: SignInProps): VNode {
  const app = props.app;
  return html`<${Layout} title=${app ? `Sign in to continue to ${app.name}` : "Sign in"}>
    <section class="card narrow signin">
      ${
        app
          ? html`<div class="app-face">
              <${AppIcon} app=${app} size=${48} />
              <h1>Sign in to Gatehouse to continue to <bdi>${app.name}</bdi></h1>
            </div>`
          : html`<h1>Sign in</h1>`
      }
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
