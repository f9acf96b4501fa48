import type { ExecResponse, Operation } from "@strata/core";
import { onSqlOperation, tableOf, unsupportedKeyValue } from "../operation.ts";
import { classifySqliteError } from "./errors.ts";
import { runInsert } from "./insert.ts";
import { runQuery } from "./query.ts";
import type { SqliteSession } from "./session.ts";
import { runTransaction } from "./transaction.ts";

/** Runs one operation synchronously on the session; every failure leaves as a Strata error. */
export function runOperation(session: SqliteSession, op: Operation): ExecResponse {
  try {
    return onSqlOperation<ExecResponse>(op, {
      query: (q) => runQuery(session, q),
      insert: (i) => runInsert(session, i),
      transaction: (t) => runTransaction(session, t),
      keyValue: (kind) => {
        throw unsupportedKeyValue(kind);
      },
    });
  } catch (err) {
    throw classifySqliteError(err, { table: tableOf(op) });
  }
}
