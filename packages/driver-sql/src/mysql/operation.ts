import type { ExecResponse, Operation } from "@strata/core";
import { onSqlOperation, tableOf, unsupportedKeyValue } from "../operation.ts";
import { runInsert } from "./insert.ts";
import { runQuery } from "./query.ts";
import type { MysqlSession } from "./session.ts";
import { runTransaction } from "./transaction.ts";

/** Runs one operation on the session; every failure leaves as a Strata error. */
export function runOperation(session: MysqlSession, op: Operation): Promise<ExecResponse> {
  return onSqlOperation<Promise<ExecResponse>>(op, {
    query: (q) => runQuery(session, q, tableOf(q)),
    insert: (i) => runInsert(session, i),
    transaction: (t) => runTransaction(session, t),
    keyValue: (kind) => Promise.reject(unsupportedKeyValue(kind)),
  });
}
