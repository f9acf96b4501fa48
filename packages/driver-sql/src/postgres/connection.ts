import { DriverError, type ExecResponse, type Operation, type Row, type StreamOptions } from "@strata/core";
import type { SqlConnection } from "../dialect.ts";
import { cancelBackend } from "./cancel.ts";
import { runOperation } from "./operation.ts";
import type { PgSession } from "./session.ts";
import { streamCursor } from "./stream.ts";

/** One pooled PostgreSQL connection, reserved from connect() until close(). */
export class PostgresConnection implements SqlConnection {
  private closed = false;

  constructor(
    private readonly session: PgSession,
    /** false when the owner (pin) gives the session back itself, after its own cleanup. */
    private readonly releaseOnClose = true,
  ) {}

  /** The server process id of this connection (pg_stat_activity.pid). */
  get pid(): number {
    return this.session.pid;
  }

  exec(op: Operation): Promise<ExecResponse> {
    if (this.closed) return Promise.reject(closedError());
    return runOperation(this.session, op);
  }

  streamPages(op: Operation, options: StreamOptions): AsyncIterable<Row[]> {
    if (this.closed) throw closedError();
    return streamCursor(this.session, op, options);
  }

  /** SQL text on this connection (migrations); the rows it returns. */
  async runSql(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    if (this.closed) throw closedError();
    return (await this.session.text(sql, params)).rows;
  }

  async ping(): Promise<void> {
    if (this.closed) throw closedError();
    await this.session.text("SELECT 1");
  }

  /**
   * Cancels the statement this connection is running (pg_cancel_backend from a
   * side connection, so an exhausted pool cannot delay it). A cancel that
   * lands while the connection is idle is ignored by the server.
   */
  async cancel(): Promise<void> {
    if (this.closed || this.session.lost) return;
    await cancelBackend(this.session.ctx, this.session.pid);
  }

  /**
   * Gives the connection back to the pool. A transaction left open is rolled
   * back first, so the next user never inherits it; a dead connection is destroyed.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!this.session.lost && this.session.inTransaction) await this.session.text("ROLLBACK");
    } finally {
      if (this.releaseOnClose) this.session.release();
    }
  }
}

function closedError(): DriverError {
  return new DriverError("this PostgreSQL connection was closed and cannot be used again");
}
