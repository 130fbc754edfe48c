import type { Command } from "commander";
import { withRuntime } from "../context.ts";
import { type Output, print } from "../output.ts";

export function migrateCommand(program: Command, out: Output): void {
  program
    .command("migrate")
    .description("apply pending database migrations")
    .action(() =>
      withRuntime(async (runtime) => {
        print(out, { applied: runtime.migrated, database: runtime.storage.dialect }, () =>
          runtime.migrated.length > 0
            ? [`Applied: ${runtime.migrated.join(", ")}`]
            : [`The ${runtime.storage.dialect} database is up to date.`],
        );
      }),
    );
}
