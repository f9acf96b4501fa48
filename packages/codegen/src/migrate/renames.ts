import type { SchemaChange } from "@strata/core";

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

/** Drop + add pairs in one table (columns) or across tables that a rename could explain. */
export function renameCandidates(changes: readonly SchemaChange[]): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  for (const d of changes) {
    if (d.kind !== "dropColumn") continue;
    for (const a of changes) {
      if (a.kind === "addColumn" && a.table.name === d.table) {
        out.push({ kind: "column", table: d.table, from: d.column, to: a.column.name });
      }
    }
  }
  for (const d of changes) {
    if (d.kind !== "dropTable") continue;
    for (const a of changes) {
      if (a.kind === "createTable") out.push({ kind: "table", table: a.table.name, from: d.table, to: a.table.name });
    }
  }
  return out;
}
