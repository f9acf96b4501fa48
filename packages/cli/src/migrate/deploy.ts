import { type ApplyTarget, applyMigration, MigrationError, type OnStatement } from "./apply.ts";
import { listMigrations, type MigrationFile, migrationDialects, readMigration } from "./file.ts";
import { ensureHistoryTable, type HistoryRow, readHistory } from "./history.ts";

export type MigrationState = "applied" | "pending" | "stopped" | "edited" | "missing";

export interface MigrationStatus {
  name: string;
  state: MigrationState;
  /** For a stopped migration (non-transactional DDL): statements applied of the total, and the error. */
  statementsDone?: number;
  statementsTotal?: number;
  error?: string | null;
  appliedAt?: string;
  /** For a migration with no SQL for this database's dialect: the dialects it has. */
  dialects?: string[];
}

/**
 * Each migration directory with what the history table says of it; one that
 * is not applied and has no SQL for this dialect is "missing".
 */
export async function migrationStatus(target: ApplyTarget, dir: string): Promise<MigrationStatus[]> {
  await ensureHistoryTable(target.conn, target.dialect);
  const history = await readHistory(target.conn);
  return listMigrations(dir).flatMap((name): MigrationStatus[] => {
    const file = readMigration(dir, name, target.dialect.name);
    if (file) return [statusOf(file, history.get(name))];
    if (history.has(name)) return [];
    return [{ name, state: "missing", dialects: migrationDialects(dir, name) }];
  });
}

function statusOf(file: MigrationFile, row: HistoryRow | undefined): MigrationStatus {
  if (!row) return { name: file.name, state: "pending" };
  if (row.checksum !== file.checksum) return { name: file.name, state: "edited", appliedAt: row.appliedAt };
  if (row.finished) return { name: file.name, state: "applied", appliedAt: row.appliedAt };
  return {
    name: file.name,
    state: "stopped",
    statementsDone: row.statementsDone,
    statementsTotal: row.statementsTotal,
    error: row.error,
  };
}

function loadFiles(dir: string, dialect: string): MigrationFile[] {
  return listMigrations(dir).flatMap((name) => {
    const file = readMigration(dir, name, dialect);
    return file ? [file] : [];
  });
}

export interface DeployResult {
  applied: string[];
  statements: number;
}

/**
 * Applies pending migrations in order. Refuses, before running anything, when
 * an applied migration's file was edited since (checksum) or when one stopped
 * part-way (MySQL) unless `resume` continues it from where it stopped.
 */
export async function deployMigrations(
  target: ApplyTarget,
  dir: string,
  options: { resume?: boolean; onMigration?: (name: string) => void; onStatement?: OnStatement } = {},
): Promise<DeployResult> {
  await ensureHistoryTable(target.conn, target.dialect);
  const history = await readHistory(target.conn);
  const files = loadFiles(dir, target.dialect.name);
  refuseMissingDialect(dir, target.dialect.name, history);
  for (const file of files) {
    const row = history.get(file.name);
    if (row && row.checksum !== file.checksum) {
      throw new MigrationError(
        `${file.file} was edited after it was applied (checksum ${row.checksum.slice(0, 12)}… recorded, ` +
          `${file.checksum.slice(0, 12)}… now); restore it and put further changes in a new migration`,
      );
    }
    if (row && !row.finished && !options.resume) {
      throw new MigrationError(
        `${file.file} stopped at statement ${row.statementsDone + 1} of ${row.statementsTotal}` +
          `${row.error ? ` (${row.error.split("\n")[0]})` : ""}; fix the database, then run strata migrate deploy --resume`,
      );
    }
  }
  const result: DeployResult = { applied: [], statements: 0 };
  for (const file of files) {
    const row = history.get(file.name);
    if (row?.finished) continue;
    options.onMigration?.(file.name);
    const from = row ? row.statementsDone : undefined;
    await applyMigration(target, file, from === undefined ? optional(options) : { ...optional(options), from });
    result.applied.push(file.name);
    result.statements += file.statements.length - (from ?? 0);
  }
  return result;
}

/**
 * A pending migration without SQL for this dialect would be skipped, and the
 * database would silently lack its changes: refused, saying what to do.
 */
function refuseMissingDialect(dir: string, dialect: string, history: ReadonlyMap<string, HistoryRow>): void {
  const missing = listMigrations(dir).filter((name) => !history.has(name) && !readMigration(dir, name, dialect));
  if (missing.length === 0) return;
  const list = missing.map((name) => `  - ${name} (has ${migrationDialects(dir, name).join(", ") || "no SQL"})`);
  throw new MigrationError(
    [
      `${missing.length} pending migration${missing.length === 1 ? " has" : "s have"} no ${dialect}.sql, so this database cannot apply ${missing.length === 1 ? "it" : "them"}:`,
      ...list,
      `  write its ${dialect}.sql (migrations written offline by strata migrate diff have every dialect),`,
      "  or, in development, start this database's history anew: remove the migrations directory and run strata migrate dev",
    ].join("\n"),
  );
}

const optional = (o: { onStatement?: OnStatement }): { onStatement?: OnStatement } =>
  o.onStatement ? { onStatement: o.onStatement } : {};
