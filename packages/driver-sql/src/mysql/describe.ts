import type { Operation } from "@strata/core";
import { mysqlDialect } from "../dialects/mysql.ts";
import { describeKeyValue, onSqlOperation } from "../operation.ts";
import { printStatement } from "../printer/statement.ts";
import { chunkRows } from "./insert.ts";
import { bucketLength, multiRowInsert } from "./statements.ts";
import { transactionStatements } from "./transaction.ts";

/** How an operation reads to a person (explain output): SQL text with `?` placeholders, never values. */
export function describeOperation(op: Operation): string {
  return onSqlOperation(op, {
    // Explain may describe a plan before its values exist: an IN list of unknown length shows one placeholder.
    query: (q) => printStatement(q.statement, mysqlDialect, { listLengths: new LengthsOrOne(q.params) }).sql,
    insert: (i) => {
      const chunks = chunkRows(i);
      const first = printStatement(multiRowInsert(i, Math.max(1, chunks[0]?.length ?? 0)), mysqlDialect).sql;
      return chunks.length === 1
        ? first
        : `${first} -- ${i.rows.length} rows in ${chunks.length} statements, one transaction`;
    },
    transaction: (t) => transactionStatements(t).join("; "),
    keyValue: describeKeyValue("mysql"),
  });
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
