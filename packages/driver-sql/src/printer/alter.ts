import { assertNever, type ColumnDef, type SchemaChange, type TableDef, type TableIndexDef } from "@strata/core";
import type { ColumnAlteration, SqlDialect } from "../dialect.ts";
import { autoincrementKey, printColumn, printCreateTable, printDefault, printForeignKey } from "./ddl.ts";
import { quoteTableName } from "./select.ts";

/** The prefix of the temporary table a rebuild copies into. */
export const REBUILD_PREFIX = "_strata_new_";

/**
 * The SQL statements of one schema change, in order, for one dialect. Values
 * never appear here (only column defaults, through the dialect's literals);
 * identifiers go through the dialect's quoting.
 */
export function printSchemaChange(change: SchemaChange, dialect: SqlDialect): string[] {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const t = (name: string): string => quoteTableName(name, dialect);
  switch (change.kind) {
    case "createTable":
      return [
        printCreateTable(change.table, dialect, { ifNotExists: false }),
        ...change.table.indexes.map((i) => printIndex(change.table.name, i, dialect)),
      ];
    case "dropTable":
      return [`DROP TABLE ${t(change.table)}`];
    case "renameTable":
      return [`ALTER TABLE ${t(change.from)} RENAME TO ${q(change.to)}`];
    case "addColumn":
      return [`ALTER TABLE ${t(change.table.name)} ADD COLUMN ${printColumn(change.column, change.table, dialect)}`];
    case "dropColumn":
      return [`ALTER TABLE ${t(change.table)} DROP COLUMN ${q(change.column)}`];
    case "renameColumn":
      return [`ALTER TABLE ${t(change.table)} RENAME COLUMN ${q(change.from)} TO ${q(change.to)}`];
    case "alterColumn": {
      if (!dialect.alterColumn) {
        throw new RangeError(`${dialect.name} cannot alter a column in place: rebuild table ${change.table.name}`);
      }
      return dialect.alterColumn(
        t(change.table.name),
        alteration(change.table, change.column, change.changes, dialect),
      );
    }
    case "addIndex":
      return [printIndex(change.table, change.index, dialect)];
    case "dropIndex":
      return [
        dialect.dropIndex ? dialect.dropIndex(t(change.table), q(change.index)) : `DROP INDEX ${q(change.index)}`,
      ];
    case "addForeignKey":
      return [`ALTER TABLE ${t(change.table)} ADD ${printForeignKey(change.foreignKey, dialect)}`];
    case "dropForeignKey":
      return [
        dialect.dropForeignKey
          ? dialect.dropForeignKey(t(change.table), q(change.foreignKey))
          : `ALTER TABLE ${t(change.table)} DROP CONSTRAINT ${q(change.foreignKey)}`,
      ];
    case "rebuildTable":
      return printRebuild(change.table, change.copy, dialect);
    default:
      return assertNever(change, "schema change");
  }
}

/** `CREATE [UNIQUE] INDEX` without IF NOT EXISTS: a migration that meets an existing index should fail loudly. */
function printIndex(table: string, index: TableIndexDef, dialect: SqlDialect): string {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const cols = index.columns.map(q).join(", ");
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${q(index.name)} ON ${quoteTableName(table, dialect)} (${cols})`;
}

function alteration(
  table: TableDef,
  column: ColumnDef,
  changes: ColumnAlteration["changes"],
  dialect: SqlDialect,
): ColumnAlteration {
  const isAutoKey = autoincrementKey(table) === column;
  return {
    column,
    quotedColumn: dialect.quoteIdentifier(column.name),
    changes,
    type: dialect.columnType(column.storage, column, table),
    definition: isAutoKey
      ? dialect.autoincrementPrimaryKey(dialect.quoteIdentifier(column.name), column)
      : printColumn(column, table, dialect),
    defaultValue: column.defaultLiteral === undefined ? undefined : printDefault(column.defaultLiteral, dialect),
    notNull: !column.nullable || table.primaryKey.includes(column.name),
  };
}

/**
 * SQLite's documented rebuild: create the new table under a temporary name,
 * copy the rows, drop the old table, rename the new one, recreate its indexes.
 * The caller runs it in one transaction with foreign keys off and checks them
 * (`PRAGMA foreign_key_check`) before committing.
 */
function printRebuild(
  table: TableDef,
  copy: readonly { readonly to: string; readonly from: string }[],
  dialect: SqlDialect,
): string[] {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const temp = `${REBUILD_PREFIX}${table.name}`;
  const statements = [printCreateTable({ ...table, name: temp }, dialect, { ifNotExists: false })];
  if (copy.length > 0) {
    const to = copy.map((c) => q(c.to)).join(", ");
    const from = copy.map((c) => q(c.from)).join(", ");
    statements.push(
      `INSERT INTO ${quoteTableName(temp, dialect)} (${to}) SELECT ${from} FROM ${quoteTableName(table.name, dialect)}`,
    );
  }
  statements.push(`DROP TABLE ${quoteTableName(table.name, dialect)}`);
  statements.push(`ALTER TABLE ${quoteTableName(temp, dialect)} RENAME TO ${q(table.name)}`);
  for (const index of table.indexes) statements.push(printIndex(table.name, index, dialect));
  return statements;
}
