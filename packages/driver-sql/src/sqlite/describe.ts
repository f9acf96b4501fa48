import type { Operation } from "@strata/core";
import { sqliteDialect } from "../dialects/sqlite.ts";
import { describeKeyValue, onSqlOperation } from "../operation.ts";
import { printStatement } from "../printer/statement.ts";
import { printTransaction } from "../printer/transaction.ts";
import { chunksOf, isChunked, singleRowInsert } from "./insert.ts";

/** How an operation reads to a person (explain output): SQL text with `?` placeholders, never values. */
export function describeOperation(op: Operation): string {
  return onSqlOperation(op, {
    query: (q) => printStatement(q.statement, sqliteDialect).sql,
    insert: (i) =>
      isChunked(i)
        ? `${printStatement(singleRowInsert(i), sqliteDialect).sql} -- as multi-row VALUES, ${i.rows.length} rows in ${chunksOf(i).length} statements, one transaction`
        : `${printStatement(singleRowInsert(i), sqliteDialect).sql} -- once per row, ${i.rows.length} row(s) in one transaction`,
    transaction: (t) => printTransaction(t, sqliteDialect),
    keyValue: describeKeyValue("sqlite"),
  });
}
