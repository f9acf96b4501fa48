import {
  type Connection,
  type Driver,
  describeValue,
  MAX_TIMER_MS,
  type Row,
  retry,
  UnsupportedError,
  ValidationError,
} from "@strata/core";
import { execPlan } from "../exec/index.ts";
import { KvWriteBuffer } from "../exec/kv/buffer.ts";
import { streamKv } from "../exec/kv/stream.ts";
import { bind, loadIncludes, strip } from "../exec/read.ts";
import { type ExecTarget, enrichError, execOp, type Runtime } from "../exec/runtime.ts";
import { Query, type QueryRunner } from "../query/query.ts";
import { RowStream } from "../query/row-stream.ts";
import { lowerFirst, type Op } from "../simplify/index.ts";
import type { Explain, TransactionOptions } from "../types/index.ts";
import type { Engine } from "./engine.ts";
import { checkTransactionOptions, TransactionState, type TxScope, TxTarget } from "./transaction.ts";
import { bufferedControl, runSavepoint, runTransaction, sessionControl } from "./transaction-flow.ts";

const QUERY_METHODS = [
  "findMany",
  "findFirst",
  "findFirstOrThrow",
  "findUnique",
  "findUniqueOrThrow",
  "count",
  "create",
  "createMany",
  "update",
  "updateMany",
  "upsert",
  "delete",
  "deleteMany",
] as const satisfies readonly Op[];

type Delegate = Record<(typeof QUERY_METHODS)[number], (args?: unknown) => Query<unknown>> & {
  stream(args?: unknown): AsyncIterable<Row>;
};

/** A client bound to one place to run: the driver, or a transaction's connection. */
export class ClientRuntime implements Runtime, QueryRunner {
  readonly mapping;
  readonly inTransaction: boolean;
  constructor(
    readonly engine: Engine,
    readonly target: ExecTarget,
    /** The transaction or savepoint this client's calls belong to. */
    readonly scope: TxScope | null,
    /** Inside db.pin: transactions begin on this connection instead of a new one. */
    readonly pinned: Connection | null = null,
  ) {
    this.mapping = engine.mapping;
    this.inTransaction = scope !== null;
  }

  get driver(): Driver {
    return this.engine.driver;
  }

  get capability() {
    return this.engine.driver.capability;
  }

  get kvWrites() {
    return this.scope?.state.kvWrites ?? null;
  }

  idFields(model: string): readonly string[] {
    return this.engine.schema.model(model).def.id;
  }

  /** Plans without running (a Query's `.explain()`). */
  async explain(model: string, op: Op, rawArgs: unknown): Promise<Explain> {
    const split = splitAllowScan(rawArgs, this.engine.allowScan);
    return this.engine.explain(model, op, split.args, split.allowScan);
  }

