import { assertNever, type StorageType } from "@strata/core";
import type { SqlDialect } from "../dialect.ts";
import { CHECKED_ARITHMETIC } from "../sqlite/arithmetic.ts";

/** Double-quoted identifiers with `"` doubled inside, as in standard SQL. */
export function quoteDoubled(name: string): string {
  if (name.includes("\u0000")) throw new RangeError("an SQL identifier cannot contain a NUL character");
  return `"${name.replaceAll('"', '""')}"`;
}

function sqliteColumnType(storage: StorageType): string {
  switch (storage) {
    case "text":
    case "iso-string":
    case "json":
    case "json-text":
    case "bigint-text":
      return "TEXT";
    case "integer":
    case "bigint":
    case "boolean":
    case "boolean-int":
    case "epoch-ms":
    case "timestamp":
      return "INTEGER";
    case "real":
    case "number":
      return "REAL";
    case "blob":
      return "BLOB";
    default:
      return assertNever(storage, "storage type");
  }
}

export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  quoteIdentifier: quoteDoubled,
  placeholder: () => "?",
  // The driver binds the array as JSON text; json_each turns it into a one-column table.
  inList: (e, list, negated) => `${e} ${negated ? "NOT IN" : "IN"} (SELECT value FROM json_each(${list}))`,
  like: (e, pattern) => `${e} LIKE ${pattern} ESCAPE '\\'`,
  // SQLite already sorts NULLs first on ASC and last on DESC; spell it out only when asked otherwise.
  orderItem: (e, direction, nulls) => {
    const native = direction === "asc" ? "first" : "last";
    const dir = direction === "asc" ? "ASC" : "DESC";
    return nulls === native ? `${e} ${dir}` : `${e} ${dir} NULLS ${nulls === "first" ? "FIRST" : "LAST"}`;
  },
  booleanLiteral: (value) => (value ? "1" : "0"),
  stringLiteral: (value) => `'${value.replaceAll("'", "''")}'`,
  limitOffset: (limit, offset) => {
    if (limit === undefined && offset === undefined) return "";
    // SQLite has no OFFSET without LIMIT; a negative limit means "no limit".
    const lim = ` LIMIT ${limit ?? "-1"}`;
    return offset === undefined ? lim : `${lim} OFFSET ${offset}`;
  },
  returning: (selections) => ` RETURNING ${selections}`,
  upsert: (target, set) => {
    const conflict = target.length > 0 ? ` ON CONFLICT (${target.join(", ")})` : " ON CONFLICT";
    return set.length === 0 ? `${conflict} DO NOTHING` : `${conflict} DO UPDATE SET ${set.join(", ")}`;
  },
  excludedColumn: (name) => `excluded.${quoteDoubled(name)}`,
  // The driver registers the function on every connection (sqlite/arithmetic.ts).
  checkedArithmetic: (arithmetic, range) =>
    `${CHECKED_ARITHMETIC}(${arithmetic}, '${range.type}', ${sqliteDialect.stringLiteral(range.column)})`,
  columnType: sqliteColumnType,
  autoincrementPrimaryKey: (quotedName) => `${quotedName} INTEGER PRIMARY KEY AUTOINCREMENT`,
  // Every SQLite transaction is serializable. A write transaction takes the write lock
  // up front (IMMEDIATE) so conflicts surface at BEGIN, where a retry is cheap.
  begin: ({ readOnly }) => (readOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE"),
  // PRAGMA foreign_keys is a no-op inside a transaction: off before BEGIN, checked before COMMIT, on after.
  foreignKeyChecks: {
    off: "PRAGMA foreign_keys = OFF",
    on: "PRAGMA foreign_keys = ON",
    check: "PRAGMA foreign_key_check",
  },
};
