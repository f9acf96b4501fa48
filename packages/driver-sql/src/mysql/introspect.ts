import type { IntrospectedForeignKey, IntrospectedIndex, IntrospectedTable, Introspection, Row } from "@strata/core";
import type { MysqlSession } from "./session.ts";

const SQL = {
  databases: "SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME",
  tables:
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES " +
    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
  columns:
    "SELECT TABLE_NAME AS tableName, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, " +
    "COLUMN_DEFAULT AS dflt, EXTRA AS extra FROM information_schema.COLUMNS " +
    "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION",
  indexes:
    "SELECT TABLE_NAME AS tableName, INDEX_NAME AS name, NON_UNIQUE AS nonUnique, COLUMN_NAME AS columnName " +
    "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
  foreignKeys:
    "SELECT k.TABLE_NAME AS tableName, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS columnName, " +
    "k.REFERENCED_TABLE_SCHEMA AS refSchema, k.REFERENCED_TABLE_NAME AS refTable, k.REFERENCED_COLUMN_NAME AS refColumn, " +
    "r.UPDATE_RULE AS onUpdate, r.DELETE_RULE AS onDelete " +
    "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r " +
    "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME " +
    "WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL " +
    "ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
};

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

/** Reads databases, tables, columns, indexes (unique ones are the unique constraints) and foreign keys of DATABASE(). */
export async function introspectMysql(session: MysqlSession): Promise<Introspection> {
  const all = async (sql: string): Promise<Row[]> => (await session.execute(sql, [], false)).rows;
  const [current] = await all("SELECT DATABASE() AS name");
  const schema = text(current?.name);
  const databases = (await all(SQL.databases)).map((r) => text(r.name));
  const tables = new Map<string, IntrospectedTable>();
  for (const r of await all(SQL.tables)) {
    const name = text(r.name);
    tables.set(name, { schema, name, columns: [], primaryKey: [], indexes: [], foreignKeys: [] });
  }
  for (const r of await all(SQL.columns)) {
    tables.get(text(r.tableName))?.columns.push({
      name: text(r.name),
      type: text(r.type).toLowerCase(),
      nullable: r.nullable === "YES",
      default: normaliseDefault(r.dflt),
      autoincrement: text(r.extra).toLowerCase().includes("auto_increment"),
    });
  }
  const indexes = new Map<string, IntrospectedIndex>();
  for (const r of await all(SQL.indexes)) {
    const table = tables.get(text(r.tableName));
    if (!table) continue;
    const key = `${table.name}\u0000${text(r.name)}`;
    let index = indexes.get(key);
    if (!index) {
      const primary = r.name === "PRIMARY";
      index = { name: text(r.name), columns: [], unique: Number(r.nonUnique) === 0, primary };
      indexes.set(key, index);
      table.indexes.push(index);
    }
    index.columns.push(text(r.columnName));
    if (index.primary) table.primaryKey.push(text(r.columnName));
  }
  const foreignKeys = new Map<string, IntrospectedForeignKey>();
  for (const r of await all(SQL.foreignKeys)) {
    const table = tables.get(text(r.tableName));
    if (!table) continue;
    const key = `${table.name}\u0000${text(r.name)}`;
    let fk = foreignKeys.get(key);
    if (!fk) {
      fk = {
        name: text(r.name),
        columns: [],
        referencesSchema: text(r.refSchema),
        referencesTable: text(r.refTable),
        referencesColumns: [],
        onDelete: text(r.onDelete),
        onUpdate: text(r.onUpdate),
      };
      foreignKeys.set(key, fk);
      table.foreignKeys.push(fk);
    }
    fk.columns.push(text(r.columnName));
    fk.referencesColumns.push(text(r.refColumn));
  }
  return { databases, schemas: databases, tables: [...tables.values()], routines: [], sequences: [] };
}

/** MariaDB prints "no default" on a nullable column as the text NULL; MySQL as SQL NULL. Both become null. */
function normaliseDefault(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value);
  return s === "NULL" ? null : s;
}
