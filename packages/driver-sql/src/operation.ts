import {
  assertNever,
  type Insert,
  type Operation,
  type OperationKind,
  type QuerySql,
  type Transaction,
  UnsupportedError,
} from "@strata/core";

/** What a SQL driver does with each operation kind; key-value kinds share one answer. */
export interface SqlOperationHandlers<T> {
  query(op: QuerySql): T;
  insert(op: Insert): T;
  transaction(op: Transaction): T;
  keyValue(kind: Exclude<OperationKind, "QuerySql" | "Insert" | "Transaction">): T;
}

/** The one exhaustive switch over the Operation union for the SQL drivers (run, describe, ...). */
export function onSqlOperation<T>(op: Operation, h: SqlOperationHandlers<T>): T {
  switch (op.kind) {
    case "QuerySql":
      return h.query(op);
    case "Insert":
      return h.insert(op);
    case "Transaction":
      return h.transaction(op);
    case "GetByKey":
    case "QueryPk":
    case "QueryIndex":
    case "Scan":
    case "PutItem":
    case "UpdateByKey":
    case "DeleteByKey":
    case "TransactWrite":
      return h.keyValue(op.kind);
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

/** How explain shows a key-value operation handed to a SQL driver. */
export function describeKeyValue(driver: string) {
  return (kind: string) => `${kind} (not supported by the ${driver} driver)`;
}

/** The table an operation writes or reads, for error messages and index lookups. */
export function tableOf(op: Operation): string | undefined {
  if (op.kind === "Insert") return op.table;
  if (op.kind !== "QuerySql") return undefined;
  const s = op.statement;
  if (s.kind !== "Select") return s.table.name;
  return s.from.kind === "Table" ? s.from.name : undefined;
}
