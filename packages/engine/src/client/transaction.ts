import {
  type Capability,
  type Connection,
  describeValue,
  type ExecResponse,
  isRetryable,
  MAX_TIMER_MS,
  type Mapping,
  type Operation,
  type Row,
  retryPolicyIssues,
  type StreamOptions,
  TransactionAbortedError,
  TransactionClosedError,
  TransactionTimeoutError,
  UnsupportedError,
  ValidationError,
  type ValidationIssue,
} from "@strata/core";
import type { KvWriteBuffer } from "../exec/kv/buffer.ts";
import { type ExecTarget, enrichError } from "../exec/runtime.ts";
import type { TransactionOptions } from "../types/index.ts";
import type { TxControl } from "./transaction-flow.ts";

/**
 * The life of one top-level transaction, shared by its nested savepoints:
 * the deadline, the operations in flight on its session, and whether it is
 * still open to them.
 */
export class TransactionState {
  /** Set once `timeoutMs` elapsed before the commit was sent. */
  expired: TransactionTimeoutError | null = null;
  /** No operation of a call may run any more: the commit or rollback is under way. */
  closed = false;
  readonly root: TxScope;
  private readonly deadline: number;
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private rejectExpired: ((err: TransactionTimeoutError) => void) | undefined;
  private savepoints = 0;
  private cancelling: Promise<void> | undefined;

  /** The reserved session (SQL backends), or null where writes are buffered (key-value backends). */
  readonly connection: Connection | null;
  readonly kvWrites: KvWriteBuffer | null;
  /** Where the transaction's operations go (the reserved session, or the driver for buffered transactions). */
  readonly session: ExecTarget;
  readonly control: TxControl;
  readonly timeoutMs: number | undefined;

  constructor(setup: {
    connection: Connection | null;
    kvWrites: KvWriteBuffer | null;
    session: ExecTarget;
    control: TxControl;
    timeoutMs: number | undefined;
  }) {
    this.connection = setup.connection;
    this.kvWrites = setup.kvWrites;
    this.session = setup.session;
    this.control = setup.control;
    this.timeoutMs = setup.timeoutMs;
    const timeoutMs = setup.timeoutMs;
    this.root = new TxScope(this, null);
    this.deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs;
  }

  nextSavepoint(): string {
    return `strata_sp_${++this.savepoints}`;
  }

  /**
   * Settles like `work`, or rejects with the timeout error as soon as the
   * deadline passes (whatever `work` is still doing: its operations are
   * refused from then on and the running one is cancelled).
   */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.timeoutMs === undefined) return work;
    const expired = new Promise<never>((_, reject) => {
      this.rejectExpired = reject;
      if (this.expired) reject(this.expired);
    });
    this.timer = setTimeout(() => this.expire(), Math.max(0, this.deadline - performance.now()));
    return Promise.race([work, expired]);
  }

  /** Throws the timeout error once the deadline has passed (checked before every operation and before commit). */
  checkDeadline(): void {
    if (this.expired === null && !this.closed && performance.now() >= this.deadline) this.expire();
    if (this.expired) throw this.expired;
  }

  /** From here on the timeout no longer applies: the commit is about to be sent (or the rollback). */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  /** Runs `op` as one of this transaction's operations in flight (a timeout cancels it, the end waits for it). */
  track<T>(op: Promise<T>): Promise<T> {
    this.inFlight.add(op);
    const settle = () => this.inFlight.delete(op);
    op.then(settle, settle);
    return op;
  }

  /**
   * Resolves once no operation is in flight and a cancel sent by the timeout
   * has been delivered (so it can never land on the rollback, or on the next
   * user of the pooled session).
   */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.cancelling;
  }

  private expire(): void {
    if (this.expired || this.closed) return;
    const ms = this.timeoutMs ?? 0;
    this.expired = new TransactionTimeoutError(
      `The transaction ran longer than timeoutMs (${ms} ms): its running statement was cancelled and everything it did was rolled back. Nothing was committed.`,
      ms,
    );
    clearTimeout(this.timer);
    this.rejectExpired?.(this.expired);
    // The statement running now would otherwise go on (and, outside this transaction's control, could hold locks).
    if (this.inFlight.size > 0) this.cancelling = this.connection?.cancel?.().catch(() => undefined);
  }
}

/**
 * Where a scope stands:
 * - open: calls are taken and run in call order;
 * - ending: the callback returned; calls made before still run, new calls are refused;
 * - closing: the scope is being rolled back; calls not yet started and every operation are refused;
 * - closed: finished.
 */
type ScopePhase = "open" | "ending" | "closing" | "closed";

/**
 * One transaction or savepoint: its calls run one at a time, in the order
 * they were made, and a failed statement dooms it (later calls and the
 * commit reject with TransactionAbortedError).
 */
