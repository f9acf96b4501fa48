import { DriverError, type ExecResponse, type Operation, type Row, type StreamOptions } from "@strata/core";
import type { SqlConnection } from "../dialect.ts";
import { isLocked, whenUnlocked } from "./busy.ts";
import { classifySqliteError } from "./errors.ts";
import type { SessionLock } from "./lock.ts";
import { runOperation } from "./operation.ts";
import { runQueryNow } from "./query.ts";
import type { SqliteSession } from "./session.ts";
import { streamPages } from "./stream.ts";
import { endQueryOnlyOutsideTransaction } from "./transaction.ts";

/** The reserved SQLite session: holds the driver's lock from connect() until close(). */
export class SqliteConnection implements SqlConnection {
  private closed = false;

  constructor(
    private readonly session: SqliteSession,
    private readonly lock: SessionLock,
  ) {}

  exec(op: Operation): Promise<ExecResponse> {
    try {
      this.assertOpen();
      return whenUnlocked(() => runOperation(this.session, op), this.session.busyTimeoutMs);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  execNow(op: Operation): ExecResponse | undefined {
    this.assertOpen();
    try {
      return op.kind === "QuerySql" ? runQueryNow(this.session, op) : runOperation(this.session, op);
    } catch (err) {
      // Locked by another connection: nothing ran; exec waits for it without blocking.
      if (isLocked(err)) return undefined;
      throw err;
    }
  }

  streamPages(op: Operation, options: StreamOptions): AsyncIterable<Row[]> {
    return streamPages(this.session, op, options, (work) => {
      this.assertOpen();
      return whenUnlocked(work, this.session.busyTimeoutMs);
    });
  }

  /** SQL text on the reserved session (migrations); rows for a reading statement, else none. */
  async runSql(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    this.assertOpen();
    try {
      const stmt = this.session.db.prepare(sql);
      if (stmt.reader) return stmt.all(...params) as Row[];
      stmt.run(...params);
      return [];
    } catch (err) {
      throw classifySqliteError(err);
    }
  }

  async ping(): Promise<void> {
    this.assertOpen();
    try {
      this.session.cache.forText("SELECT 1").stmt.get();
    } catch (err) {
      throw classifySqliteError(err);
    }
  }

  /** Releases the session; a transaction left open is rolled back so the next user never inherits it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.session.isOpen && this.session.db.inTransaction) this.session.db.prepare("ROLLBACK").run();
      if (this.session.isOpen) endQueryOnlyOutsideTransaction(this.session);
    } catch (err) {
      throw classifySqliteError(err);
    } finally {
      this.lock.release();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new DriverError("this SQLite connection was closed and cannot be used again");
  }
}
