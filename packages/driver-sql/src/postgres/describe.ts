import type { Operation } from "@strata/core";
import { describeKeyValue, onSqlOperation } from "../operation.ts";
import { printStatement } from "../printer/statement.ts";
import { printTransaction } from "../printer/transaction.ts";
import { insertNode, rowsPerStatement } from "./insert.ts";
import type { PgStatementCache } from "./statements.ts";

/** How an operation reads to a person (explain output): SQL text with `$n` placeholders, never values. */
export function describeOperation(statements: PgStatementCache, op: Operation): string {
  const dialect = statements.dialect;
  return onSqlOperation(op, {
    query: (q) => statements.forStatement(q.statement).sql,
    insert: (i) => {
      const size = rowsPerStatement(i.columns.length);
      const first = Math.max(1, Math.min(size, i.rows.length));
      const sql = printStatement(insertNode(i, first), dialect).sql;
      const chunks = Math.ceil(i.rows.length / size);
      return chunks > 1 ? `${sql} -- ${i.rows.length} rows in ${chunks} statements, one transaction` : sql;
    },
    transaction: (t) => printTransaction(t, dialect),
    keyValue: describeKeyValue("postgres"),
  });
}