export class TxScope {
  phase: ScopePhase = "open";
  /** The first failure of a statement in this scope; the scope is doomed once it is set. */
  failure: { error: unknown } | undefined;
  /** A nested transaction's callback is running on top of this scope. */
  nestedRunning = false;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly state: TransactionState,
    readonly parent: TxScope | null,
  ) {}

  /** Runs `task` once every call made before it in this scope has settled. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    try {
      this.checkCall();
    } catch (err) {
      return Promise.reject(err);
    }
    const turn = () => {
      this.checkTurn();
      return task();
    };
    const result = this.tail.then(turn, turn);
    this.tail = result.then(noop, noop);
    return result;
  }

  /** Waits for every call made in this scope. */
  async drain(): Promise<void> {
    let seen: Promise<unknown> | undefined;
    while (seen !== this.tail) {
      seen = this.tail;
      await seen;
    }
  }

  /** When a call is made. */
  checkCall(): void {
    this.state.checkDeadline();
    if (this.phase !== "open" || this.state.closed) throw closedError();
    if (this.nestedRunning) {
      throw new TransactionClosedError(
        "This call was made on a transaction client while a nested transaction (tx.transaction) of it is running, so it cannot be ordered; nothing was run. Inside the nested callback use the client it receives; to run this after the nested transaction, await it first.",
      );
    }
    this.checkDoomed();
  }

  /** When a call's turn comes. */
  private checkTurn(): void {
    this.state.checkDeadline();
    if (this.phase === "closing" || this.phase === "closed" || this.state.closed) throw closedError();
    this.checkDoomed();
  }

  /** Before every operation sent on the transaction's session. */
  checkOp(): void {
    this.state.checkDeadline();
    if (this.phase === "closing" || this.phase === "closed" || this.state.closed) throw closedError();
    this.checkDoomed();
  }

  private checkDoomed(): void {
    if (this.failure) {
      throw new TransactionAbortedError(
        `An earlier statement in this transaction failed (${messageOf(this.failure.error)}), so the transaction is doomed: this call did nothing, and the transaction will be rolled back. Contain an expected failure in a nested tx.transaction(...).`,
        this.failure.error,
      );
    }
  }

  /**
   * A statement failed. A conflict or a lost connection ends the whole
   * transaction on every backend (MySQL rolls all of it back on a deadlock;
   * retrying a part of a conflicting transaction would not help), so it
   * dooms the enclosing scopes too; any other failure is contained by the
   * innermost savepoint.
   */
  doom(error: unknown): void {
    this.failure ??= { error };
    if (isRetryable(error)) this.parent?.doom(error);
  }
}

/** The session of a transaction as its calls see it: every operation is checked, tracked, and dooms the scope when it fails. */
export class TxTarget implements ExecTarget {
  constructor(
    readonly scope: TxScope,
    private readonly inner: ExecTarget,
    private readonly mapping: Mapping,
  ) {}

  exec(op: Operation): Promise<ExecResponse> {
    try {
      this.scope.checkOp();
    } catch (err) {
      return Promise.reject(err);
    }
    return this.scope.state.track(this.settle(this.inner.exec(op)));
  }

  streamPages(op: Operation, options: StreamOptions): AsyncIterable<Row[]> {
    this.scope.checkOp();
    const pages = this.inner.streamPages(op, options)[Symbol.asyncIterator]();
    const next = (): Promise<IteratorResult<Row[]>> => {
      try {
        this.scope.checkOp();
      } catch (err) {
        return (pages.return?.() ?? Promise.resolve()).then(() => Promise.reject(err));
      }
      return this.scope.state.track(this.settle(pages.next()));
    };
    return {
      [Symbol.asyncIterator]: () => ({
        next,
        return: async () => (await pages.return?.()) ?? { done: true, value: undefined },
      }),
    };
  }

  /** A failure dooms the scope; once the transaction expired, its timeout is the only outcome (a late result is discarded). */
  private async settle<T>(work: Promise<T>): Promise<T> {
    const state = this.scope.state;
    let result: T;
    try {
      result = await work;
    } catch (err) {
      if (state.expired) throw state.expired;
      const error = enrichError(this.mapping, err);
      this.scope.doom(error);
      throw error;
    }
    if (state.expired) throw state.expired;
    return result;
  }
}

/** Refuses options that are malformed or that the backend cannot honour (instead of silently downgrading), before any I/O. */
export function checkTransactionOptions(capability: Capability, options: unknown, nested: boolean): TransactionOptions {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new ValidationError(
      [{ path: [], message: `expected an options object, got ${describeValue(options)}` }],
      "transaction options",
    );
  }
  const o = options as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const known = new Set(["isolation", "readOnly", "retry", "timeoutMs"]);
  for (const key of Object.keys(o)) {
    if (!known.has(key))
      issues.push({ path: [key], message: `unknown option; expected one of ${[...known].join(", ")}` });
  }
  const { isolation, readOnly, retry, timeoutMs } = o;
  if (timeoutMs !== undefined && !(typeof timeoutMs === "number" && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
    issues.push({
      path: ["timeoutMs"],
      message: `expected a number of milliseconds above 0 and at most ${MAX_TIMER_MS}, got ${describeValue(timeoutMs)}`,
    });
  }
  if (readOnly !== undefined && typeof readOnly !== "boolean") {
    issues.push({ path: ["readOnly"], message: `expected true or false, got ${describeValue(readOnly)}` });
  }
  if (isolation !== undefined && typeof isolation !== "string") {
    issues.push({ path: ["isolation"], message: `expected an isolation level name, got ${describeValue(isolation)}` });
  }
  if (retry !== undefined) issues.push(...retryPolicyIssues(retry, ["retry"]));
  if (nested) {
    for (const key of ["isolation", "readOnly", "retry", "timeoutMs"] as const) {
      if (o[key] !== undefined) {
        issues.push({
          path: [key],
          message:
            "a nested transaction (a savepoint) runs inside the outer one and takes no options; set it on the outermost db.transaction",
        });
      }
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, "transaction options");
  const checked = o as TransactionOptions;
  if (!nested) checkCapability(capability, checked);
  return checked;
}

function checkCapability(capability: Capability, options: TransactionOptions): void {
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

function closedError(): TransactionClosedError {
  return new TransactionClosedError(
    "This transaction has finished (or is finishing): the call did nothing. A call on a transaction client after its callback returned cannot run; use the outer client, or await the work inside the callback.",
  );
}

function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.split("\n", 1)[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function noop(): void {}
