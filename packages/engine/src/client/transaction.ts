import { type Capability, type Connection, StrataError, UnsupportedError } from "@strata/core";
import type { KvWriteBuffer } from "../exec/kv/buffer.ts";
import type { TransactionOptions } from "../types/index.ts";

/** The life of one top-level transaction, shared by its nested savepoints. */
export class TransactionState {
  done = false;
  private savepoints = 0;
  /** The reserved connection (SQL backends), or null where writes are buffered (key-value backends). */
  constructor(
    readonly connection: Connection | null,
    readonly kvWrites: KvWriteBuffer | null = null,
  ) {}

  nextSavepoint(): string {
    this.savepoints++;
    return `strata_sp_${this.savepoints}`;
  }

  assertOpen(): void {
    if (this.done) {
      throw new StrataError(
        "This transaction has already finished (committed or rolled back); a query on its client after the callback returned cannot run. Use the outer client, or keep the work inside the callback.",
      );
    }
  }
}

/** Refuses options the backend cannot honour, instead of silently downgrading. */
export function checkTransactionOptions(capability: Capability, options: TransactionOptions): void {
  if (!capability.interactiveTransactions) {
    // Buffered transactions: the engine enforces read-only itself, but reads are not isolated at any level.
    if (options.isolation) {
      throw new UnsupportedError(
        "interactiveTransactions",
        `Isolation "${options.isolation}" cannot be honoured here: transactions on this backend buffer their writes into one atomic commit, and their reads run at once without isolation. Omit isolation (see docs/transactions.md).`,
      );
    }
    return;
  }
  if (options.isolation && !capability.isolationLevels.includes(options.isolation)) {
    throw new UnsupportedError(
      "isolationLevels",
      `Isolation "${options.isolation}" is not available on this backend; it offers: ${capability.isolationLevels.join(", ") || "none"}.`,
    );
  }
  if (options.readOnly && !capability.readOnlyTransactions) {
    throw new UnsupportedError(
      "readOnlyTransactions",
      "Read-only transactions are not available on this backend; run the reads without a transaction.",
    );
  }
}

/** Rejects after `ms`, marking the transaction finished so no later query slips in. */
export function withTimeout<T>(work: Promise<T>, ms: number | undefined, state: TransactionState): Promise<T> {
  if (ms === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      state.done = true;
      reject(new StrataError(`The transaction took longer than timeoutMs (${ms} ms) and was rolled back.`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
