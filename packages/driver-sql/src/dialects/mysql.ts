import {
  assertNever,
  type ColumnDef,
  type IsolationLevel,
  type StorageType,
  type TableDef,
  UnsupportedError,
} from "@strata/core";
import type { SqlDialect } from "../dialect.ts";

/** Backtick-quoted identifiers with a backtick doubled inside. */
export function quoteBacktick(name: string): string {
  if (name.includes("\u0000")) throw new RangeError("an SQL identifier cannot contain a NUL character");
  return `\`${name.replaceAll("`", "``")}\``;
}

/** MySQL's largest LIMIT, for an OFFSET without a LIMIT (the documented idiom). */
const NO_LIMIT = "18446744073709551615";

/**
 * Whether a column is part of a key (primary key, index, own foreign key): such
 * string columns must be VARCHAR, because InnoDB cannot index TEXT/BLOB without a prefix.
 * 191 characters × 4 bytes (utf8mb4) stays under the oldest 767-byte index limit.
 */
function isKeyColumn(column: ColumnDef, table: TableDef | undefined): boolean {
  if (!table) return false;
  const name = column.name;
  return (
    table.primaryKey.includes(name) ||
    table.indexes.some((i) => i.columns.includes(name)) ||
    table.foreignKeys.some((fk) => fk.columns.includes(name))
  );
}

function mysqlColumnType(storage: StorageType, column: ColumnDef, table?: TableDef): string {
  const key = isKeyColumn(column, table);
  switch (storage) {
    case "text":
    case "iso-string":
    case "bigint-text":
      return key ? "VARCHAR(191)" : "LONGTEXT";
    case "integer":
      return "INT";
    case "bigint":
    case "epoch-ms":
      return "BIGINT";
    case "real":
    case "number":
      return "DOUBLE";
    case "boolean":
    case "boolean-int":
      return "TINYINT(1)";
    case "timestamp":
      return "DATETIME(3)";
    case "blob":
      return key ? "VARBINARY(255)" : "LONGBLOB";
    case "json":
      return "JSON";
    case "json-text":
      return "LONGTEXT";
    default:
      return assertNever(storage, "storage type");
  }
}

const ISOLATION: Record<IsolationLevel, string> = {
  "read uncommitted": "READ UNCOMMITTED",
  "read committed": "READ COMMITTED",
  "repeatable read": "REPEATABLE READ",
  // InnoDB's REPEATABLE READ reads from a snapshot; the engine only asks for listed levels anyway.
  snapshot: "REPEATABLE READ",
  serializable: "SERIALIZABLE",
};

/** `SET TRANSACTION ISOLATION LEVEL ...`, which applies to the next transaction only; run before `begin`. */
export function mysqlIsolationStatement(isolation: IsolationLevel): string {
  return `SET TRANSACTION ISOLATION LEVEL ${ISOLATION[isolation]}`;
}

/**
 * `ON DUPLICATE KEY UPDATE`. MySQL has no conflict target: the clause fires on
 * any unique key. "Do nothing" is spelled as a no-op assignment of a target column.
 */
function upsert(target: readonly string[], set: readonly string[]): string {
  if (set.length > 0) return ` ON DUPLICATE KEY UPDATE ${set.join(", ")}`;
  const first = target[0];
  if (first === undefined) throw new RangeError("MySQL needs a conflict column to spell an upsert that does nothing");
  return ` ON DUPLICATE KEY UPDATE ${first} = ${first}`;
}

/** The JSON_TABLE column type that reads a list element back as the column's own type. */
function jsonTableType(element: StorageType): string {
  switch (element) {
    case "text":
    case "iso-string":
    case "bigint-text":
    case "json":
    case "json-text":
      // The tables' own collation, so the comparison is the column's.
      return "LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
    case "integer":
    case "bigint":
    case "epoch-ms":
    case "boolean":
    case "boolean-int":
      return "BIGINT";
    case "real":
    case "number":
      return "DOUBLE";
    case "timestamp":
      return "DATETIME(3)";
    case "blob":
      throw new UnsupportedError(
        "maxParameters",
        "an IN list of bytes values too long to expand into placeholders cannot be bound as JSON; split it into several queries",
      );
    default:
      return assertNever(element, "storage type");
  }
}

