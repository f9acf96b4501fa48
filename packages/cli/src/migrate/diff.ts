import type { ForeignKeyDef, SchemaChange, TableDef, TableIndexDef } from "@strata/core";
import { orderByDependencies, type SqlDialect } from "@strata/driver-sql";
import { type LiveColumn, type LiveTable, liveFromTable } from "./model.ts";
import type { Renames } from "./renames.ts";

/** A change the differ cannot express; the user writes that migration by hand. */
export class UnsupportedChangeError extends Error {
  override readonly name = "UnsupportedChangeError";
}

/**
 * The ordered schema changes that turn `current` into `desired`: foreign keys
 * and indexes that go away first, then renames, new tables (referenced first),
 * column changes, dropped tables, and new indexes and foreign keys last.
 * Renames happen only when `renames` names them; otherwise a missing column is
 * a drop and a new one an add.
 */
export function diffSchemas(
  current: readonly LiveTable[],
  desired: readonly TableDef[],
  dialect: SqlDialect,
  renames: Renames = { tables: new Map(), columns: new Map() },
): SchemaChange[] {
  const phases = {
    dropForeignKey: [] as SchemaChange[],
    dropIndex: [] as SchemaChange[],
    rename: [] as SchemaChange[],
    createTable: [] as SchemaChange[],
    column: [] as SchemaChange[],
    dropTable: [] as SchemaChange[],
    addIndex: [] as SchemaChange[],
    addForeignKey: [] as SchemaChange[],
  };
  const currentByName = new Map(current.map((t) => [t.name, t]));
  const matched = new Set<string>();
  const created: TableDef[] = [];
  for (const table of desired) {
    const renamedFrom = [...renames.tables].find(([, to]) => to === table.name)?.[0];
    const live = currentByName.get(table.name) ?? (renamedFrom ? currentByName.get(renamedFrom) : undefined);
    if (!live) {
      created.push(table);
      continue;
    }
    matched.add(live.name);
    if (live.name !== table.name) phases.rename.push({ kind: "renameTable", from: live.name, to: table.name });
    diffTable(live, table, dialect, renames.columns.get(table.name) ?? new Map(), phases);
  }
  for (const table of orderByDependencies(created)) phases.createTable.push({ kind: "createTable", table });
  for (const live of current) {
    if (matched.has(live.name)) continue;
    phases.dropTable.push({ kind: "dropTable", table: live.name });
  }
  // Foreign keys of kept tables that point at a dropped table are gone from `desired`, so they are dropped first.
  return Object.values(phases).flat();
}

type Phases = Record<
  "dropForeignKey" | "dropIndex" | "rename" | "createTable" | "column" | "dropTable" | "addIndex" | "addForeignKey",
  SchemaChange[]
>;

function diffTable(
  liveBefore: LiveTable,
  table: TableDef,
  dialect: SqlDialect,
  columnRenames: ReadonlyMap<string, string>,
  phases: Phases,
): void {
  const name = table.name;
  const want = liveFromTable(table, dialect);
  // Column names as they will be after the renames, so keys and indexes compare by their new names.
  const after = (column: string): string => columnRenames.get(column) ?? column;
  const live: LiveTable = {
    ...liveBefore,
    columns: liveBefore.columns.map((c) => ({ ...c, name: after(c.name) })),
    primaryKey: liveBefore.primaryKey.map(after),
    indexes: liveBefore.indexes.map((i) => ({ ...i, columns: i.columns.map(after) })),
    foreignKeys: liveBefore.foreignKeys.map((fk) => ({ ...fk, columns: fk.columns.map(after) })),
  };
  if (live.primaryKey.join(",") !== want.primaryKey.join(",")) {
    throw new UnsupportedChangeError(
      `table ${name}: the primary key changes from (${live.primaryKey.join(", ")}) to (${want.primaryKey.join(", ")}); ` +
        "strata migrate does not change primary keys: write this migration by hand",
    );
  }
  for (const [from, to] of columnRenames) {
    if (liveBefore.columns.some((c) => c.name === from)) {
      phases.rename.push({ kind: "renameColumn", table: name, from, to });
    }
  }
  const liveColumns = new Map(live.columns.map((c) => [c.name, c]));
  for (const column of table.columns) {
    const was = liveColumns.get(column.name);
    const now = want.columns.find((c) => c.name === column.name);
    if (!was) phases.column.push({ kind: "addColumn", table, column });
    else if (now) {
      const changes = columnChanges(was, now);
      if (changes.length > 0) phases.column.push({ kind: "alterColumn", table, column, changes });
    }
  }
  for (const c of live.columns) {
    if (!table.columns.some((d) => d.name === c.name))
      phases.column.push({ kind: "dropColumn", table: name, column: c.name });
  }
  diffIndexes(name, live.indexes, want.indexes, phases);
  diffForeignKeys(name, live.foreignKeys, want.foreignKeys, phases);
  for (const change of phases.dropForeignKey) {
    if (change.kind !== "dropForeignKey" || change.table !== name) continue;
    const backing = live.foreignKeyIndexes?.includes(change.foreignKey) === true;
    if (backing && !want.indexes.some((i) => i.name === change.foreignKey)) {
      phases.dropIndex.push({ kind: "dropIndex", table: name, index: change.foreignKey });
    }
  }
}

function columnChanges(was: LiveColumn, now: LiveColumn): ("type" | "nullability" | "default")[] {
  const out: ("type" | "nullability" | "default")[] = [];
  if (was.type !== now.type) out.push("type");
  if (was.nullable !== now.nullable) out.push("nullability");
  if (was.default !== now.default) out.push("default");
  return out;
}

const indexKey = (i: TableIndexDef): string => `${i.name}|${i.unique}|${i.columns.join(",")}`;

function diffIndexes(
  table: string,
  live: readonly TableIndexDef[],
  want: readonly TableIndexDef[],
  phases: Phases,
): void {
  const liveKeys = new Set(live.map(indexKey));
  const wantKeys = new Set(want.map(indexKey));
  for (const i of live)
    if (!wantKeys.has(indexKey(i))) phases.dropIndex.push({ kind: "dropIndex", table, index: i.name });
  for (const i of want) if (!liveKeys.has(indexKey(i))) phases.addIndex.push({ kind: "addIndex", table, index: i });
}

/** Foreign keys compare by what they connect, not by name (SQLite does not keep constraint names). */
const fkKey = (fk: ForeignKeyDef): string =>
  `${fk.columns.join(",")}>${fk.referencesTable}(${fk.referencesColumns.join(",")})`;

function diffForeignKeys(
  table: string,
  live: readonly ForeignKeyDef[],
  want: readonly ForeignKeyDef[],
  phases: Phases,
): void {
  const liveKeys = new Set(live.map(fkKey));
  const wantKeys = new Set(want.map(fkKey));
  for (const fk of live) {
    if (!wantKeys.has(fkKey(fk))) phases.dropForeignKey.push({ kind: "dropForeignKey", table, foreignKey: fk.name });
  }
  for (const fk of want) {
    if (!liveKeys.has(fkKey(fk))) phases.addForeignKey.push({ kind: "addForeignKey", table, foreignKey: fk });
  }
}
