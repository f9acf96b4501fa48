import type { DbSchema } from "@strata/core";
import { sqliteDialect } from "../dialects/sqlite.ts";
import { orderByDependencies, printCreateIndex, printCreateTable } from "../printer/ddl.ts";
import { classifySqliteError } from "./errors.ts";
import type { SqliteSession } from "./session.ts";

/** The DDL that creates whatever of the schema is missing, referenced tables first. */
export function pushStatements(schema: DbSchema): string[] {
  const tables = orderByDependencies(schema.tables);
  return [
    ...tables.map((t) => printCreateTable(t, sqliteDialect)),
    ...tables.flatMap((t) => t.indexes.map((i) => printCreateIndex(t, i, sqliteDialect))),
  ];
}

/** Creates missing tables and indexes in one write transaction (all or nothing). */
export function pushSchema(session: SqliteSession, schema: DbSchema): void {
  const statements = pushStatements(schema);
  try {
    const db = session.db;
    db.transaction(() => {
      for (const sql of statements) db.prepare(sql).run();
    }).immediate();
  } catch (err) {
    throw classifySqliteError(err);
  }
}
