import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { migrationText } from "../migrate/compute.ts";
import { deployMigrations, type MigrationStatus, migrationStatus } from "../migrate/deploy.ts";
import { latestSnapshotText, nextMigrationName, writeMigration } from "../migrate/file.ts";
import { parseSnapshot } from "../migrate/target.ts";
import { applyDynamo, isDynamoUrl } from "./dynamo.ts";
import { type ChangeFlags, migrationJson, planFromDatabase, withChangeOptions } from "./plan-live.ts";
import {
  CommandError,
  errorText,
  existingMigrationsDir,
  guarded,
  migrationsDir,
  progress,
  readSnapshot,
  report,
  requireUrl,
  URL_HELP,
  withDatabase,
} from "./shared.ts";

interface DeployFlags extends ChangeFlags {
  resume?: boolean;
}

export function registerDeployCommands(migrate: Command): void {
  withChangeOptions(
    migrate
      .command("dev")
      .description("apply pending migrations, then write and apply a migration for what the snapshot still changes")
      .option("--url <url>", URL_HELP),
  ).action(guarded(dev));
  migrate
    .command("deploy")
    .description("apply pending migrations in order, each recorded in _strata_migrations")
    .option("--url <url>", URL_HELP)
    .option("--migrations <dir>", "migrations directory", "migrations")
    .option("--resume", "continue a migration that stopped part-way (MySQL) from where it stopped")
    .option("--snapshot <file>", "DynamoDB: the snapshot to apply (default: the newest migration's snapshot.json)")
    .option("--accept-data-loss", "DynamoDB: delete the tables and GSIs the snapshot no longer has")
    .option("--config <file>", "config file (default: ./strata.config.ts when it exists)")
    .option("--json", "machine-readable output")
    .action(guarded(deploy));
  migrate
    .command("status")
    .description("which migrations are applied, pending, edited since, or stopped part-way")
    .option("--url <url>", URL_HELP)
    .option("--migrations <dir>", "migrations directory", "migrations")
    .option("--config <file>", "config file (default: ./strata.config.ts when it exists)")
    .option("--json", "machine-readable output")
    .action(guarded(status));
}

async function deploy(flags: DeployFlags): Promise<void> {
  const url = await requireUrl(flags, "strata migrate deploy");
  if (isDynamoUrl(url)) return applyDynamo("strata migrate deploy", url, await deploySnapshot(flags), flags);
  const dir = existingMigrationsDir(flags, "strata migrate deploy");
  const spinner = progress(flags.json, "checking migrations");
  const started = Date.now();
  try {
    const result = await withDatabase(url, (db) =>
      db.connected((target) =>
        deployMigrations(target, dir, {
          resume: flags.resume === true,
          onMigration: (name) => {
            spinner.text = `applying ${name}`;
          },
          onStatement: (i, total, step) => {
            spinner.text = `statement ${i + 1}/${total}: ${step}`;
          },
        }),
      ),
    );
    spinner.stop();
    const ms = Date.now() - started;
    const human =
      result.applied.length === 0
        ? "strata migrate deploy: nothing to apply"
        : `strata migrate deploy: applied ${result.applied.length} migrations (${result.statements} statements) in ${ms} ms`;
    report(flags, human, { applied: result.applied, statements: result.statements, ms });
  } catch (err) {
    spinner.fail("migration failed");
    throw err;
  }
}

