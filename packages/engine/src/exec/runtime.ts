import type { Capability, ExecResponse, Mapping, Operation, Row, StreamOptions } from "@strata/core";
import {
  ArithmeticError,
  ConnectionLostError,
  DriverError,
  ForeignKeyViolationError,
  isWriteOperation,
  StrataError,
  TransactionOutcomeUnknownError,
  UniqueViolationError,
} from "@strata/core";
import { arithmeticRangeMessage } from "../lower/arithmetic.ts";
import type { KvWriteBuffer } from "./kv/buffer.ts";

/** Where operations go: the driver (autocommit) or a reserved connection (inside a transaction). */
export interface ExecTarget {
  exec(op: Operation): Promise<ExecResponse>;
  /** Synchronous drivers only: runs at once, or `undefined` (nothing ran) when it cannot now. */
  execNow?(op: Operation): ExecResponse | undefined;
  streamPages(op: Operation, options: StreamOptions): AsyncIterable<Row[]>;
}

/** What the exec phase needs at run time. */
export interface Runtime {
  target: ExecTarget;
  mapping: Mapping;
  capability: Capability;
  /** A model's id fields (key-value plans address items by them). */
  idFields(model: string): readonly string[];
  /** Inside a transaction (its session rolls back what a lost connection interrupted; the commit decides the outcome). */
  readonly inTransaction: boolean;
  /** Inside a key-value transaction: where writes wait for the commit. */
  readonly kvWrites: KvWriteBuffer | null;
  /** Runs `fn` atomically: in a new transaction, or a savepoint inside the current one. */
  atomic<T>(fn: (rt: Runtime) => Promise<T>): Promise<T>;
}

export async function execOp(rt: Runtime, op: Operation): Promise<ExecResponse> {
  try {
    return await rt.target.exec(op);
  } catch (err) {
    const error = enrichError(rt.mapping, err, op);
    throw rt.inTransaction ? error : outcomeOf(error, op);
  }
}

/**
 * What a lost connection means for this operation: where a write or COMMIT
 * may have reached the server, its outcome is unknown (never retryable);
 * otherwise the ConnectionLostError stands (retryable: nothing was applied).
 */
export function outcomeOf(err: unknown, op: Operation): unknown {
  if (!(err instanceof ConnectionLostError) || !err.requestSent || !isWriteOperation(op)) return err;
  const what = op.kind === "Transaction" ? "COMMIT" : "the write";
  return new TransactionOutcomeUnknownError(
    `The connection was lost after ${what} was sent, so whether it was applied is unknown; it is not retried automatically (it could apply twice). Check the data before repeating it. (${err.message})`,
    { cause: err, backendCode: err.backendCode },
  );
}

/**
 * Drivers report constraint errors by table and columns; the engine names the
 * model and fields through the mapping. Anything that is not a StrataError is
 * wrapped so users only ever see Strata's error family.
 */
export function enrichError(mapping: Mapping, err: unknown, op?: Operation): unknown {
  if (err instanceof ArithmeticError && err.model === undefined && op) return nameArithmetic(mapping, err, op);
  if (err instanceof UniqueViolationError || err instanceof ForeignKeyViolationError) {
    const model = err.table === undefined ? undefined : mapping.modelOf.get(err.table);
    if (model) {
      err.model = model;
      if (err instanceof UniqueViolationError) {
        const fields = mapping.fieldOf.get(err.table!);
        err.fields = err.columns.map((c) => fields?.get(c) ?? c);
      }
    }
    return err;
  }
  if (err instanceof StrataError) return err;
  return new DriverError(err instanceof Error ? err.message : String(err), { cause: err });
}

/**
 * A find-then-write upsert races with a concurrent one of the same new key:
 * both find nothing, both create, one fails on the unique index. Outside a
 * transaction that one is run again (once): the row now exists, so it
 * updates. Inside a transaction the failure stands (it doomed the
 * transaction); backends with a native upsert never get here.
 */
export async function upsertOnce<T>(rt: Runtime, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (err) {
    if (rt.inTransaction || !(err instanceof UniqueViolationError)) throw err;
    return attempt();
  }
}

/**
 * The backend says a value went out of range, and sometimes which column;
 * the statement's checked arithmetic says which columns it computes and in
 * what range. Together they name the model and field.
 */
function nameArithmetic(mapping: Mapping, err: ArithmeticError, op: Operation): ArithmeticError {
  if (op.kind !== "QuerySql") return err;
  const statement = op.statement;
  if (statement.kind !== "UpdateStatement" && statement.kind !== "InsertStatement") return err;
  const set = statement.kind === "UpdateStatement" ? statement.set : (statement.onConflict?.set ?? []);
  const table = statement.table.name;
  const model = mapping.modelOf.get(table);
  const checked = set.flatMap((a) => (a.value.kind === "Arithmetic" && a.value.range ? [a.value.range] : []));
  const hit = checked.find((r) => r.column === err.column) ?? (checked.length === 1 ? checked[0] : undefined);
  const field = hit === undefined ? undefined : (mapping.fieldOf.get(table)?.get(hit.column) ?? hit.column);
  const message =
    hit === undefined
      ? `An update's arithmetic on ${model ?? table} (${checked.map((r) => r.column).join(", ")}) went out of range; nothing was written.`
      : arithmeticRangeMessage(model ?? table, field!, hit.type);
  return new ArithmeticError(
    message,
    { table, column: hit?.column ?? err.column, model, field },
    { cause: err.cause ?? err, backendCode: err.backendCode },
  );
}
