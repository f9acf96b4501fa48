import type { DbSchema } from "@strata/core";
import { mysqlDialect } from "../dialects/mysql.ts";
import { orderByDependencies, printCreateIndex, printCreateTable } from "../printer/ddl.ts";
import type { MysqlSession } from "./session.ts";

/** The DDL that creates whatever of the schema is missing, referenced tables first. */
export function pushStatements(schema: DbSchema): string[] {
  const tables = orderByDependencies(schema.tables);
  return [
    ...tables.map((t) => printCreateTable(t, mysqlDialect)),
    ...tables.flatMap((t) => t.indexes.map((i) => printCreateIndex(t, i, mysqlDialect))),
  ];
}

/**
 * Runs the DDL in order. MySQL commits implicitly around every DDL statement,
 * so a failure part-way leaves the tables created so far; re-running is safe
 * (IF NOT EXISTS; `CREATE INDEX IF NOT EXISTS` is MariaDB syntax).
 */
export async function pushSchema(session: MysqlSession, schema: DbSchema): Promise<void> {
  for (const sql of pushStatements(schema)) await session.query(sql);
}
