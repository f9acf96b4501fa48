import type { Command } from "commander";
import { applyMigration } from "../migrate/apply.ts";
import { applyDynamo, isDynamoUrl } from "./dynamo.ts";
import { formatIntrospection } from "./inspect-format.ts";
import { type ChangeFlags, migrationJson, planFromDatabase, withChangeOptions } from "./plan-live.ts";
import { guarded, progress, readSnapshot, report, requireUrl, URL_HELP, withDatabase } from "./shared.ts";

/** `strata db push` (development: no migration file, no history) and `strata db inspect`. */
export function registerDbCommands(program: Command): void {
  const db = program.command("db").description("the live database: push the snapshot, inspect what is there");
  withChangeOptions(
    db
      .command("push")
      .description("make the database match the snapshot now, without a migration file (development)")
      .option("--url <url>", URL_HELP),
    { files: false },
  ).action(guarded(push));
  db.command("inspect")
    .description("databases, schemas, tables, columns, indexes, foreign keys (and routines, sequences on PostgreSQL)")
    .option("--url <url>", URL_HELP)
    .option("--config <file>", "config file (default: ./strata.config.ts when it exists)")
    .option("--json", "machine-readable output")
    .action(guarded(inspect));
}

async function push(flags: ChangeFlags): Promise<void> {
  const snapshot = await readSnapshot(flags);
  const url = await requireUrl(flags, "strata db push");
  if (isDynamoUrl(url)) return applyDynamo("strata db push", url, snapshot.app, flags);
  const spinner = progress(flags.json, "comparing the database with the snapshot");
  try {
    const migration = await withDatabase(url, async (db) => {
      const computed = await planFromDatabase(db, snapshot.app, flags, spinner);
      const statements = computed.steps.flatMap((s) => s.statements.map((sql) => ({ sql, step: s.summary })));
      const file = { name: "db push", file: "strata db push", checksum: "", statements };
      const onStatement = (i: number, total: number, step: string) => {
        spinner.text = `statement ${i + 1}/${total}: ${step}`;
      };
      await db.connected((target) => applyMigration(target, file, { record: false, onStatement }));
      return computed;
    });
    spinner.stop();
    const human =
      migration.steps.length === 0
        ? "strata db push: the database already matches the snapshot"
        : `strata db push: ${migration.steps.length} changes applied\n${migration.steps.map((s) => `  - ${s.summary}`).join("\n")}`;
    report(flags, human, migrationJson(migration));
  } catch (err) {
    spinner.fail("strata db push failed");
    throw err;
  }
}

async function inspect(flags: { url?: string; json?: boolean; config?: string }): Promise<void> {
  const url = await requireUrl(flags, "strata db inspect");
  const introspection = await withDatabase(url, (db) => db.driver.introspect());
  report(flags, formatIntrospection(introspection), introspection);
}
