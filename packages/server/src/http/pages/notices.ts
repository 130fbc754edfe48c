import type { LayoutProps } from "./layout.ts";

/**
 * What a page says after a change. Redirects carry only a key from this list, so nothing a link can
 * put in the URL is ever shown as text on a page.
 */
const NOTICES = {
  created: "App created. Its access token is on the Authentication page.",
  renamed: "Name saved.",
  api_version_saved: "API version saved. Requests without an Intercom-Version header now speak it.",
  uninstall_url_saved: "Uninstall URL saved.",
  profile_saved: "Description and icon saved.",
  app_deleted: "App deleted. It is uninstalled everywhere and its tokens no longer work.",
  avatar_saved: "Avatar saved. /me shows it now.",
  ip_allowlist_saved: "IP allowlist saved. The workspace's tokens follow it from the next request.",
  secret_rotated: "Client secret rotated. The old secret no longer works.",
  token_regenerated: "A new access token was issued. The old one no longer works.",
  token_deleted: "Access token deleted. It no longer works.",
  oauth_on: "OAuth is on.",
  oauth_off: "OAuth is off.",
  redirects_saved: "Redirect URLs saved.",
  scopes_saved: "Permissions saved. Extended scopes wait for review; standard ones work now.",
  canvas_on: "Canvas Kit is on: its scopes are locked on.",
  canvas_off: "Canvas Kit is off.",
  uninstalled: "App uninstalled. Its tokens no longer work.",
  decided: "Decision recorded.",
  webhooks_saved: "Webhook endpoint and topics saved.",
  webhooks_removed: "Webhook subscription removed. Queued notifications were cancelled.",
  ping_sent: "A ping notification is on its way to your endpoint.",
  webhook_secret_rotated:
    "Signing secret rotated. Notifications carry signatures from both secrets until the previous one expires.",
} as const;

export type NoticeKey = keyof typeof NOTICES;

export function noticeFrom(query: unknown): LayoutProps["notice"] {
  const key = (query as { notice?: unknown } | undefined)?.notice;
  if (typeof key !== "string" || !(key in NOTICES)) return undefined;
  return { kind: "ok", text: NOTICES[key as NoticeKey] };
}

export function withNotice(path: string, notice: NoticeKey): string {
  return `${path}?notice=${notice}`;
}
