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
  /** The `version` of each versioned item when the transaction first read it (optimistic checks). */
  readonly versions = new Map<string, unknown>();
  constructor(readonly readOnly: boolean) {}

  /** Keeps the first version seen of an item. */
  remember(item: string, version: unknown): void {
    if (!this.versions.has(item)) this.versions.set(item, version);
  }

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
