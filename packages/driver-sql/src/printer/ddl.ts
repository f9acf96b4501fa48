import type { ColumnDef, ForeignKeyDef, TableDef, TableIndexDef } from "@strata/core";
import type { SqlDialect } from "../dialect.ts";
import { quoteTableName } from "./select.ts";

/** `CREATE TABLE IF NOT EXISTS` for one db-schema table (migrations pass `ifNotExists: false`). */
export function printCreateTable(
  table: TableDef,
  dialect: SqlDialect,
  options: { ifNotExists?: boolean } = {},
): string {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const autoKey = autoincrementKey(table);
  const parts = table.columns.map((c) =>
    c === autoKey ? dialect.autoincrementPrimaryKey(q(c.name), c) : printColumn(c, table, dialect),
  );
  if (!autoKey && table.primaryKey.length > 0) parts.push(`PRIMARY KEY (${table.primaryKey.map(q).join(", ")})`);
  for (const fk of table.foreignKeys) parts.push(printForeignKey(fk, dialect));
  const create = options.ifNotExists === false ? "CREATE TABLE" : "CREATE TABLE IF NOT EXISTS";
  return `${create} ${quoteTableName(table.name, dialect)} (${parts.join(", ")})${dialect.tableOptions ?? ""}`;
}

export function printCreateIndex(table: TableDef, index: TableIndexDef, dialect: SqlDialect): string {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const unique = index.unique ? "UNIQUE " : "";
  return `CREATE ${unique}INDEX IF NOT EXISTS ${q(index.name)} ON ${quoteTableName(table.name, dialect)} (${index.columns.map(q).join(", ")})`;
}

/** The column that becomes the auto-incrementing key: a single-column integer primary key marked autoincrement. */
export function autoincrementKey(table: TableDef): ColumnDef | undefined {
  if (table.primaryKey.length !== 1) return undefined;
  const column = table.columns.find((c) => c.name === table.primaryKey[0]);
  const integral = column?.storage === "integer" || column?.storage === "bigint";
  return column?.autoincrement && integral ? column : undefined;
}

/** One column definition as CREATE TABLE prints it. */
export function printColumn(c: ColumnDef, table: TableDef, dialect: SqlDialect): string {
  let sql = `${dialect.quoteIdentifier(c.name)} ${dialect.columnType(c.storage, c, table)}`;
  // Primary key columns are NOT NULL everywhere (SQLite would otherwise allow NULL keys).
  if (!c.nullable || table.primaryKey.includes(c.name)) sql += " NOT NULL";
  if (c.defaultLiteral !== undefined) sql += ` DEFAULT ${printDefault(c.defaultLiteral, dialect)}`;
  return sql;
}

export function printDefault(value: string | number | boolean | null, dialect: SqlDialect): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return dialect.booleanLiteral(value);
  if (typeof value === "string") return dialect.stringLiteral(value);
  if (!Number.isFinite(value)) throw new RangeError(`a column default must be a finite number, got ${value}`);
  // Negative numbers need parentheses in SQLite's DEFAULT clause grammar; harmless elsewhere.
  return value < 0 ? `(${value})` : String(value);
}

export function printForeignKey(fk: ForeignKeyDef, dialect: SqlDialect): string {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  return (
    `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${fk.columns.map(q).join(", ")}) ` +
    `REFERENCES ${quoteTableName(fk.referencesTable, dialect)} (${fk.referencesColumns.map(q).join(", ")})`
  );
}

/** Tables ordered so that a referenced table comes before the tables that reference it (cycles keep input order). */
export function orderByDependencies(tables: readonly TableDef[]): TableDef[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableDef[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (t: TableDef): void => {
    if (state.has(t.name)) return;
    state.set(t.name, "visiting");
    for (const fk of t.foreignKeys) {
      const target = byName.get(fk.referencesTable);
      if (target && target !== t) visit(target);
    }
    state.set(t.name, "done");
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered;
}
