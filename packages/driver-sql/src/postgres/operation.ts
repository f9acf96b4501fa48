import { assertNever, type ExecResponse, type Operation } from "@strata/core";
import { unsupportedKeyValue } from "../sqlite/operation.ts";
import { runInsert } from "./insert.ts";
import { runQuery } from "./query.ts";
import type { PgSession } from "./session.ts";
import { runTransaction } from "./transaction.ts";

/** Runs one operation on a checked-out session; every failure leaves as a Strata error. */
export function runOperation(session: PgSession, op: Operation): Promise<ExecResponse> {
  switch (op.kind) {
    case "QuerySql":
      return runQuery(session, op);
    case "Insert":
      return runInsert(session, op);
    case "Transaction":
      return runTransaction(session, op);
    case "GetByKey":
    case "QueryPk":
    case "QueryIndex":
    case "Scan":
    case "PutItem":
    case "UpdateByKey":
    case "DeleteByKey":
    case "TransactWrite":
      return Promise.reject(unsupportedKeyValue(op.kind));
    default:
      return assertNever(op, "operation kind");
  }
}