/** MySQL / MariaDB hooks: backticks, `?` placeholders, IN lists expanded per element, no RETURNING. */
export const mysqlDialect: SqlDialect = {
  name: "mysql",
  quoteIdentifier: quoteBacktick,
  placeholder: () => "?",
  // Only reached when a list is printed without lengths; the driver always passes them (see expandedInList).
  inList: (e, list, negated) => `${e} ${negated ? "NOT IN" : "IN"} (${list})`,
  // MySQL cannot bind an array: one placeholder per element. An empty list matches nothing (IN) or everything (NOT IN).
  expandedInList: (e, items, negated) => {
    if (items.length === 0) return negated ? "1 = 1" : "1 = 0";
    return `${e} ${negated ? "NOT IN" : "IN"} (${items.join(", ")})`;
  },
  // Past the placeholder limit: the list is one JSON array, read back as a table typed like the column.
  jsonInList: (e, json, element, negated) =>
    `${e} ${negated ? "NOT IN" : "IN"} (SELECT v FROM JSON_TABLE(${json}, '$[*]' COLUMNS (v ${jsonTableType(element)} PATH '$')) AS strata_list)`,
  // Backslash is LIKE's default escape character (bound patterns are not string literals, so it survives);
  // tables use a binary collation (see tableOptions), so LIKE is case-sensitive as elsewhere.
  like: (e, pattern) => `${e} LIKE ${pattern}`,
  // MySQL sorts NULLs first on ASC and last on DESC, Strata's rule; the opposite sorts on `IS NULL` first.
  orderItem: (e, direction, nulls) => {
    const native = direction === "asc" ? "first" : "last";
    const dir = direction === "asc" ? "ASC" : "DESC";
    if (nulls === native) return `${e} ${dir}`;
    return nulls === "last" ? `${e} IS NULL, ${e} ${dir}` : `${e} IS NULL DESC, ${e} ${dir}`;
  },
  booleanLiteral: (value) => (value ? "TRUE" : "FALSE"),
  // Backslash is an escape character in MySQL string literals unless NO_BACKSLASH_ESCAPES is set.
  stringLiteral: (value) => `'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`,
  limitOffset: (limit, offset) => {
    if (limit === undefined && offset === undefined) return "";
    const lim = ` LIMIT ${limit ?? NO_LIMIT}`;
    return offset === undefined ? lim : `${lim} OFFSET ${offset}`;
  },
  // DIV truncates toward zero and stays exact on BIGINT (a `/` is DECIMAL division in MySQL).
  integerDivide: (left, right) => `(${left}) DIV (${right})`,
  returning: () => undefined,
  upsert,
  excludedColumn: (name) => `VALUES(${quoteBacktick(name)})`,
  columnType: mysqlColumnType,
  autoincrementPrimaryKey: (quotedName, column) =>
    `${quotedName} ${column.storage === "bigint" ? "BIGINT" : "INT"} NOT NULL AUTO_INCREMENT PRIMARY KEY`,
  begin: ({ readOnly }) => (readOnly ? "START TRANSACTION READ ONLY" : "START TRANSACTION"),
  defaultValues: " () VALUES ()",
  // utf8mb4_bin: comparisons, unique keys and LIKE are case- and accent-sensitive, as on SQLite and PostgreSQL.
  tableOptions: " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
  // MODIFY restates the whole column (type, NULL-ness, default); the key itself is not restated.
  alterColumn: (table, a) => [`ALTER TABLE ${table} MODIFY COLUMN ${a.definition.replace(/ PRIMARY KEY$/, "")}`],
  dropIndex: (table, index) => `DROP INDEX ${index} ON ${table}`,
  dropForeignKey: (table, name) => `ALTER TABLE ${table} DROP FOREIGN KEY ${name}`,
};
