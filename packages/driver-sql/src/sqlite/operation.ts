import { assertNever, type ExecResponse, type Operation, UnsupportedError } from "@strata/core";
import { classifySqliteError } from "./errors.ts";
import { runInsert } from "./insert.ts";
import { runQuery } from "./query.ts";
import type { SqliteSession } from "./session.ts";
import { runTransaction } from "./transaction.ts";

/** Runs one operation synchronously on the session; every failure leaves as a Strata error. */
export function runOperation(session: SqliteSession, op: Operation): ExecResponse {
  try {
    return dispatch(session, op);
  } catch (err) {
    throw classifySqliteError(err, { table: tableOf(op) });
  }
}

function dispatch(session: SqliteSession, op: Operation): ExecResponse {
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
      throw unsupportedKeyValue(op.kind);
    default:
      return assertNever(op, "operation kind");
  }
}

export function unsupportedKeyValue(kind: string): UnsupportedError {
  return new UnsupportedError(
    "sql",
    `sql backends take SQL operations (QuerySql, Insert, Transaction), not ${kind}; plan the query for Capability.sql`,
  );
}

/** The table an operation writes or reads, for error messages. */
export function tableOf(op: Operation): string | undefined {
  switch (op.kind) {
    case "QuerySql":
      return op.statement.kind === "Select"
        ? op.statement.from.kind === "Table"
          ? op.statement.from.name
          : undefined
        : op.statement.table.name;
    case "Insert":
      return op.table;
    default:
      return undefined;
  }
}
