import { buildDbSchema } from "@strata/core";
import type { Command } from "commander";
import { computeMigration, migrationText } from "../migrate/compute.ts";
import { latestSnapshotText, nextMigrationName, writeMigration } from "../migrate/file.ts";
import { liveFromDbSchema } from "../migrate/model.ts";
import { parseRenames } from "../migrate/renames.ts";
import { parseSnapshot, SQL_BACKENDS } from "../migrate/target.ts";
import { registerDeployCommands } from "./migrate-apply.ts";
import { type ChangeFlags, migrationJson, planFromDatabase, refuseDataLoss, withChangeOptions } from "./plan-live.ts";
import {
  CommandError,
  guarded,
  migrationsDir,
  readSnapshot,
  report,
  requireUrl,
  URL_HELP,
  withDatabase,
} from "./shared.ts";

interface DiffFlags extends ChangeFlags {
  dialects?: string[];
}

/** `strata migrate diff|dev|deploy|status`. */
export function registerMigrateCommands(program: Command): void {
  const migrate = program.command("migrate").description("versioned SQL migrations from schema.snapshot.json");
  withChangeOptions(
    migrate
      .command("diff")
      .description(
        "write a migration: the snapshot against the live database (--url) or the previous migration's snapshot",
      )
      .option("--url <url>", URL_HELP)
      .option("--dialects <names...>", "offline: the dialects to write (sqlite, postgres, mysql)", [
        "sqlite",
        "postgres",
        "mysql",
      ]),
  ).action(guarded(diff));
  registerDeployCommands(migrate);
}

async function diff(flags: DiffFlags): Promise<void> {
  const snapshot = await readSnapshot(flags);
  const dir = migrationsDir(flags);
  const migrations = flags.url
    ? await withDatabase(await requireUrl(flags, "strata migrate diff"), async (db) => [
        { migration: await planFromDatabase(db, snapshot.app, flags), capability: db.capability },
      ])
    : offlineDiff(flags, snapshot.app, dir);
  const name = nextMigrationName(dir, flags.name ?? "migration");
  const withSteps = migrations.filter((m) => m.migration.steps.length > 0);
  if (withSteps.length === 0) {
    report(flags, "strata migrate diff: no changes, nothing written", { name: null, migrations: [] });
    return;
  }
  const files = new Map(withSteps.map((m) => [m.migration.dialect, migrationText(name, m.migration, m.capability)]));
  const written = writeMigration(dir, name, files, snapshot.text);
  const counts = withSteps.map((m) => `${m.migration.dialect}.sql: ${m.migration.steps.length} steps`).join(", ");
  report(flags, `strata migrate diff: wrote ${written} (${counts})`, {
    name,
    directory: written,
    migrations: withSteps.map((m) => migrationJson(m.migration)),
  });
}

/** Against the snapshot of the newest migration (or nothing before the first), for each dialect asked for. */
function offlineDiff(flags: DiffFlags, app: ReturnType<typeof parseSnapshot>, dir: string) {
  const previousText = latestSnapshotText(dir);
  const previous =
    previousText === undefined ? { models: [] } : parseSnapshot(previousText, `${dir} (latest snapshot)`);
  const renames = parseRenames(flags.rename ?? []);
  return (flags.dialects ?? []).map((name) => {
    const backend = SQL_BACKENDS.get(name);
    if (!backend) throw new CommandError(`unknown dialect ${name}; expected ${[...SQL_BACKENDS.keys()].join(", ")}`);
    const current = liveFromDbSchema(buildDbSchema(previous, backend.capability).db, backend.dialect);
    const migration = computeMigration(current, app, backend, renames);
    refuseDataLoss(migration, flags);
    return { migration, capability: backend.capability };
  });
}
