import type { Capability, StorageType } from "../capability.ts";
import type { AppSchema, FieldDef } from "./app.ts";
import { checkIdentifiers, derivedName } from "./identifiers.ts";

/** The db schema: tables and columns as the backend stores them. */
export interface ColumnDef {
  name: string;
  storage: StorageType;
  nullable: boolean;
  autoincrement: boolean;
  /** A literal default the database applies itself (for migrations and push). */
  defaultLiteral?: string | number | boolean | null;
}

export interface TableIndexDef {
  name: string;
  columns: readonly string[];
  unique: boolean;
}

export interface ForeignKeyDef {
  name: string;
  columns: readonly string[];
  referencesTable: string;
  referencesColumns: readonly string[];
}

export interface TableDef {
  name: string;
  columns: readonly ColumnDef[];
  primaryKey: readonly string[];
  indexes: readonly TableIndexDef[];
  foreignKeys: readonly ForeignKeyDef[];
}

export interface DbSchema {
  tables: readonly TableDef[];
}

/** The mapping between app and db schema: model ↔ table, field ↔ column. */
export interface Mapping {
  tableOf: Map<string, string>;
  modelOf: Map<string, string>;
  /** model → field → column */
  columnOf: Map<string, Map<string, string>>;
  /** table → column → field */
  fieldOf: Map<string, Map<string, string>>;
}

export function columnName(f: FieldDef): string {
  return f.column ?? f.name;
}

/**
 * Derives the db schema and the mapping from the app schema for one backend's
 * storage types. Throws ValidationError when a name is one the backend cannot
 * keep (Capability.identifiers).
 */
export function buildDbSchema(app: AppSchema, capability: Capability): { db: DbSchema; mapping: Mapping } {
  const mapping: Mapping = { tableOf: new Map(), modelOf: new Map(), columnOf: new Map(), fieldOf: new Map() };
  const byName = new Map(app.models.map((m) => [m.name, m]));
  const tables: TableDef[] = app.models.map((m) => {
    const cols = new Map<string, string>();
    const fields = new Map<string, string>();
    for (const f of m.fields) {
      cols.set(f.name, columnName(f));
      fields.set(columnName(f), f.name);
    }
    mapping.tableOf.set(m.name, m.table);
    mapping.modelOf.set(m.table, m.name);
    mapping.columnOf.set(m.name, cols);
    mapping.fieldOf.set(m.table, fields);
    const col = (field: string): string => cols.get(field) ?? field;
    return {
      name: m.table,
      columns: m.fields.map((f) => ({
        name: columnName(f),
        storage: capability.storageTypes[f.type],
        nullable: f.nullable,
        autoincrement: f.default?.kind === "autoincrement",
        ...(f.default?.kind === "literal" ? { defaultLiteral: f.default.value } : {}),
      })),
      primaryKey: m.id.map(col),
      indexes: m.indexes.map((i) => ({ name: i.name, columns: i.fields.map(col), unique: i.unique })),
      foreignKeys: m.relations
        .filter((r) => r.kind === "belongsTo")
        .map((r) => {
          const target = byName.get(r.target);
          const targetCol = (f: string) => {
            const fd = target?.fields.find((x) => x.name === f);
            return fd ? columnName(fd) : f;
          };
          return {
            name: derivedName(`${m.table}_${r.name}_fkey`),
            columns: r.foreignKey.map(col),
            referencesTable: target?.table ?? r.target,
            referencesColumns: r.references.map(targetCol),
          };
        }),
    };
  });
  const db = { tables };
  if (capability.identifiers) checkIdentifiers(app, db, capability.identifiers);
  return { db, mapping };
}
