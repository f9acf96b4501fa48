import type { DbSchema } from "@strata/core";
import { orderByDependencies, printCreateIndex, printCreateTable } from "../printer/ddl.ts";
import { atomically } from "./atomic.ts";
import type { PgSession } from "./session.ts";

/** The DDL that creates whatever of the schema is missing: the schema itself, then referenced tables first. */
export function pushStatements(session: PgSession, schema: DbSchema): string[] {
  const dialect = session.ctx.statements.dialect;
  const tables = orderByDependencies(schema.tables);
  const own = session.ctx.schema;
  return [
    ...(own === undefined ? [] : [`CREATE SCHEMA IF NOT EXISTS ${dialect.quoteIdentifier(own)}`]),
    ...tables.map((t) => printCreateTable(t, dialect)),
    ...tables.flatMap((t) => t.indexes.map((i) => printCreateIndex(t, i, dialect))),
  ];
}

/** Creates what is missing in one transaction (PostgreSQL DDL is transactional: all or nothing). */
export async function pushSchema(session: PgSession, schema: DbSchema): Promise<void> {
  const statements = pushStatements(session, schema);
  await atomically(session, async () => {
    for (const sql of statements) await session.text(sql);
  });
}
