import { assertNever, type Operation } from "@strata/core";
import { mysqlDialect } from "../dialects/mysql.ts";
import { printStatement } from "../printer/statement.ts";
import { chunkRows } from "./insert.ts";
import { bucketLength, multiRowInsert } from "./statements.ts";
import { transactionStatements } from "./transaction.ts";

/** How an operation reads to a person (explain output): SQL text with `?` placeholders, never values. */
export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case "QuerySql":
      // Explain may describe a plan before its values exist: an IN list of unknown length shows one placeholder.
      return printStatement(op.statement, mysqlDialect, { listLengths: new LengthsOrOne(op.params) }).sql;
    case "Insert": {
      const chunks = chunkRows(op);
      const first = printStatement(multiRowInsert(op, Math.max(1, chunks[0]?.length ?? 0)), mysqlDialect).sql;
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

/** The printed length of each array parameter, and 1 for a list whose values are not known yet. */
class LengthsOrOne extends Map<number, number> {
  constructor(params: readonly unknown[]) {
    super();
    params.forEach((value, index) => {
      if (Array.isArray(value)) this.set(index, bucketLength(value.length));
    });
  }
  override get(index: number): number {
    return super.get(index) ?? 1;
  }
}
