import {
  type ConditionCheck,
  type DeleteByKey,
  type PutItem,
  ReadOnlyTransactionError,
  UnsupportedError,
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
  /** The item each buffered write touches (table and key), in step with `items`. */
  private readonly targets: string[] = [];
  /** The `version` of each versioned item when the transaction first read it (optimistic checks). */
  readonly versions = new Map<string, unknown>();
  constructor(
    readonly readOnly: boolean,
    /** A table's key attributes (to know which item a put writes). */
    private readonly keyOf: (table: string) => readonly string[],
  ) {}

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
    const targets = items.map((item) => this.target(item));
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i]!;
      if (this.targets.includes(target) || targets.indexOf(target) !== i) {
        throw new UnsupportedError(
          "interactiveTransactions",
          `This transaction already writes the ${items[i]!.table} item ${target.slice(target.indexOf("\u0001") + 1)}: its writes are sent as one DynamoDB TransactWriteItems at commit, which cannot touch one item twice. The write was refused and nothing was buffered. Make one write with both changes, or commit the first in a transaction of its own.`,
        );
      }
    }
    this.items.push(...items);
    this.targets.push(...targets);
  }

  private target(item: BufferedWrite): string {
    const key = item.kind === "PutItem" ? item.item : item.key;
    const parts = this.keyOf(item.table).map((column) => {
      const value = key[column];
      return typeof value === "bigint" ? `${value}n` : JSON.stringify(value ?? null);
    });
    return `${item.table}\u0001${parts.join(", ")}`;
  }

  /** For a nested transaction: everything added after `mark` is dropped when it fails. */
  mark(): number {
    return this.items.length;
  }

  rollbackTo(mark: number): void {
    this.items.length = mark;
    this.targets.length = mark;
  }
}
