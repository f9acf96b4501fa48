import type { DbSchema, ForeignKeyDef, Introspection, TableDef, TableIndexDef } from "@strata/core";
import type { SqlDialect } from "@strata/driver-sql";
import { REBUILD_PREFIX } from "@strata/driver-sql";
import { columnDefault, normaliseDefaultText } from "./normalise.ts";

/** A column as the database holds it, in a form both sides of a diff can be compared in. */
export interface LiveColumn {
  name: string;
  /** Normalised SQL type (lower case, display widths and aliases folded). */
  type: string;
  nullable: boolean;
  /** Normalised default expression, or null. */
  default: string | null;
  autoincrement: boolean;
}

export interface LiveTable {
  name: string;
  columns: LiveColumn[];
  primaryKey: string[];
  indexes: TableIndexDef[];
  foreignKeys: ForeignKeyDef[];
  /** Indexes the backend made for a foreign key (MySQL); they outlive the key, so dropping the key drops them too. */
  foreignKeyIndexes?: string[];
}

/** The tables Strata keeps for itself; never part of a diff. */
export const HISTORY_TABLE = "_strata_migrations";

/** What a desired db-schema table looks like once the dialect has created it. */
export function liveFromTable(table: TableDef, dialect: SqlDialect): LiveTable {
  return {
    name: table.name,
    columns: table.columns.map((c) => ({
      name: c.name,
      type: sqlType(dialect.columnType(c.storage, c, table)),
      nullable: c.nullable && !table.primaryKey.includes(c.name),
      default: c.defaultLiteral === undefined ? null : columnDefault(c.defaultLiteral, dialect),
      autoincrement: c.autoincrement && table.primaryKey.length === 1 && table.primaryKey[0] === c.name,
    })),
    primaryKey: [...table.primaryKey],
    indexes: table.indexes.map((i) => ({ ...i, columns: [...i.columns] })),
    foreignKeys: [...table.foreignKeys],
  };
}

export function liveFromDbSchema(db: DbSchema, dialect: SqlDialect): LiveTable[] {
  return db.tables.map((t) => liveFromTable(t, dialect));
}

/** The live database, normalised: Strata's own tables, primary-key indexes and backend-made indexes left out. */
export function liveFromIntrospection(introspection: Introspection): LiveTable[] {
  return introspection.tables
    .filter((t) => t.name !== HISTORY_TABLE && !t.name.startsWith(REBUILD_PREFIX))
    .map((t) => {
      const fkNames = new Set(t.foreignKeys.map((fk) => fk.name));
      return {
        name: t.name,
        columns: t.columns.map((c) => ({
          name: c.name,
          type: sqlType(c.type),
          nullable: c.nullable,
          default: c.autoincrement ? null : normaliseDefaultText(c.default),
          autoincrement: c.autoincrement,
        })),
        primaryKey: [...t.primaryKey],
        foreignKeyIndexes: t.indexes.filter((i) => fkNames.has(i.name) && !i.unique).map((i) => i.name),
        indexes: t.indexes
          // SQLite's automatic indexes and MySQL's index made for a foreign key are the backend's, not the user's.
          .filter((i) => !i.primary && !i.name.startsWith("sqlite_autoindex_") && !(fkNames.has(i.name) && !i.unique))
          .map((i) => ({ name: i.name, columns: [...i.columns], unique: i.unique })),
        foreignKeys: t.foreignKeys.map((fk) => ({
          name: fk.name,
          columns: [...fk.columns],
          referencesTable: fk.referencesTable,
          referencesColumns: [...fk.referencesColumns],
        })),
      };
    });
}

/** Folds how backends print one type: case, integer display widths (`int(11)`), MariaDB's JSON as LONGTEXT. */
export function sqlType(type: string): string {
  const t = type.trim().toLowerCase().replace(/\s+/g, " ");
  const widthless = t.replace(/^(int|bigint|smallint|mediumint)\(\d+\)/, "$1");
  return widthless === "json" ? "longtext" : widthless;
}