  run(model: string, op: Op, rawArgs: unknown): Promise<unknown> {
    try {
      this.scope?.checkCall();
      const { args, allowScan } = splitAllowScan(rawArgs, this.engine.allowScan);
      const { plan, values } = this.engine.prepare(model, op, args, allowScan);
      // Inside a transaction, calls take turns in the order they were made.
      if (this.scope) return this.scope.enqueue(() => execPlan(this, plan.plan, values, model));
      return execPlan(this, plan.plan, values, model);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * Runs a read-then-write plan atomically. Inside a transaction the plan is
   * already one call of it (the transaction is the unit); outside, it gets a
   * transaction of its own.
   */
  async atomic<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
    if (this.scope) return fn(this);
    return this.begin((rt) => fn(rt), {});
  }

  /** Transaction control ops bypass execOp: their failures get the same classification (never a raw driver error). */
  private readonly classify = (err: unknown): never => {
    throw enrichError(this.mapping, err);
  };

  /** Runs `fn` in a transaction, or in a savepoint when one is already open. Options are checked before any I/O. */
  async transaction<T>(fn: (rt: ClientRuntime) => Promise<T>, rawOptions: unknown): Promise<T> {
    const options = checkTransactionOptions(this.capability, rawOptions, this.scope !== null);
    if (this.scope) return this.savepoint(this.scope, fn);
    if (options.retry) {
      const { retry: policy, ...rest } = options;
      return retry(() => this.begin(fn, rest), policy);
    }
    return this.begin(fn, options);
  }

  /**
   * A top-level transaction. SQL backends reserve a session and BEGIN;
   * backends without interactive transactions read at once and buffer the
   * writes into one TransactWrite at commit.
   */
  private async begin<T>(fn: (rt: ClientRuntime) => Promise<T>, options: TransactionOptions): Promise<T> {
    const { timeoutMs } = options;
    if (!this.capability.interactiveTransactions) {
      const kvWrites = new KvWriteBuffer(options.readOnly === true, (table) => this.engine.primaryKey(table));
      const control = bufferedControl(kvWrites, this.capability, (op) => execOp(this, op));
      const state = new TransactionState({ connection: null, kvWrites, session: this.target, control, timeoutMs });
      return runTransaction(state, () => fn(this.within(state.root)));
    }
    const connection = this.pinned ?? (await this.driver.connect().catch(this.classify));
    try {
      await connection.exec({ kind: "Transaction", action: "begin", ...pick(options) }).catch(this.classify);
      const control = sessionControl(connection, this.capability, this.mapping);
      const state = new TransactionState({ connection, kvWrites: null, session: connection, control, timeoutMs });
      return await runTransaction(state, () => fn(this.within(state.root)));
    } finally {
      if (!this.pinned) await connection.close();
    }
  }

  /** A client whose calls belong to `scope`, its operations going to the transaction's session through the scope's checks. */
  private within(scope: TxScope): ClientRuntime {
    return new ClientRuntime(this.engine, new TxTarget(scope, scope.state.session, this.mapping), scope, this.pinned);
  }

  private savepoint<T>(scope: TxScope, fn: (rt: ClientRuntime) => Promise<T>): Promise<T> {
    return runSavepoint(scope, this.target, (child) => fn(this.within(child)));
  }

  /** Runs `fn` on one physical connection (the driver's own pin when it has one). */
  async pin<T>(fn: (rt: ClientRuntime) => Promise<T>): Promise<T> {
    if (this.scope) return fn(this);
    const driver = this.driver;
    if (driver.pin) return driver.pin((connection) => fn(new ClientRuntime(this.engine, connection, null, connection)));
    const connection = await driver.connect();
    try {
      return await fn(new ClientRuntime(this.engine, connection, null, connection));
    } finally {
      await connection.close();
    }
  }

  stream(model: string, args: unknown): AsyncIterableIterator<Row> {
    const given = (args ?? {}) as { signal?: unknown; idleTimeoutMs?: unknown };
    const signal = given.signal;
    // A bad value is refused by streamPages on the first next(), with every other argument error.
    const idle = idleTimeoutIssue(given.idleTimeoutMs) === undefined ? given.idleTimeoutMs : undefined;
    const streams = this.engine.streams;
    return new RowStream(
      () => this.streamPages(model, args),
      signal instanceof AbortSignal ? signal : undefined,
      `${lowerFirst(model)}.stream`,
      {
        idleTimeoutMs: (idle as number | undefined) ?? DEFAULT_STREAM_IDLE_MS,
        opened: (stream) => streams.add(stream),
        closed: (stream) => streams.delete(stream),
      },
    );
  }

  /** The pages of a stream, decoded, with their includes loaded and hidden fields stripped. */
  private async *streamPages(model: string, args: unknown): AsyncGenerator<Row[]> {
    this.scope?.checkCall();
    const split = splitAllowScan(args, this.engine.allowScan);
    const {
      batchSize = 1000,
      signal,
      idleTimeoutMs,
      ...rest
    } = (split.args ?? {}) as { batchSize?: unknown; signal?: AbortSignal; idleTimeoutMs?: unknown };
    const idleIssue = idleTimeoutIssue(idleTimeoutMs);
    if (idleIssue) {
      throw new ValidationError([{ path: ["idleTimeoutMs"], message: idleIssue }], `${lowerFirst(model)}.stream`);
    }
    if (!Number.isSafeInteger(batchSize) || (batchSize as number) < 1) {
      throw new ValidationError(
        [{ path: ["batchSize"], message: `expected a whole number >= 1, got ${String(batchSize)}` }],
        `${lowerFirst(model)}.stream`,
      );
    }
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new ValidationError(
        [{ path: ["signal"], message: "expected an AbortSignal" }],
        `${lowerFirst(model)}.stream`,
      );
    }
    const { plan, values } = this.engine.prepare(model, "stream", rest, split.allowScan);
    if (plan.plan.kind === "kv") {
      try {
        yield* streamKv(this, plan.plan.kv, values, model, batchSize as number, signal);
      } catch (err) {
        // As on SQL below: what the driver's stream throws reaches the consumer as a StrataError.
        throw enrichError(this.mapping, err);
      }
      return;
    }
    if (plan.plan.kind !== "read") throw new Error("stream plans a read");
    const node = plan.plan.node;
    if (node.cursor)
      throw new UnsupportedError(
        "cursorInStream",
        "stream() does not take a cursor; it already reads every matching row in batches.",
      );
    const op = {
      kind: "QuerySql",
      statement: node.step.statement,
      params: bind(node.step, values, {}, this.capability),
      result: "rows",
      bigints: node.step.bigints,
    } as const;
    try {
      for await (const page of this.target.streamPages(op, { batchSize: batchSize as number, signal })) {
        for (const row of page) node.decode(row);
        if (node.includes.length > 0) await loadIncludes(this, node.includes, page, values);
        yield strip(page, node.hidden);
      }
    } catch (err) {
      throw enrichError(this.mapping, err);
    }
  }

