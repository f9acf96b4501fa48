import {
  type DbSchema,
  type Driver,
  DriverError,
  type ExecResponse,
  type Introspection,
  type Operation,
  type Row,
  type StreamOptions,
} from "@strata/core";
import type { SqlConnection, SqlDialect } from "../dialect.ts";
import { mysqlDialect } from "../dialects/mysql.ts";
import { mysqlCapability } from "./capability.ts";
import { MysqlConnection } from "./connection.ts";
import type { DriverContext } from "./context.ts";
import { describeOperation } from "./describe.ts";
import { introspectMysql } from "./introspect.ts";
import { runOperation } from "./operation.ts";
import { type MysqlOptions, resolveOptions } from "./options.ts";
import { MysqlPool } from "./pool.ts";
import { pushSchema } from "./push.ts";
import { MysqlSession } from "./session.ts";
import { PrintCache } from "./statements.ts";
import { streamPages } from "./stream.ts";
import { UniqueIndexResolver } from "./unique.ts";
import { parseMysqlUrl } from "./url.ts";

export interface MysqlDriver extends Driver {
  readonly name: "mysql";
  /** The URL with the password replaced by `***`. */
  maskedUrl(): string;
  /** The SQL dialect the driver prints with (migrations print DDL with it). */
  readonly dialect: SqlDialect;
  connect(): Promise<SqlConnection>;
}

/**
 * A Strata driver for MySQL and MariaDB on a mysql2 pool. Nothing connects
 * until the first operation; a malformed URL or option throws a
 * ValidationError here, synchronously. `exec`/`stream` take a pooled
 * connection per call; `connect()` reserves one (transactions).
 */
export function mysql(url: string, options: MysqlOptions = {}): MysqlDriver {
  const target = parseMysqlUrl(url);
  const resolved = resolveOptions(options);
  const pool = new MysqlPool(target, resolved);
  const ctx: DriverContext = {
    pool,
    statements: new PrintCache(),
    unique: new UniqueIndexResolver(),
    server: target.masked,
  };
  const inFlight = new Set<Promise<unknown>>();
  let closing = false;
  const acquire = () => (closing ? Promise.reject(new DriverError("the MySQL driver is closed")) : pool.acquire());

  /** Runs work on a pooled connection for one call; close() waits for these to finish. */
  function withSession<T>(work: (session: MysqlSession) => Promise<T>): Promise<T> {
    const run = (async () => {
      const session = new MysqlSession(await acquire(), ctx);
      try {
        return await work(session);
      } finally {
        await session.release();
      }
    })();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run)).catch(() => {});
    return run;
  }

  return {
    name: "mysql",
    capability: mysqlCapability,
    maskedUrl: () => target.masked,
    exec: (op: Operation): Promise<ExecResponse> =>
      op.kind === "Transaction"
        ? Promise.reject(
            new DriverError("transaction operations need a reserved session: run them on `await driver.connect()`"),
          )
        : withSession((session) => runOperation(session, op)),
    streamPages: (op: Operation, opts: StreamOptions): AsyncIterable<Row[]> =>
      streamPages(
        async () => {
          const session = new MysqlSession(await acquire(), ctx);
          return { session, done: () => session.release() };
        },
        op,
        opts,
      ),
    dialect: mysqlDialect,
    async connect(): Promise<SqlConnection> {
      return new MysqlConnection(new MysqlSession(await acquire(), ctx));
    },
    push: (schema: DbSchema): Promise<void> => withSession((session) => pushSchema(session, schema)),
    describe: describeOperation,
    introspect: (): Promise<Introspection> => withSession(introspectMysql),
    ping: (): Promise<void> =>
      withSession(async (session) => {
        await session.query("SELECT 1");
      }),
    version: (): Promise<string> =>
      withSession(async (session) => String((await session.query("SELECT VERSION() AS version")).rows[0]?.version)),
    /** Stops new work, lets running operations finish, then closes every connection (reserved ones after their queued commands). */
    async close(): Promise<void> {
      if (closing) return;
      closing = true;
      const pending = [...inFlight];
      await Promise.allSettled(pending);
      await pool.end();
    },
  };
}
