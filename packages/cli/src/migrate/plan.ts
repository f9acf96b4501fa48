import {
  assertNever,
  type Capability,
  type ColumnDef,
  type SchemaChange,
  type SchemaMutations,
  type TableDef,
} from "@strata/core";
import { printSchemaChange, type SqlDialect } from "@strata/driver-sql";

/** One change with its SQL, as a migration file lists it. */
export interface PlannedStep {
  readonly summary: string;
  readonly statements: readonly string[];
}

/**
 * Decides per table between altering in place and a rebuild, by
 * `Capability.schemaMutations`: every change to an existing table that the
 * backend cannot make in place turns that table's column, index and foreign
 * key changes into one `rebuildTable` (create-new → copy → drop → rename),
 * placed after the other column changes.
 */
export function planChanges(
  changes: readonly SchemaChange[],
  desired: readonly TableDef[],
  capability: Capability,
): SchemaChange[] {
  const m = capability.schemaMutations;
  const rebuild = new Set(changes.filter((c) => !inPlace(c, m)).map(tableOf));
  if (rebuild.size === 0) return [...changes];
  const subsumed = (c: SchemaChange): boolean =>
    rebuild.has(tableOf(c)) &&
    c.kind !== "createTable" &&
    c.kind !== "dropTable" &&
    c.kind !== "renameTable" &&
    (c.kind !== "renameColumn" || !m.renameColumn);
  const kept = changes.filter((c) => !subsumed(c));
  const rebuilds: SchemaChange[] = [...rebuild].map((name) => {
    const table = desired.find((t) => t.name === name);
    if (!table) throw new RangeError(`rebuild of ${name}: the table is not in the desired schema`);
    const added = new Set(
      changes.flatMap((c) => (c.kind === "addColumn" && c.table.name === name ? [c.column.name] : [])),
    );
    const renamedFrom = (column: string): string => {
      const r = changes.find((c) => c.kind === "renameColumn" && c.table === name && c.to === column);
      return r?.kind === "renameColumn" && !m.renameColumn ? r.from : column;
    };
    const copy = table.columns
      .filter((c) => !added.has(c.name))
      .map((c) => ({ to: c.name, from: renamedFrom(c.name) }));
    return { kind: "rebuildTable", table, copy };
  });
  const at = kept.findIndex((c) => c.kind === "dropTable" || c.kind === "addIndex" || c.kind === "addForeignKey");
  const position = at === -1 ? kept.length : at;
  return [...kept.slice(0, position), ...rebuilds, ...kept.slice(position)];
}

function inPlace(c: SchemaChange, m: SchemaMutations): boolean {
  switch (c.kind) {
    case "alterColumn":
      return c.changes.every((what) =>
        what === "type"
          ? m.alterColumnType
          : what === "nullability"
            ? m.alterColumnNullability
            : m.alterColumnType && m.alterColumnNullability,
      );
    case "addForeignKey":
    case "dropForeignKey":
      return m.addForeignKey;
    case "dropColumn":
      return m.dropColumn;
    case "renameColumn":
      return m.renameColumn;
    case "addColumn":
      // A NOT NULL column without a default cannot be added where nullability cannot be altered (SQLite refuses it).
      return m.alterColumnNullability || !requiresValue(c.column, c.table);
    default:
      return true;
  }
}

function requiresValue(column: ColumnDef, table: TableDef): boolean {
  return (!column.nullable || table.primaryKey.includes(column.name)) && column.defaultLiteral === undefined;
}

export function tableOf(c: SchemaChange): string {
  switch (c.kind) {
    case "createTable":
    case "addColumn":
    case "alterColumn":
    case "rebuildTable":
      return c.table.name;
    case "renameTable":
      return c.to;
    case "dropTable":
    case "dropColumn":
    case "renameColumn":
    case "addIndex":
    case "dropIndex":
    case "addForeignKey":
    case "dropForeignKey":
      return c.table;
    default:
      return assertNever(c, "schema change");
  }
}

/** Each planned change with its statements in the dialect. */
export function printSteps(changes: readonly SchemaChange[], dialect: SqlDialect): PlannedStep[] {
  return changes.map((change) => ({ summary: describeChange(change), statements: printSchemaChange(change, dialect) }));
}

export function describeChange(c: SchemaChange): string {
  switch (c.kind) {
    case "createTable":
      return `create table ${c.table.name}`;
    case "dropTable":
      return `drop table ${c.table} (every row of it is lost)`;
    case "renameTable":
      return `rename table ${c.from} to ${c.to}`;
    case "addColumn":
      return `add column ${c.table.name}.${c.column.name}`;
    case "dropColumn":
      return `drop column ${c.table}.${c.column} (its values are lost)`;
    case "renameColumn":
      return `rename column ${c.table}.${c.from} to ${c.to}`;
    case "alterColumn":
      return `change column ${c.table.name}.${c.column.name} (${c.changes.join(", ")})`;
    case "addIndex":
      return `add ${c.index.unique ? "unique " : ""}index ${c.index.name} on ${c.table} (${c.index.columns.join(", ")})`;
    case "dropIndex":
      return `drop index ${c.index} on ${c.table}`;
    case "addForeignKey":
      return `add foreign key ${c.foreignKey.name} on ${c.table}`;
    case "dropForeignKey":
      return `drop foreign key ${c.foreignKey} on ${c.table}`;
    case "rebuildTable":
      return `rebuild table ${c.table.name} (create new, copy ${c.copy.length} columns, drop old, rename)`;
    default:
      return assertNever(c, "schema change");
  }
}

/** What the changes destroy, in words; empty when nothing is lost. */
export function dataLoss(changes: readonly SchemaChange[]): string[] {
  return changes.flatMap((c) => (c.kind === "dropTable" || c.kind === "dropColumn" ? [describeChange(c)] : []));
}
