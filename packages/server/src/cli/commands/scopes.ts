import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import { ScopeCatalog } from "../../platform/apps/scopes/catalog.ts";
import { type Output, print, table } from "../output.ts";

export function scopesCommand(program: Command, out: Output): void {
  program
    .command("scopes")
    .description("the permission scopes")
    .command("list")
    .description("list the permission-scope catalog")
    .action(async () => {
      const catalog = await ScopeCatalog.load(loadConfig().scopesFile);
      const rows = catalog
        .all()
        .map((s) => ({ id: s.id, tier: s.tier, label: s.label, description: s.description }));
      print(out, rows, () => table(rows, ["id", "tier", "label"]));
    });
}
