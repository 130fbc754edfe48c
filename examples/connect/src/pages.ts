/** The example's three pages. Everything interpolated is escaped. */
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/style.css"></head><body><header>My App</header><main>${body}</main></body></html>`;
}

export function homePage(): string {
  return page(
    "Connect",
    `<h1>My App</h1><p>Connect your workspace to My App.</p><p><a href="/connect" id="connect" class="button">Connect with Gatehouse</a></p>`,
  );
}

export function connectedPage(admin: {
  name: string;
  email: string;
  app: { name: string; id_code: string };
}): string {
  return page(
    "Connected",
    `<h1>Connected</h1><p id="who">${escapeHtml(admin.name)} (${escapeHtml(admin.email)}) connected the workspace ` +
      `<strong id="workspace">${escapeHtml(admin.app.name)}</strong> (${escapeHtml(admin.app.id_code)}).</p><p><a href="/">Home</a></p>`,
  );
}

export function failedPage(reason: string): string {
  return page(
    "Not connected",
    `<h1>Not connected</h1><p id="reason">${escapeHtml(reason)}</p><p><a href="/">Try again</a></p>`,
  );
}
