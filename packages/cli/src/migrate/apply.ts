import type { Capability } from "@strata/core";
import type { SqlConnection, SqlDialect } from "@strata/driver-sql";
import type { MigrationFile } from "./file.ts";
import { insertHistory, updateHistory } from "./history.ts";

/** A statement of a migration failed; names the file, the statement and where the database stands. */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

export interface ApplyTarget {
  conn: SqlConnection;
  dialect: SqlDialect;
  capability: Capability;
}

/** Called before each statement, for progress. */
export type OnStatement = (index: number, total: number, step: string) => void;

/**
 * Applies one migration file and records it in `_strata_migrations`. Where
 * DDL is transactional (Capability.schemaMutations.transactionalDdl) the
 * statements and the record commit together, or nothing happens. Elsewhere
 * (MySQL) the record is written first and advanced after every statement, so
 * a failure stops at a recorded statement; `from` resumes there.
 */
export async function applyMigration(
  target: ApplyTarget,
  migration: MigrationFile,
  options: { from?: number; onStatement?: OnStatement; record?: boolean } = {},
): Promise<void> {
  if (target.capability.schemaMutations.transactionalDdl === true) await applyAtomically(target, migration, options);
  else await applyStepwise(target, migration, options);
}

async function applyAtomically(
  { conn, dialect }: ApplyTarget,
  migration: MigrationFile,
  { onStatement, record }: { onStatement?: OnStatement; record?: boolean },
): Promise<void> {
  const total = migration.statements.length;
  const fk = dialect.foreignKeyChecks;
  if (fk) await conn.runSql(fk.off);
  try {
    await conn.exec({ kind: "Transaction", action: "begin" });
    try {
      for (const [i, statement] of migration.statements.entries()) {
        onStatement?.(i, total, statement.step);
        await run(conn, migration, i, "nothing was applied (rolled back)");
      }
      if (fk) {
        const violations = await conn.runSql(fk.check);
        if (violations.length > 0) {
          throw new MigrationError(
            `${migration.file}: ${violations.length} rows break foreign keys after the migration ` +
              `(first: ${JSON.stringify(violations[0])}); nothing was applied (rolled back)`,
          );
        }
      }
      const row = { name: migration.name, checksum: migration.checksum, appliedAt: new Date().toISOString() };
      const done = { statementsTotal: total, statementsDone: total, finished: true, error: null };
      if (record !== false) await insertHistory(conn, { ...row, ...done });
      await conn.exec({ kind: "Transaction", action: "commit" });
    } catch (err) {
      await conn.exec({ kind: "Transaction", action: "rollback" }).catch(() => undefined);
      throw err;
    }
  } finally {
    if (fk) await conn.runSql(fk.on);
  }
}

async function applyStepwise(
  { conn }: ApplyTarget,
  migration: MigrationFile,
  { from, onStatement, record }: { from?: number; onStatement?: OnStatement; record?: boolean },
): Promise<void> {
  const total = migration.statements.length;
  const note = (progress: Parameters<typeof updateHistory>[2]) =>
    record === false ? Promise.resolve() : updateHistory(conn, migration.name, progress);
  if (from === undefined && record !== false) {
    const row = { name: migration.name, checksum: migration.checksum, appliedAt: new Date().toISOString() };
    await insertHistory(conn, { ...row, statementsTotal: total, statementsDone: 0, finished: false, error: null });
  }
  for (let i = from ?? 0; i < total; i++) {
    onStatement?.(i, total, migration.statements[i]?.step ?? "");
    try {
      await run(conn, migration, i, `statements 1–${i} are applied; the database stopped there`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await note({ statementsDone: i, finished: false, error: message });
      throw err;
    }
    await note({ statementsDone: i + 1, finished: i + 1 === total, error: null });
  }
  if (total === 0) await note({ statementsDone: 0, finished: true, error: null });
}

async function run(conn: SqlConnection, migration: MigrationFile, index: number, outcome: string): Promise<void> {
  const statement = migration.statements[index];
  if (!statement) return;
  try {
    await conn.runSql(statement.sql);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new MigrationError(
      `${migration.file}, statement ${index + 1} of ${migration.statements.length} (${statement.step}):\n` +
        `  ${statement.sql}\n  failed: ${reason}\n  ${outcome}`,
      { cause: err },
    );
  }
}