async function dev(flags: ChangeFlags): Promise<void> {
  const snapshot = await readSnapshot(flags);
  const dir = migrationsDir(flags);
  const url = await requireUrl(flags, "strata migrate dev");
  if (isDynamoUrl(url)) return applyDynamo("strata migrate dev", url, snapshot.app, flags);
  const spinner = progress(flags.json, "applying pending migrations");
  try {
    const outcome = await withDatabase(url, async (db) => {
      const pending = await db.connected((target) => deployMigrations(target, dir));
      spinner.text = "comparing the database with the snapshot";
      const migration = await planFromDatabase(db, snapshot.app, flags, spinner);
      if (migration.steps.length === 0) return { pending, written: undefined, migration };
      const name = nextMigrationName(dir, flags.name ?? "migration");
      const text = migrationText(name, migration, db.capability);
      const written = writeMigration(dir, name, new Map([[migration.dialect, text]]), snapshot.text);
      spinner.text = `applying ${name}`;
      const onStatement = (i: number, total: number, step: string) => {
        spinner.text = `statement ${i + 1}/${total}: ${step}`;
      };
      try {
        await db.connected((target) => deployMigrations(target, dir, { onStatement }));
      } catch (err) {
        throw keptOrRemoved(err, written, db.capability.schemaMutations.transactionalDdl === true);
      }
      return { pending, written, migration };
    });
    spinner.stop();
    const wrote = outcome.written ? `wrote and applied ${outcome.written}` : "the database matches the snapshot";
    report(flags, `strata migrate dev: ${outcome.pending.applied.length} pending applied; ${wrote}`, {
      pendingApplied: outcome.pending.applied,
      written: outcome.written ?? null,
      migration: migrationJson(outcome.migration),
    });
  } catch (err) {
    spinner.fail("strata migrate dev failed");
    throw err;
  }
}

/**
 * The migration `migrate dev` just wrote failed to apply. Where DDL is
 * transactional nothing was applied, so the directory is removed: left
 * pending, every later run would fail on it the same way. The advice covers
 * the usual cause, a required column added to a table that has rows.
 */
function keptOrRemoved(err: unknown, written: string, rolledBack: boolean): CommandError {
  const reason = errorText(err);
  const advice = [
    "  a required field added to a table that has rows needs a default (@field({ default: … })) or to be optional (field?: T | null);",
    "  change the models, run strata generate, then strata migrate dev again",
  ];
  if (!rolledBack)
    return new CommandError(
      [
        `strata migrate dev: ${written} stopped part-way: ${reason}`,
        "  fix the database, then run strata migrate deploy --resume, or:",
        ...advice,
      ].join("\n"),
      { cause: err },
    );
  fs.rmSync(written, { recursive: true, force: true });
  return new CommandError(
    [
      `strata migrate dev: the new migration failed and nothing was applied: ${reason}`,
      `  ${path.relative(process.cwd(), written) || written} was removed again (so it does not stay pending)`,
      ...advice,
    ].join("\n"),
    { cause: err },
  );
}

/** DynamoDB deploy: `--snapshot`, else the newest migration's snapshot.json, else the project's snapshot. */
async function deploySnapshot(flags: DeployFlags) {
  const latest = flags.snapshot === undefined ? latestSnapshotText(migrationsDir(flags)) : undefined;
  return latest === undefined
    ? (await readSnapshot(flags)).app
    : parseSnapshot(latest, "the newest migration's snapshot");
}

async function status(flags: DeployFlags): Promise<void> {
  const url = await requireUrl(flags, "strata migrate status");
  const dir = existingMigrationsDir(flags, "strata migrate status");
  const list = await withDatabase(url, (db) => db.connected((target) => migrationStatus(target, dir)));
  const lines = list.map(statusLine);
  const human = list.length === 0 ? "strata migrate status: no migrations" : lines.join("\n");
  report(flags, human, { migrations: list });
}

function statusLine(s: MigrationStatus): string {
  switch (s.state) {
    case "stopped":
      return `${s.name}  STOPPED after statement ${s.statementsDone} of ${s.statementsTotal}: ${(s.error ?? "").split("\n").slice(0, 3).join(" | ")}`;
    case "edited":
      return `${s.name}  EDITED after it was applied (${s.appliedAt})`;
    case "applied":
      return `${s.name}  applied ${s.appliedAt}`;
    case "missing":
      return `${s.name}  MISSING: no SQL for this database's dialect (it has ${(s.dialects ?? []).join(", ") || "none"})`;
    default:
      return `${s.name}  pending`;
  }
}
