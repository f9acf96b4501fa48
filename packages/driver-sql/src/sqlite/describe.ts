import { assertNever, type Operation } from "@strata/core";
import { sqliteDialect } from "../dialects/sqlite.ts";
import { printStatement } from "../printer/statement.ts";
import { printTransaction } from "../printer/transaction.ts";
import { singleRowInsert } from "./insert.ts";

/** How an operation reads to a person (explain output): SQL text with `?` placeholders, never values. */
export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case "QuerySql":
      return printStatement(op.statement, sqliteDialect).sql;
    case "Insert":
      return `${printStatement(singleRowInsert(op), sqliteDialect).sql} -- once per row, ${op.rows.length} row(s) in one transaction`;
    case "Transaction":
      return printTransaction(op, sqliteDialect);
    case "GetByKey":
    case "QueryPk":
    case "QueryIndex":
    case "Scan":
    case "PutItem":
    case "UpdateByKey":
    case "DeleteByKey":
    case "TransactWrite":
      return `${op.kind} (not supported by the sqlite driver)`;
    default:
      return assertNever(op, "operation kind");
  }
}
