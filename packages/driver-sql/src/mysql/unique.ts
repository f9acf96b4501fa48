import { UniqueViolationError } from "@strata/core";
import { duplicateKeyName } from "./errors.ts";

/** Runs one read-only statement with `?` parameters and returns its rows. */
export type LookupQuery = (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

const INDEX_COLUMNS =
  "SELECT COLUMN_NAME AS name FROM information_schema.STATISTICS " +
  "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME = ? ORDER BY SEQ_IN_INDEX";

/**
 * MySQL names only the index in a duplicate-key error; this looks its columns up in
 * information_schema.STATISTICS (once per table and index: the result is cached for the
 * driver's life, so an index re-created with other columns needs a new driver).
 */
export class UniqueIndexResolver {
  private readonly cache = new Map<string, readonly string[]>();

  /**
   * Fills `columns` of a unique violation from its index name; the error is returned as it is
   * when that fails. `lookup` runs on the session that failed (a statement error leaves it usable).
   */
  async complete(err: unknown, lookup: LookupQuery): Promise<unknown> {
    if (!(err instanceof UniqueViolationError) || err.columns.length > 0 || err.table === undefined) return err;
    const key = duplicateKeyName(sqlMessage(err.cause));
    if (!key) return err;
    const cacheKey = `${err.table}\u0000${key.index}`;
    let columns = this.cache.get(cacheKey);
    if (!columns) {
      try {
        const rows = await lookup(INDEX_COLUMNS, [err.table, key.index]);
        columns = rows.map((r) => String(r.name));
      } catch {
        return err;
      }
      if (columns.length > 0) this.cache.set(cacheKey, columns);
    }
    err.columns = columns;
    err.message = `Unique constraint violated on ${err.table} (${columns.join(", ")})`;
    return err;
  }
}

function sqlMessage(cause: unknown): string {
  if (cause instanceof Error && "sqlMessage" in cause && typeof cause.sqlMessage === "string") return cause.sqlMessage;
  return "";
}
