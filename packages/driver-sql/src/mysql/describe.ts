import { assertNever, type Operation } from "@strata/core";
import { mysqlDialect } from "../dialects/mysql.ts";
import { printStatement } from "../printer/statement.ts";
import { chunkRows } from "./insert.ts";
import { multiRowInsert, type PrintCache } from "./statements.ts";
import { transactionStatements } from "./transaction.ts";

/** How an operation reads to a person (explain output): SQL text with `?` placeholders, never values. */
export function describeOperation(op: Operation, statements: PrintCache): string {
  switch (op.kind) {
    case "QuerySql":
      return statements.print(op.statement, op.params).sql;
    case "Insert": {
      const chunks = chunkRows(op);
      const first = printStatement(multiRowInsert(op, chunks[0]?.length ?? 0), mysqlDialect).sql;
      return chunks.length === 1
        ? first
        : `${first} -- ${op.rows.length} rows in ${chunks.length} statements, one transaction`;
    }
    case "Transaction":
      return transactionStatements(op).join("; ");
    case "GetByKey":
    case "QueryPk":
    case "QueryIndex":
    case "Scan":
    case "PutItem":
    case "UpdateByKey":
    case "DeleteByKey":
    case "TransactWrite":
      return `${op.kind} (not supported by the mysql driver)`;
    default:
      return assertNever(op, "operation kind");
  }
}
