import type { ExecResponse, Operation } from "@strata/core";
import { onSqlOperation, unsupportedKeyValue } from "../operation.ts";
import { runInsert } from "./insert.ts";
import { runQuery } from "./query.ts";
import type { PgSession } from "./session.ts";
import { runTransaction } from "./transaction.ts";

/** Runs one operation on a checked-out session; every failure leaves as a Strata error. */
export function runOperation(session: PgSession, op: Operation): Promise<ExecResponse> {
  return onSqlOperation<Promise<ExecResponse>>(op, {
    query: (q) => runQuery(session, q),
    insert: (i) => runInsert(session, i),
    transaction: (t) => runTransaction(session, t),
    keyValue: (kind) => Promise.reject(unsupportedKeyValue(kind)),
  });
}
