import type { Runtime } from "./bootstrap.ts";
import type { DemoState } from "./platform/demo.ts";

/** What `npm start` prints: where Gatehouse listens and how to use it right away. */
export function startBanner({
  baseUrl,
  runtime,
  demo,
  warnings = [],
}: {
  baseUrl: string;
  runtime: Runtime;
  demo: DemoState;
  /** What the operator should put right, printed under the address. */
  warnings?: string[];
}) {
  const lines = [
    "",
    `Gatehouse is listening on ${baseUrl}`,
    `  database: ${runtime.storage.dialect} (${runtime.storage.location})`,
    `  secret keys: ${runtime.keys.source === "environment" ? "from GATEHOUSE_SECRET_KEY" : `${runtime.keys.source === "generated" ? "generated into" : "read from"} ${runtime.keys.file}`}`,
  ];
  if (runtime.migrated.length > 0) lines.push(`  migrations applied: ${runtime.migrated.join(", ")}`);
  for (const { path, mode, fix } of runtime.exposed)
    lines.push(
      `  Warning: ${path} is open to other users of this machine (mode ${mode.toString(8)}). Make it private: ${fix}`,
    );
  for (const warning of warnings) lines.push("", warning);
  lines.push("");
  if (demo.created) {
    lines.push(
      `A demo workspace was created: "${demo.workspace.name}" (${demo.workspace.idCode}).`,
      `  Admin sign-in:  ${demo.admin.email}`,
      `  Password:       ${demo.admin.password}   (shown once; reset with: npm run gatehouse -- admin set-password --email ${demo.admin.email})`,
      `  App:            ${demo.app.name}, client_id ${demo.app.clientId}`,
      `  Client secret:  ${demo.app.clientSecret}`,
      `  Access token:   ${demo.token}`,
      "",
      "Try it:",
      `  curl -s ${baseUrl}/me -H 'Authorization: Bearer ${demo.token}' -H 'Accept: application/json'`,
    );
  } else if (demo.app && demo.workspace) {
    lines.push(
      `Demo workspace "${demo.workspace.name}" (${demo.workspace.idCode}) is already set up.`,
      `  Show its app's access token:  npm run gatehouse -- token show --app ${demo.app.clientId}`,
      `  Then:  curl -s ${baseUrl}/me -H "Authorization: Bearer $TOKEN" -H 'Accept: application/json'`,
    );
  }
  lines.push("", "Stop with Ctrl-C.", "");
  return lines.join("\n");
}
