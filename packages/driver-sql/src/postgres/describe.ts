import type { Operation } from "@strata/core";
import { insertChunks } from "../insert-chunks.ts";
import { describeKeyValue, onSqlOperation } from "../operation.ts";
import { printStatement } from "../printer/statement.ts";
import { printTransaction } from "../printer/transaction.ts";
import { POSTGRES_MAX_PARAMETERS } from "./capability.ts";
import { insertNode } from "./insert.ts";
import type { PgStatementCache } from "./statements.ts";

/** How an operation reads to a person (explain output): SQL text with `$n` placeholders, never values. */
export function describeOperation(statements: PgStatementCache, op: Operation): string {
  const dialect = statements.dialect;
  return onSqlOperation(op, {
    query: (q) => statements.forStatement(q.statement).sql,
    insert: (i) => {
      const chunks = insertChunks(i.rows.length, i.columns.length, POSTGRES_MAX_PARAMETERS);
      const sql = printStatement(insertNode(i, chunks[0] ?? 1), dialect).sql;
      return chunks.length > 1
        ? `${sql} -- ${i.rows.length} rows in ${chunks.length} statements, one transaction`
        : sql;
    },
    transaction: (t) => printTransaction(t, dialect),
    keyValue: describeKeyValue("postgres"),
  });
}
