import { assertNever, type ExecResponse, type Operation, UnsupportedError } from "@strata/core";
import { runInsert } from "./insert.ts";
import { runQuery } from "./query.ts";
import type { MysqlSession } from "./session.ts";
import { runTransaction } from "./transaction.ts";

/** Runs one operation on the session; every failure leaves as a Strata error. */
export function runOperation(session: MysqlSession, op: Operation): Promise<ExecResponse> {
  switch (op.kind) {
    case "QuerySql":
      return runQuery(session, op, tableOf(op));
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
      return Promise.reject(
        new UnsupportedError(
          "sql",
          `sql backends take SQL operations (QuerySql, Insert, Transaction), not ${op.kind}; plan the query for Capability.sql`,
        ),
      );
    default:
      return assertNever(op, "operation kind");
  }
}

/** The table an operation writes or reads, for error messages and index lookups. */
export function tableOf(op: Operation): string | undefined {
  if (op.kind === "Insert") return op.table;
  if (op.kind !== "QuerySql") return undefined;
  const s = op.statement;
  if (s.kind !== "Select") return s.table.name;
  return s.from.kind === "Table" ? s.from.name : undefined;
}
