import type { Driver, IsolationLevel, RetryPolicy } from "@strata/core";
import type { ModelDelegate } from "./delegate.ts";
import type { TypeMapShape } from "./map.ts";

export interface TransactionOptions {
  isolation?: IsolationLevel;
  /** A write inside throws ReadOnlyTransactionError. */
  readOnly?: boolean;
  /** Re-run the whole function on a retryable error (the engine never retries on its own). */
  retry?: RetryPolicy;
  timeoutMs?: number;
}

/** One delegate per model, named with a lower-case first letter (`TodoList` → `todoList`). */
export type ModelDelegates<TM extends TypeMapShape> = {
  readonly [K in keyof TM["models"] & string as Uncapitalize<K>]: ModelDelegate<TM, TM["models"][K]>;
};

export interface ClientMethods<TM extends TypeMapShape> {
  /** Runs `fn` in a transaction; a nested call is a savepoint. */
  transaction<R>(fn: (tx: StrataClient<TM>) => Promise<R>, options?: TransactionOptions): Promise<R>;
  /**
   * Runs `fn` with a client whose queries all use one physical connection
   * (session state, temp tables, advisory locks), outside any transaction.
   */
  pin<R>(fn: (db: StrataClient<TM>) => Promise<R>): Promise<R>;
  /** Development: create or align tables (and indexes) to the schema. */
  push(): Promise<void>;
  close(): Promise<void>;
  readonly driver: Driver;
}

/** The typed client for a generated `StrataTypeMap`. */
export type StrataClient<TM extends TypeMapShape> = ModelDelegates<TM> & ClientMethods<TM>;
