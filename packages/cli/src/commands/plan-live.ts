import type { AppSchema } from "@strata/core";
import type { Command } from "commander";
import { type ComputedMigration, computeMigration, dataLossRefusal } from "../migrate/compute.ts";
import { liveFromIntrospection } from "../migrate/model.ts";
import { parseRenames } from "../migrate/renames.ts";
import type { Progress } from "./progress.ts";
import { askRenames, CommandError, type CommonFlags, type Database } from "./shared.ts";

export interface ChangeFlags extends CommonFlags {
  rename?: string[];
  acceptDataLoss?: boolean;
  name?: string;
}

/**
 * The migration from the live database to the snapshot: renames from
 * `--rename` (or asked on a terminal), data loss refused without `--accept-data-loss`.
 */
export async function planFromDatabase(
  target: Database,
  app: AppSchema,
  flags: ChangeFlags,
  spinner?: Progress,
): Promise<ComputedMigration> {
  const current = liveFromIntrospection(await target.driver.introspect());
  const renames = parseRenames(flags.rename ?? []);
  let migration = computeMigration(current, app, target, renames);
  if (await askRenames(migration.renameCandidates, renames, flags.json, spinner)) {
    migration = computeMigration(current, app, target, renames);
  }
  refuseDataLoss(migration, flags);
  return migration;
}

export function refuseDataLoss(migration: ComputedMigration, flags: ChangeFlags): void {
  const refusal = flags.acceptDataLoss ? undefined : dataLossRefusal(migration);
  if (refusal) throw new CommandError(refusal);
}

/** The JSON form of a computed migration. */
export const migrationJson = (m: ComputedMigration) => ({
  dialect: m.dialect,
  steps: m.steps.map((s) => ({ summary: s.summary, statements: s.statements })),
  dataLoss: m.dataLoss,
});

/** Options shared by the commands that compute changes; `db push` writes no file, so takes no file options. */
export function withChangeOptions(command: Command, options: { files?: boolean } = {}): Command {
  command.option(
    "--snapshot <file>",
    "schema.snapshot.json (default: from strata.config.ts, else the one below this directory)",
  );
  if (options.files !== false)
    command
      .option("--migrations <dir>", "migrations directory", "migrations")
      .option("--name <name>", "migration name", "migration");
  return command
    .option("--rename <pairs...>", "renames, never guessed: old_table:new_table or table.old_column:new_column")
    .option("--accept-data-loss", "apply changes that drop tables or columns")
    .option("--config <file>", "config file (default: ./strata.config.ts when it exists)")
    .option("--json", "machine-readable output");
}
