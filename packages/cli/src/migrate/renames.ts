import type { SchemaChange } from "@strata/core";
import type { LiveTable } from "./model.ts";

/** Renames the user asked for, by db names: tables old → new, and per (new) table, columns old → new. */
export interface Renames {
  tables: Map<string, string>;
  columns: Map<string, Map<string, string>>;
}

/**
 * Parses `--rename` values: `old_table:new_table` renames a table,
 * `table.old_column:new_column` a column (the table by its new name).
 */
export function parseRenames(values: readonly string[]): Renames {
  const renames: Renames = { tables: new Map(), columns: new Map() };
  for (const value of values) {
    const match = /^([^:.]+)(?:\.([^:.]+))?:([^:.]+)$/.exec(value);
    if (!match?.[1] || !match[3]) {
      throw new RangeError(`--rename ${value}: expected old_table:new_table or table.old_column:new_column`);
    }
    const [, table, column, to] = match;
    if (column === undefined) renames.tables.set(table, to);
    else addColumnRename(renames, table, column, to);
  }
  return renames;
}

export function addColumnRename(renames: Renames, table: string, from: string, to: string): void {
  const columns = renames.columns.get(table) ?? new Map<string, string>();
  columns.set(from, to);
  renames.columns.set(table, columns);
}

/** Where a rename could explain a drop plus an add: asked about interactively, never assumed. */
export interface RenameCandidate {
  kind: "table" | "column";
  table: string;
  from: string;
  to: string;
}

/**
 * Drop + add pairs that a rename could explain: in one table, a dropped and an
 * added column of the same kind of SQL type (a rename keeps the data, so text
 * pairs with text, integers with integers: varchar(191) and text may pair); across tables, a dropped and a created table with the same primary key
 * columns and types. `live` is the database as it is, `desired` the target.
 */
export function renameCandidates(
  changes: readonly SchemaChange[],
  live: readonly LiveTable[],
  desired: readonly LiveTable[],
): RenameCandidate[] {
  const column = (tables: readonly LiveTable[], table: string, name: string) =>
    tables.find((t) => t.name === table)?.columns.find((c) => c.name === name);
  const out: RenameCandidate[] = [];
  for (const d of changes) {
    if (d.kind !== "dropColumn") continue;
    const from = column(live, d.table, d.column);
    for (const a of changes) {
      if (a.kind !== "addColumn" || a.table.name !== d.table) continue;
      const to = column(desired, a.table.name, a.column.name);
      if (from && to && typeFamily(from.type) === typeFamily(to.type))
        out.push({ kind: "column", table: d.table, from: d.column, to: a.column.name });
    }
  }
  const keyShape = (tables: readonly LiveTable[], name: string) => {
    const t = tables.find((x) => x.name === name);
    return t ? t.primaryKey.map((k) => column(tables, name, k)?.type ?? "?").join(",") : undefined;
  };
  for (const d of changes) {
    if (d.kind !== "dropTable") continue;
    for (const a of changes) {
      if (a.kind !== "createTable") continue;
      const from = keyShape(live, d.table);
      if (from !== undefined && from === keyShape(desired, a.table.name))
        out.push({ kind: "table", table: a.table.name, from: d.table, to: a.table.name });
    }
  }
  return out;
}

/** The kind of value a (normalised) SQL type holds; renames pair columns of one kind. */
function typeFamily(type: string): string {
  const t = type.toLowerCase();
  if (/^(tiny|small|medium|big)?int(eger)?\b|^serial|^bigserial/.test(t))
    return t.startsWith("tinyint(1)") ? "boolean" : "integer";
  if (/char|text|clob|string|uuid|enum/.test(t)) return "text";
  if (/double|real|float|numeric|decimal/.test(t)) return "number";
  if (/bool/.test(t)) return "boolean";
  if (/date|time/.test(t)) return "datetime";
  if (/blob|binary|bytea/.test(t)) return "bytes";
  if (/json/.test(t)) return "json";
  return t;
}
