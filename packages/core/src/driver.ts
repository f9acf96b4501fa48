import type { Capability } from "./capability.ts";
import type { Introspection } from "./introspection.ts";
import type { ExecResponse, Operation, Row } from "./operation.ts";
import type { DbSchema } from "./schema/db.ts";

export interface StreamOptions {
  /** Rows fetched from the backend per round trip, and the most rows in one page. */
  batchSize: number;
  signal?: AbortSignal | undefined;
}

/** One live session with the backend (a pooled connection, or the embedded database). */
export interface Connection {
  exec(op: Operation): Promise<ExecResponse>;
  /** See `Driver.execNow`. */
  execNow?(op: Operation): ExecResponse | undefined;
  /** See `Driver.streamPages`. */
  streamPages(op: Operation, options: StreamOptions): AsyncIterable<Row[]>;
  ping(): Promise<void>;
  /**
   * Cancels the statement this session is running, if any (PostgreSQL
   * pg_cancel_backend, MySQL KILL QUERY): the running `exec` then rejects.
   * Resolves once the cancel was delivered. Sessions whose statements are
   * synchronous (an embedded database) have nothing to cancel and omit it.
   */
  cancel?(): Promise<void>;
  /** Gives the session back (to its pool); the connection must not be used afterwards. */
  close(): Promise<void>;
}

/**
 * A backend. The engine only ever hands it Operations; it never sees a user query.
 * `exec`/`stream` run outside any transaction on whatever session the driver picks;
 * `connect()` reserves one session (transactions, pinned work).
 */
export interface Driver {
  /** A display name for explain output and messages; never used for planning. */
  readonly name: string;
  readonly capability: Capability;
  exec(op: Operation): Promise<ExecResponse>;
  /**
   * Optional, for drivers whose work is synchronous (an embedded database):
   * runs the operation at once and returns its response, or returns
   * `undefined` without running it when it cannot run now (e.g. the session
   * is reserved), and the caller uses `exec`. Errors are thrown, as Strata
   * errors. Lets the engine answer a single-statement read without promise
   * layers between the user's `await` and the driver.
   */
  execNow?(op: Operation): ExecResponse | undefined;
  /**
   * The operation's rows in pages of at most `options.batchSize` rows (none
   * empty), each fetched when the previous one was taken. Pages, not rows,
   * cross the driver boundary: one promise per page instead of one per row
   * per layer. The caller owns each page array.
   */
  streamPages(op: Operation, options: StreamOptions): AsyncIterable<Row[]>;
  connect(): Promise<Connection>;
  /** Creates missing tables and indexes for the schema (development shortcut). */
  push(schema: DbSchema): Promise<void>;
  /**
   * Called once when a client is created, with the db schema it will use.
   * Drivers that keep schema-derived state (e.g. DynamoDB's unique index
   * items) take it here; others need not implement it.
   */
  useSchema?(schema: DbSchema): void;
  /**
   * Runs `fn` on one physical session and cleans it before it goes back to
   * the pool (e.g. PostgreSQL's DEALLOCATE ALL). Drivers without it get
   * `connect()` … `close()` from the engine.
   */
  pin?<T>(fn: (connection: Connection) => Promise<T>): Promise<T>;
  /** How the operation reads to a person (SQL text, request shape) for explain. */
  describe(op: Operation): string;
  /** What the live database holds (tables, columns, indexes, foreign keys; routines and sequences where the backend has them). */
  introspect(): Promise<Introspection>;
  ping(): Promise<void>;
  version(): Promise<string>;
  close(): Promise<void>;
}

/** `rows` as stream pages of at most `size` rows (no empty page): for drivers whose operation returns all rows at once. */
export function* pagesOf(rows: readonly Row[], size: number): Generator<Row[]> {
  for (let at = 0; at < rows.length; at += size) yield rows.slice(at, at + size);
}

/** The rows of a page stream one by one (tools and tests; the engine takes pages). */
export async function* rowsOf(pages: AsyncIterable<Row[]>): AsyncGenerator<Row> {
  for await (const page of pages) yield* page;
}
