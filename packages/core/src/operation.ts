import type { Expr, Statement } from "./ast/index.ts";
import type { IsolationLevel } from "./capability.ts";

/**
 * The Operation IR: the closed union that crosses from the engine to a driver.
 * Every consumer switches over `op.kind` exhaustively (see `assertNever`).
 */

// ---- SQL family -------------------------------------------------------------

/** One SQL statement as an AST plus its parameter values (already in storage form). */
export interface QuerySql {
  readonly kind: "QuerySql";
  readonly statement: Statement;
  readonly params: readonly unknown[];
  /** "rows": the caller wants rows; "affected": only the count of changed rows. */
  readonly result: "rows" | "affected";
  /** The statement reads 64-bit integers that must not lose precision. */
  readonly bigints?: boolean;
  /** The caller uses only the first row (a unique or first read): a driver may stop reading after it. */
  readonly firstRowOnly?: boolean;
}

/** A multi-row insert; the driver chunks it by its parameter limit and keeps it atomic. */
export interface Insert {
  readonly kind: "Insert";
  readonly table: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  /** Columns to return per inserted row (needs Capability.returning), as `alias ← column`. */
  readonly returning: readonly { column: string; alias: string }[];
  readonly bigints?: boolean;
}

// ---- Key-value family ---------------------------------------------------------
//
// Attribute names are column names of the db schema; values are in storage
// form. A `filter` is a statement-AST expression over Column and Param nodes
// (Param/ParamList indexes point into `filterParams`) using only Compare, And,
// Or, Not, IsNull, InList and Literal; the engine evaluates anything else in
// memory.

export type KeyValue = Readonly<Record<string, unknown>>;

/**
 * Batched point reads. Each key is either the full primary key or one
 * single-field unique key (the driver resolves unique keys through its unique
 * index items, consistently). Rows come back in any order; missing keys are
 * simply absent.
 */
export interface GetByKey {
  readonly kind: "GetByKey";
  readonly table: string;
  readonly keys: readonly KeyValue[];
  readonly projection?: readonly string[];
}

export interface SortKeyCondition {
  readonly attribute: string;
  readonly op: "=" | "<" | "<=" | ">" | ">=" | "between" | "beginsWith";
  readonly values: readonly unknown[];
}

/** All items of one partition (optionally a sort-key range), paged until `limit` matching items or the end. */
export interface QueryPk {
  readonly kind: "QueryPk";
  readonly table: string;
  readonly partition: { readonly attribute: string; readonly value: unknown };
  readonly sort?: SortKeyCondition;
  readonly filter?: Expr;
  readonly filterParams?: readonly unknown[];
  /** Most items to return after filtering. */
  readonly limit?: number;
  readonly descending?: boolean;
}

/** The same on a secondary index (a GSI named by the db schema's index name). */
export interface QueryIndex extends Omit<QueryPk, "kind"> {
  readonly kind: "QueryIndex";
  readonly index: string;
}

/** Every item of the table (paged), optionally filtered; only planned when the user allowed scans. */
export interface Scan {
  readonly kind: "Scan";
  readonly table: string;
  readonly filter?: Expr;
  readonly filterParams?: readonly unknown[];
  readonly limit?: number;
}

/**
 * Writes one item. With condition "notExists" a present key fails with
 * UniqueViolationError. The driver keeps unique index items in step, in the
 * same transaction.
 */
export interface PutItem {
  readonly kind: "PutItem";
  readonly table: string;
  readonly item: KeyValue;
  readonly condition?: "notExists";
}

/**
 * Changes one item: `set` attributes, `add` numbers (increments), `remove`
 * attributes (set to null). With condition "exists" a missing key changes
 * nothing and returns no row (rowsAffected 0). Returns the new item.
 */
export interface UpdateByKey {
  readonly kind: "UpdateByKey";
  readonly table: string;
  readonly key: KeyValue;
  readonly set: KeyValue;
  readonly add?: KeyValue;
  readonly remove?: readonly string[];
  readonly condition?: "exists";
  /**
   * The item must still match this filter (the language of QueryPk filters)
   * when the write lands, checked by the write itself; otherwise nothing
   * changes and no row comes back (rowsAffected 0). Inside a TransactWrite a
   * failed filter cancels the whole write as a conflict.
   */
  readonly filter?: Expr;
  readonly filterParams?: readonly unknown[];
  /**
   * Optimistic check: these attributes must still hold these values (null:
   * absent) when the write lands; otherwise it fails with
   * SerializationFailureError (honoured inside TransactWrite).
   */
  readonly expect?: KeyValue;
}

/** Deletes one item; returns the old item, or no row (rowsAffected 0) when it was missing. */
export interface DeleteByKey {
  readonly kind: "DeleteByKey";
  readonly table: string;
  readonly key: KeyValue;
  /** As UpdateByKey.filter: the item must still match it, else nothing is deleted (rowsAffected 0). */
  readonly filter?: Expr;
  readonly filterParams?: readonly unknown[];
}

/** Inside a TransactWrite: the item's `attribute` must still equal `equals` (optimistic check). */
export interface ConditionCheck {
  readonly kind: "ConditionCheck";
  readonly table: string;
  readonly key: KeyValue;
  readonly attribute: string;
  readonly equals: unknown;
}

/** Up to Capability.maxItemsPerTransaction writes, all or nothing. */
export interface TransactWrite {
  readonly kind: "TransactWrite";
  readonly items: readonly (PutItem | UpdateByKey | DeleteByKey | ConditionCheck)[];
}

// ---- Both -------------------------------------------------------------------

export type TransactionAction =
  | { readonly action: "begin"; readonly isolation?: IsolationLevel; readonly readOnly?: boolean }
  | { readonly action: "commit" }
  | { readonly action: "rollback" }
  | { readonly action: "savepoint"; readonly name: string }
  | { readonly action: "releaseSavepoint"; readonly name: string }
  | { readonly action: "rollbackToSavepoint"; readonly name: string };

export type Transaction = { readonly kind: "Transaction" } & TransactionAction;

export type Operation =
  | QuerySql
  | Insert
  | GetByKey
  | QueryPk
  | QueryIndex
  | Scan
  | PutItem
  | UpdateByKey
  | DeleteByKey
  | TransactWrite
  | Transaction;

export type OperationKind = Operation["kind"];

export type Row = Record<string, unknown>;

export interface ExecResponse {
  readonly rows: Row[];
  readonly rowsAffected: number;
  /** The id the database assigned to the last inserted row (backends without RETURNING). */
  readonly lastInsertId?: number | bigint;
}

/**
 * Whether the operation can change data (and so, if its reply is lost, may
 * have been applied). COMMIT counts: it applies everything before it.
 */
export function isWriteOperation(op: Operation): boolean {
  switch (op.kind) {
    case "QuerySql":
      return op.statement.kind !== "Select";
    case "Insert":
    case "PutItem":
    case "UpdateByKey":
    case "DeleteByKey":
    case "TransactWrite":
      return true;
    case "Transaction":
      return op.action === "commit";
    case "GetByKey":
    case "QueryPk":
    case "QueryIndex":
    case "Scan":
      return false;
    default:
      return assertNever(op, "operation");
  }
}

/** Compile-time exhaustiveness: call in the `default` branch of a switch over a closed union. */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
