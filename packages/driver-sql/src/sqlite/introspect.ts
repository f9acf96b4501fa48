import type { IntrospectedTable, Introspection } from "@strata/core";
import type { SqliteSession } from "./session.ts";

interface TableRow {
  name: string;
  type: string;
}
interface ColumnRow {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}
interface IndexRow {
  name: string;
  unique: number;
  origin: string;
}
interface ForeignKeyRow {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string;
  on_update: string;
  on_delete: string;
}

/** Reads tables, columns, indexes and foreign keys through SQLite's pragma functions. */
export function introspectSqlite(session: SqliteSession): Introspection {
  const db = session.db;
  const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  const tables = all<TableRow>(
    "SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
  );
  const autoincrement = new Set(
    all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%'").map(
      (r) => r.name,
    ),
  );
  const out: IntrospectedTable[] = tables.map((t) => {
    const columns = all<ColumnRow>(
      'SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid',
      t.name,
    );
    const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const indexes = all<IndexRow>('SELECT name, "unique", origin FROM pragma_index_list(?) ORDER BY name', t.name).map(
      (i) => ({
        name: i.name,
        columns: all<{ name: string }>("SELECT name FROM pragma_index_info(?) ORDER BY seqno", i.name).map(
          (c) => c.name,
        ),
        unique: i.unique === 1,
        primary: i.origin === "pk",
      }),
    );
    const fkRows = all<ForeignKeyRow>(
      'SELECT id, seq, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq',
      t.name,
    );
    const byId = new Map<number, ForeignKeyRow[]>();
    for (const row of fkRows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
    return {
      name: t.name,
      columns: columns.map((c) => ({
        name: c.name,
        type: c.type.toLowerCase(),
        nullable: c.notnull === 0 && c.pk === 0,
        default: c.dflt_value,
        autoincrement: pk.length === 1 && pk[0]?.name === c.name && autoincrement.has(t.name),
      })),
      primaryKey: pk.map((c) => c.name),
      indexes,
      foreignKeys: [...byId.values()].map((rows) => ({
        // SQLite does not keep constraint names in the pragma; name it like push does.
        name: `${t.name}_${rows.map((r) => r.from).join("_")}_fkey`,
        columns: rows.map((r) => r.from),
        referencesTable: rows[0]!.table,
        referencesColumns: rows.map((r) => r.to),
        onDelete: rows[0]!.on_delete,
        onUpdate: rows[0]!.on_update,
      })),
    };
  });
  return { databases: ["main"], schemas: ["main"], tables: out, routines: [], sequences: [] };
}
