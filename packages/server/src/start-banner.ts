import type { Runtime } from "./bootstrap.ts";
import type { DemoState } from "./platform/demo.ts";

/** What `npm start` prints: where Gatehouse listens and how to use it right away. */
export function startBanner({
  baseUrl,
  runtime,
  demo,
  dataDir,
  warnings = [],
}: {
  baseUrl: string;
  /** Where the server keeps its keys (and SQLite): the command it prints must open the same. */
  dataDir: string;
  runtime: Runtime;
  demo: DemoState;
  /** What the operator should put right, printed under the address. */
  warnings?: string[];
}) {
  const lines = [
    "",
    `Gatehouse is listening on ${baseUrl}`,
    `  sign in:  ${baseUrl}/signin`,
    `  hub:      ${baseUrl}/hub   (your apps, their tokens and OAuth settings)`,
    `  database: ${runtime.storage.dialect} (${runtime.storage.location})`,
    `  secret keys: ${runtime.keys.source === "environment" ? "from GATEHOUSE_SECRET_KEY" : `${runtime.keys.source === "generated" ? "generated into" : "read from"} ${runtime.keys.file}`}`,
  ];
  // A first start applies every migration: a count and the range, not thirty names, under the address.
  const migrated = runtime.migrated;
  if (migrated.length > 3)
    lines.push(`  migrations applied: ${migrated.length} (${migrated[0]} … ${migrated.at(-1)})`);
  else if (migrated.length > 0) lines.push(`  migrations applied: ${migrated.join(", ")}`);
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
      `  Password:       ${demo.admin.password}   (shown once; reset with: npx gatehouse admin set-password --email ${demo.admin.email})`,
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
      "Try it (from the repository):",
      // The default data directory is relative to where the server started (npm start: the server's
      // package), which need not be where the command is typed: naming it makes the command work anywhere.
      `  TOKEN=$(GATEHOUSE_DATA_DIR=${shellQuote(dataDir)} npx gatehouse token show --raw --app ${demo.app.clientId})`,
      `  curl -s ${baseUrl}/me -H "Authorization: Bearer $TOKEN" -H 'Accept: application/json'`,
    );
  }
  lines.push("", "Stop with Ctrl-C.", "");
  return lines.join("\n");
}

/** A word the shell reads back as itself. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
