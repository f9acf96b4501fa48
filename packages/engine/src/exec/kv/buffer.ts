import {
  type ConditionCheck,
  type DeleteByKey,
  type PutItem,
  ReadOnlyTransactionError,
  type UpdateByKey,
} from "@strata/core";

export type BufferedWrite = PutItem | UpdateByKey | DeleteByKey | ConditionCheck;

/**
 * A key-value transaction: reads run at once, writes wait here and go out as
 * one TransactWrite at commit (all or nothing). A read-only transaction
 * refuses every write before any I/O.
 */
export class KvWriteBuffer {
  readonly items: BufferedWrite[] = [];
  constructor(readonly readOnly: boolean) {}

  add(items: readonly BufferedWrite[]): void {
    if (this.readOnly) {
      throw new ReadOnlyTransactionError(
        "This transaction is read-only (readOnly: true); the write was refused and nothing was written.",
      );
    }
    this.items.push(...items);
  }

  /** For a nested transaction: everything added after `mark` is dropped when it fails. */
  mark(): number {
    return this.items.length;
  }

  rollbackTo(mark: number): void {
    this.items.length = mark;
  }
}
