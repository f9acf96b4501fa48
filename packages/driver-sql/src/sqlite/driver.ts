import {
  type DbSchema,
  type Driver,
  DriverError,
  type ExecResponse,
  type Operation,
  type Row,
  type StreamOptions,
} from "@strata/core";
import type { SqlConnection, SqlDialect } from "../dialect.ts";
import { sqliteDialect } from "../dialects/sqlite.ts";
import { isLocked, whenUnlocked } from "./busy.ts";
import { sqliteCapability } from "./capability.ts";
import { SqliteConnection } from "./connection.ts";
import { describeOperation } from "./describe.ts";
import { classifySqliteError } from "./errors.ts";
import { introspectSqlite } from "./introspect.ts";
import { SessionLock } from "./lock.ts";
import { runOperation } from "./operation.ts";
import { pushSchema } from "./push.ts";
import { runQueryNow } from "./query.ts";
import { type SqliteOptions, SqliteSession } from "./session.ts";
import type { StatementCacheStats } from "./statements.ts";
import { streamPages } from "./stream.ts";

export interface SqliteDriver extends Driver {
  readonly name: "sqlite";
  /** Counters of the prepared-statement cache (for tests and diagnostics); zeros before first use. */
  statementCacheStats(): Readonly<StatementCacheStats>;
  /** The SQL dialect the driver prints with (migrations print DDL with it). */
  readonly dialect: SqlDialect;
  connect(): Promise<SqlConnection>;
}

/**
 * A Strata driver on one better-sqlite3 connection, opened on first use.
 * `connect()` reserves the connection (queued, first come first served);
 * while it is reserved, `exec`/`stream` on the driver wait for its release,
 * so they never run inside someone else's transaction. Do not call the
 * driver's own `exec` while holding a connection from `connect()`: it waits
 * for that connection to close.
 */
export function sqlite(filename: string, options: SqliteOptions = {}): SqliteDriver {
  const session = new SqliteSession(filename, options);
  const lock = new SessionLock();

  /** Runs work on the free session at once (the hot path: no lock round trip), else after the holder releases it. */
  function whenFree<T>(work: () => T): Promise<T> {
    if (lock.isHeld) return lock.run(() => whenUnlocked(work, session.busyTimeoutMs));
    try {
      return Promise.resolve(work());
    } catch (err) {
      // Another connection (another client, another process) holds the database: wait without blocking.
      if (isLocked(err)) return lock.run(() => whenUnlocked(work, session.busyTimeoutMs));
      return Promise.reject(err);
    }
  }

  return {
    name: "sqlite",
    capability: sqliteCapability,
    exec: (op: Operation): Promise<ExecResponse> =>
      op.kind === "Transaction"
        ? Promise.reject(transactionOutsideConnection())
        : whenFree(() => runOperation(session, op)),
    // While a connection holds the session the call must queue behind it: not now.
    // A locked database is waited for asynchronously: not now either (a locked statement did nothing).
    execNow: (op: Operation): ExecResponse | undefined => {
      if (lock.isHeld || op.kind !== "QuerySql") return undefined;
      try {
        return runQueryNow(session, op);
      } catch (err) {
        if (isLocked(err)) return undefined;
        throw err;
      }
    },
    streamPages: (op: Operation, opts: StreamOptions): AsyncIterable<Row[]> => streamPages(session, op, opts, whenFree),
    dialect: sqliteDialect,
    async connect(): Promise<SqlConnection> {
      await lock.acquire();
      return new SqliteConnection(session, lock);
    },
    push: (schema: DbSchema): Promise<void> => whenFree(() => pushSchema(session, schema)),
    describe: describeOperation,
    introspect: () => whenFree(() => introspectSqlite(session)),
    ping: (): Promise<void> =>
      whenFree(() => {
        queryValue(session, "SELECT 1 AS value");
      }),
    version: (): Promise<string> => whenFree(() => String(queryValue(session, "SELECT sqlite_version() AS value"))),
    close: (): Promise<void> => lock.run(() => session.close()),
    statementCacheStats: () => (session.isOpen ? { ...session.cache.stats } : { astHits: 0, textHits: 0, prepared: 0 }),
  };
}

/** A transaction begun on the shared driver would swallow everyone else's statements. */
function transactionOutsideConnection(): DriverError {
  return new DriverError("transaction operations need a reserved session: run them on `await driver.connect()`");
}

function queryValue(session: SqliteSession, sql: string): unknown {
  try {
    const row = session.cache.forText(sql).stmt.get() as { value: unknown } | undefined;
    return row?.value;
  } catch (err) {
    throw classifySqliteError(err);
  }
}