  /** The object users hold: one delegate per model plus the client methods. */
  facade(): Record<string, unknown> {
    const client: Record<string, unknown> = {};
    for (const model of this.engine.schema.app.models) client[lowerFirst(model.name)] = this.delegate(model.name);
    const transaction = (fn: (tx: unknown) => Promise<unknown>, options: unknown = {}) => {
      if (typeof fn !== "function") {
        const got = Array.isArray(fn) ? "an array (batches of queries are not a transaction form here)" : typeof fn;
        return Promise.reject(
          new ValidationError(
            [{ path: [0], message: `expected a callback such as async (tx) => { ... }, got ${got}` }],
            "db.transaction",
          ),
        );
      }
      return this.transaction((rt) => fn(rt.facade()), options);
    };
    const pin = (fn: (db: unknown) => Promise<unknown>) => this.pin((rt) => fn(rt.facade()));
    Object.assign(client, {
      transaction,
      pin,
      // Push errors join Strata's error family like every other operation's.
      push: () =>
        this.driver.push(this.engine.db).catch((err: unknown) => Promise.reject(enrichError(this.mapping, err))),
      // Streams still open hold pooled sessions: end them first, or the pool would wait for them forever.
      close: async () => {
        await Promise.all([...this.engine.streams].map((stream) => stream.return().catch(() => undefined)));
        await this.driver.close();
      },
      driver: this.driver,
      $engine: this.engine,
    });
    return client;
  }

  private delegate(model: string): Delegate {
    const d = {} as Delegate;
    for (const op of QUERY_METHODS) {
      d[op] = (args?: unknown) => new Query(this, model, op, args);
    }
    d.stream = (args?: unknown) => this.stream(model, args);
    return d;
  }
}

/** How long a stream may go without a `next()` call before it is closed and its connection released. */
export const DEFAULT_STREAM_IDLE_MS = 60_000;

function idleTimeoutIssue(value: unknown): string | undefined {
  if (value === undefined || (typeof value === "number" && value > 0 && value <= MAX_TIMER_MS)) return undefined;
  return `expected a number of milliseconds above 0 and at most ${MAX_TIMER_MS}, got ${describeValue(value)}`;
}

/** `allowScan` on a query overrides the client's; it is not part of the query's arguments. */
function splitAllowScan(args: unknown, fallback: boolean): { args: unknown; allowScan: boolean } {
  if (args === null || typeof args !== "object" || !("allowScan" in args)) return { args, allowScan: fallback };
  const { allowScan, ...rest } = args as { allowScan?: unknown };
  if (typeof allowScan !== "boolean" && allowScan !== undefined) {
    throw new ValidationError([{ path: ["allowScan"], message: "expected true or false" }]);
  }
  return { args: rest, allowScan: allowScan ?? fallback };
}

function pick(options: TransactionOptions) {
  return {
    ...(options.isolation ? { isolation: options.isolation } : {}),
    ...(options.readOnly ? { readOnly: true } : {}),
  };
}
