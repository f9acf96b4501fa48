import {
  type Capability,
  type Connection,
  type Mapping,
  type Operation,
  TransactionAbortedError,
  UnsupportedError,
} from "@strata/core";
import type { KvWriteBuffer } from "../exec/kv/buffer.ts";
import { type ExecTarget, enrichError, outcomeOf } from "../exec/runtime.ts";
import { type TransactionState, TxScope } from "./transaction.ts";

/** A savepoint's two ways out. */
export interface Savepoint {
  release(): Promise<unknown>;
  undo(): Promise<unknown>;
}

/** How a backend ends a transaction: COMMIT/ROLLBACK on a session, or one TransactWrite of the buffered writes. */
export interface TxControl {
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Opens a savepoint through `target` (the enclosing scope's view of the session); null where nothing can contain a failure. */
  savepoint(target: ExecTarget, state: TransactionState): Promise<Savepoint | null>;
}

/** Transactions on a reserved SQL session. */
export function sessionControl(connection: Connection, capability: Capability, mapping: Mapping): TxControl {
  const control = (op: Operation) => connection.exec(op);
  return {
    async commit() {
      const op: Operation = { kind: "Transaction", action: "commit" };
      try {
        await control(op);
      } catch (err) {
        throw outcomeOf(enrichError(mapping, err), op);
      }
    },
    async rollback() {
      await control({ kind: "Transaction", action: "rollback" }).catch(() => undefined);
    },
    async savepoint(target, state) {
      if (!capability.savepoints) return null;
      const name = state.nextSavepoint();
      await target.exec({ kind: "Transaction", action: "savepoint", name });
      return {
        release: () => target.exec({ kind: "Transaction", action: "releaseSavepoint", name }),
        undo: () => target.exec({ kind: "Transaction", action: "rollbackToSavepoint", name }),
      };
    },
  };
}

/** Transactions whose writes wait in a buffer and go out as one atomic TransactWrite at commit. */
export function bufferedControl(
  buffer: KvWriteBuffer,
  capability: Capability,
  send: (op: Operation) => Promise<unknown>,
): TxControl {
  return {
    async commit() {
      if (buffer.items.length === 0) return;
      const max = capability.maxItemsPerTransaction;
      if (buffer.items.length > max) {
        throw new UnsupportedError(
          "maxItemsPerTransaction",
          `This transaction buffered ${buffer.items.length} writes, but the backend commits at most ${max} atomically; nothing was written. Split it into smaller transactions.`,
        );
      }
      await send({ kind: "TransactWrite", items: buffer.items });
    },
    async rollback() {
      buffer.rollbackTo(0);
    },
    async savepoint() {
      const mark = buffer.mark();
      return { release: async () => undefined, undo: async () => buffer.rollbackTo(mark) };
    },
  };
}

/**
 * Runs a top-level transaction's callback, waits for the calls it started,
 * and commits only when nothing failed and the deadline has not passed;
 * otherwise it rolls back after the operations in flight have settled (a
 * timed-out one is cancelled first) and rejects.
 */
export async function runTransaction<T>(state: TransactionState, fn: () => Promise<T>): Promise<T> {
  const { root, control } = state;
  let value: T;
  try {
    value = await state.race(runScope(root, fn));
    state.checkDeadline();
  } catch (err) {
    root.phase = "closing";
    state.close();
    await state.idle();
    await control.rollback();
    root.phase = "closed";
    throw state.expired ?? err;
  }
  state.close();
  await state.idle();
  try {
    await control.commit();
  } catch (err) {
    await control.rollback();
    throw err;
  } finally {
    root.phase = "closed";
  }
  return value;
}

/**
 * A nested transaction: one call of the enclosing scope (so it waits for the
 * calls made before it, and the calls made after it wait for it), run under
 * a savepoint that a failure inside rolls back.
 */
export function runSavepoint<T>(
  parent: TxScope,
  parentTarget: ExecTarget,
  fn: (scope: TxScope) => Promise<T>,
): Promise<T> {
  return parent.enqueue(async () => {
    const savepoint = await parent.state.control.savepoint(parentTarget, parent.state);
    const child = new TxScope(parent.state, parent);
    parent.nestedRunning = true;
    let value: T;
    try {
      value = await runScope(child, () => fn(child));
    } catch (err) {
      parent.nestedRunning = false;
      child.phase = "closing";
      await parent.state.idle();
      // Without a savepoint nothing contains the failure: the whole transaction is doomed.
      if (savepoint) await savepoint.undo().catch((undoError: unknown) => parent.doom(undoError));
      else parent.doom(err);
      child.phase = "closed";
      throw err;
    }
    parent.nestedRunning = false;
    child.phase = "closed";
    await savepoint?.release();
    return value;
  });
}

/** The callback, then every call it started; a doomed scope rejects with TransactionAbortedError even when the callback resolved. */
async function runScope<T>(scope: TxScope, fn: () => Promise<T>): Promise<T> {
  let value: T;
  try {
    value = await fn();
  } catch (err) {
    scope.phase = "closing";
    throw err;
  }
  scope.phase = "ending";
  await scope.drain();
  if (scope.failure) {
    const cause = scope.failure.error;
    const what = cause instanceof Error ? cause.message.split("\n", 1)[0] : String(cause);
    throw new TransactionAbortedError(
      `A statement in this transaction failed (${what}); the failure was caught, but the transaction is doomed, so it was rolled back and nothing of it was committed. Contain an expected failure in a nested tx.transaction(...).`,
      cause,
    );
  }
  return value;
}
