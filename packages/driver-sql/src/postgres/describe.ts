import { assertNever, type Operation } from "@strata/core";
import { printStatement } from "../printer/statement.ts";
import { printTransaction } from "../printer/transaction.ts";
import { insertNode, rowsPerStatement } from "./insert.ts";
import type { PgStatementCache } from "./statements.ts";

/** How an operation reads to a person (explain output): SQL text with `$n` placeholders, never values. */
export function describeOperation(statements: PgStatementCache, op: Operation): string {
  const dialect = statements.dialect;
  switch (op.kind) {
    case "QuerySql":
      return statements.forStatement(op.statement).sql;
    case "Insert": {
      const size = rowsPerStatement(op.columns.length);
      const first = Math.max(1, Math.min(size, op.rows.length));
      const sql = printStatement(insertNode(op, first), dialect).sql;
      const chunks = Math.ceil(op.rows.length / size);
      return chunks > 1 ? `${sql} -- ${op.rows.length} rows in ${chunks} statements, one transaction` : sql;
    }
    case "Transaction":
      return printTransaction(op, dialect);
    case "GetByKey":
    case "QueryPk":
    case "QueryIndex":
    case "Scan":
    case "PutItem":
    case "UpdateByKey":
    case "DeleteByKey":
    case "TransactWrite":
      return `${op.kind} (not supported by the postgres driver)`;
    default:
      return assertNever(op, "operation kind");
  }
}
