import type { ArithmeticRange, ColumnDef, Connection, IsolationLevel, Row, StorageType, TableDef } from "@strata/core";

/**
 * A reserved SQL session that also runs SQL text (migrations, `strata db`):
 * DDL and the migration history. Values are always bound parameters.
 */
export interface SqlConnection extends Connection {
  runSql(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/**
 * The few places where SQL backends differ, as small hooks that the one shared
 * printer (src/printer) calls. Hooks receive already-printed fragments; a
 * fragment may contain placeholder markers, which the printer numbers after
 * the whole statement is composed, so a hook may repeat or reorder fragments
 * freely (e.g. MySQL's `ISNULL(x), x` ordering) and `paramOrder` stays right.
 */
export interface SqlDialect {
  readonly name: string;
  /** `"users"` / `` `users` ``; must escape the quote character inside the name. */
  quoteIdentifier(name: string): string;
  /**
   * A table name as it appears in FROM/INSERT/UPDATE/DELETE/DDL, e.g. schema-qualified.
   * Absent: `quoteIdentifier(name)`.
   */
  quoteTable?(name: string): string;
  /**
   * Placeholder text for the `position`-th placeholder in the text (0-based),
   * bound to `params[paramIndex]`. `?` dialects ignore both; `$n` dialects use `paramIndex + 1`.
   */
  placeholder(position: number, paramIndex: number): string;
  /** `expr [NOT] IN <list>` where `list` is the placeholder of one array-valued parameter. */
  inList(expr: string, list: string, negated: boolean): string;
  /**
   * For backends that cannot bind an array (MySQL): `expr [NOT] IN (a, b, ...)` with one
   * placeholder per element. When present, the printer needs the list lengths
   * (`printStatement(..., { listLengths })`) and uses this instead of `inList`.
   * `items` may be empty; the result must still be valid SQL.
   */
  expandedInList?(expr: string, items: readonly string[], negated: boolean): string;
  /** `expr LIKE pattern` with `\` as the escape character (the engine escapes the value). */
  like(expr: string, pattern: string): string;
  /** One ORDER BY term (or several, comma-separated) with an explicit NULL placement. */
  orderItem(expr: string, direction: "asc" | "desc", nulls: "first" | "last"): string;
  booleanLiteral(value: boolean): string;
  /** A string literal, only used for schema text such as column defaults (never for values). */
  stringLiteral(value: string): string;
  /** ` LIMIT ... OFFSET ...` suffix (with its leading space), or "" when both are absent. */
  limitOffset(limit: string | undefined, offset: string | undefined): string;
  /** ` RETURNING ...` suffix, or undefined when the backend cannot return rows from writes. */
  returning(selections: string): string | undefined;
  /**
   * The upsert clause after the VALUES list. `target` holds quoted conflict columns,
   * `set` printed `"col" = expr` assignments (empty: do nothing).
   */
  upsert(target: readonly string[], set: readonly string[]): string;
  /** The proposed row's column inside an upsert SET (`excluded."c"`, `VALUES(c)`). */
  excludedColumn(name: string): string;
  /** SQL column type for a storage type; `table` tells whether the column is part of a key or index. */
  columnType(storage: StorageType, column: ColumnDef, table?: TableDef): string;
  /** Column definition text for a single-column auto-incrementing integer primary key. */
  autoincrementPrimaryKey(quotedName: string, column: ColumnDef): string;
  /** Statement that opens a transaction. */
  begin(options: { isolation?: IsolationLevel | undefined; readOnly: boolean }): string;
  /** What follows the table of a column-less INSERT; absent: ` DEFAULT VALUES`. */
  readonly defaultValues?: string;
  /** Table options after `CREATE TABLE name (...)` (with a leading space), e.g. engine and collation. */
  readonly tableOptions?: string;
  /**
   * Integer division truncating toward zero (int fields' `divide`). Default:
   * `CAST(a / b AS INTEGER)`, right where the operand may bind as a float.
   */
  integerDivide?(left: string, right: string): string;
  /**
   * Wraps an update's arithmetic so a result outside its range fails the
   * statement. Absent: the column types already refuse such a value (an
   * error the driver classifies as ArithmeticError).
   */
  checkedArithmetic?(arithmetic: string, range: ArithmeticRange): string;
  /**
   * `e IN (...)` over one JSON text parameter holding the list, for lists
   * too long to expand (dialects with `expandedInList`); `element` is the
   * storage type of every element.
   */
  jsonInList?(e: string, json: string, element: StorageType, negated: boolean): string;
  /**
   * Statements that change one column in place (migrations). Absent: the
   * backend cannot, and the migration planner rebuilds the table instead.
   */
  alterColumn?(quotedTable: string, alteration: ColumnAlteration): string[];
  /** `DROP INDEX ...` for an index of `quotedTable`; absent: `DROP INDEX "name"`. */
  dropIndex?(quotedTable: string, quotedIndex: string): string;
  /** Drops a named foreign key; absent: `ALTER TABLE t DROP CONSTRAINT "name"`. */
  dropForeignKey?(quotedTable: string, quotedName: string): string;
  /**
   * Where foreign keys must be switched off around a migration (a table rebuild
   * drops a referenced table) and checked before it commits: the statements
   * that do so. Absent: the backend keeps them on (ALTER in place).
   */
  readonly foreignKeyChecks?: { readonly off: string; readonly on: string; readonly check: string };
}

/** One in-place column change, with every fragment already printed by the shared DDL printer. */
export interface ColumnAlteration {
  readonly column: ColumnDef;
  readonly quotedColumn: string;
  readonly changes: readonly ("type" | "nullability" | "default")[];
  /** The SQL type, e.g. `integer`. */
  readonly type: string;
  /** The whole column definition as CREATE TABLE prints it (`"c" integer NOT NULL DEFAULT 0`). */
  readonly definition: string;
  /** The printed default, or undefined when the column has none. */
  readonly defaultValue: string | undefined;
  readonly notNull: boolean;
}
