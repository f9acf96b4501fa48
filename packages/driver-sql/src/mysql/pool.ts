import { DriverError } from "@strata/core";
import type { ConnectionOptions, Pool, PoolConnection } from "mysql2";
import { mysqlLibrary } from "../native.ts";
import { classifyMysqlError } from "./errors.ts";
import type { ResolvedOptions } from "./options.ts";
import type { MysqlTarget } from "./url.ts";

/** The settings every connection shares; values are read exactly and Dates in UTC. */
export function connectionOptions(target: MysqlTarget, options: ResolvedOptions): ConnectionOptions {
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    ...(target.database === undefined ? {} : { database: target.database }),
    connectTimeout: options.connectTimeoutMs,
    timezone: "Z",
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: true,
    charset: "utf8mb4_bin",
    // FOUND_ROWS: an UPDATE counts the rows it matched, also when a value is set to itself.
    flags: ["FOUND_ROWS", "-LOCAL_FILES", "-MULTI_STATEMENTS"],
    maxPreparedStatements: options.maxPreparedStatements,
    connectAttributes: { program_name: options.applicationName },
  };
}

/**
 * The mysql2 pool, bounded and lazy (mysql2 opens nothing until the first
 * getConnection). Adds what mysql2 lacks: an acquire timeout, eviction of
 * connections that failed, and a side connection to KILL a running query.
 */
/** Adds STRICT_ALL_TABLES to the session's sql_mode (kept as is when it already has it). */
const STRICT_SESSION =
  "SET SESSION sql_mode = IF(FIND_IN_SET('STRICT_ALL_TABLES', @@SESSION.sql_mode) > 0, @@SESSION.sql_mode, " +
  "CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES'))";

export class MysqlPool {
  private readonly pool: Pool;
  /** Connections whose socket reported an error; they are destroyed instead of reused. */
  private readonly broken = new WeakSet<PoolConnection>();
  private readonly watched = new WeakSet<PoolConnection>();
  private closed = false;

  constructor(
    private readonly target: MysqlTarget,
    private readonly options: ResolvedOptions,
  ) {
    this.pool = mysqlLibrary().createPool({
      ...connectionOptions(target, options),
      connectionLimit: options.poolSize,
      maxIdle: options.poolSize,
      idleTimeout: options.idleTimeoutMs,
      waitForConnections: true,
      queueLimit: 0,
    });
    const variables = Object.entries(options.sessionVariables);
    this.pool.on("connection", (conn) => {
      // Strict mode on every session whatever the server's sql_mode: a value too long or out of range
      // for its column is an error, never silently truncated. A sql_mode in sessionVariables comes after.
      conn.query(STRICT_SESSION, (err) => {
        if (err) conn.destroy();
      });
      if (variables.length === 0) return;
      // Queued before any command of the new connection; names are validated, values escaped by mysql2.
      const sql = `SET ${variables.map(([name]) => `SESSION ${name} = ?`).join(", ")}`;
      conn.query(
        sql,
        variables.map(([, value]) => value),
        (err) => {
          if (err) conn.destroy();
        },
      );
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  acquire(): Promise<PoolConnection> {
    if (this.closed) return Promise.reject(new DriverError("the MySQL driver is closed"));
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        reject(
          new DriverError(
            `no MySQL connection became free within ${this.options.acquireTimeoutMs} ms (pool size ${this.options.poolSize})`,
            { retryable: true },
          ),
        );
      }, this.options.acquireTimeoutMs);
      this.pool.getConnection((err, conn) => {
        clearTimeout(timer);
        if (timedOut) {
          // The caller gave up; hand the late connection straight back.
          if (!err) conn.release();
          return;
        }
        if (err) return reject(classifyMysqlError(err, { server: this.target.masked }));
        this.watch(conn);
        if (this.broken.has(conn)) {
          conn.destroy();
          return this.acquire().then(resolve, reject);
        }
        resolve(conn);
      });
    });
  }

  /** Gives a connection back, or destroys it when it failed (the pool opens a fresh one later). */
  release(conn: PoolConnection, destroy = false): void {
    if (destroy || this.broken.has(conn)) conn.destroy();
    else conn.release();
  }

  markBroken(conn: PoolConnection): void {
    this.broken.add(conn);
  }

  /** `KILL QUERY <threadId>` from a separate, short-lived connection (the pool may be exhausted). */
  killQuery(threadId: number): Promise<void> {
    if (!Number.isSafeInteger(threadId) || threadId <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const side = mysqlLibrary().createConnection(connectionOptions(this.target, this.options));
      side.on("error", () => {});
      side.query(`KILL QUERY ${threadId}`, () => {
        // Unknown thread (1094) means the query already ended: nothing left to stop.
        side.end(() => resolve());
      });
    });
  }

  /** Closes every connection once its queued commands have run. */
  end(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve, reject) => {
      this.pool.end((err) => (err ? reject(classifyMysqlError(err, { server: this.target.masked })) : resolve()));
    });
  }

  /** An error event on an idle connection would otherwise be unhandled; it also marks the connection broken. */
  private watch(conn: PoolConnection): void {
    if (this.watched.has(conn)) return;
    this.watched.add(conn);
    conn.on("error", () => this.broken.add(conn));
  }
}
