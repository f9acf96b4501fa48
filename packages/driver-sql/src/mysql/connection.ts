import { DriverError, type ExecResponse, type Operation, type Row, type StreamOptions } from "@strata/core";
import type { SqlConnection } from "../dialect.ts";
import { runOperation } from "./operation.ts";
import type { MysqlSession } from "./session.ts";
import { streamPages } from "./stream.ts";

/**
 * A reserved pooled connection (transactions, pinned work). `close()` rolls back
 * a transaction left open and gives the connection back; after a
 * connection-level fault it is destroyed instead.
 */
export class MysqlConnection implements SqlConnection {
  private closed = false;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(private readonly session: MysqlSession) {}

  /** The server's id of this connection (what `KILL` and PROCESSLIST show). */
  get threadId(): number {
    return this.session.threadId;
  }

  exec(op: Operation): Promise<ExecResponse> {
    return this.serially(() => runOperation(this.session, op));
  }

  streamPages(op: Operation, options: StreamOptions): AsyncIterable<Row[]> {
    return streamPages(
      async () => {
        this.assertOpen();
        await this.busy;
        this.session.streaming = true;
        return {
          session: this.session,
          done: async () => {
            this.session.streaming = false;
          },
        };
      },
      op,
      options,
    );
  }

  /** SQL text on this connection (migrations): the text protocol without parameters (DDL), prepared with them. */
  runSql(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.serially(async () =>
      params.length === 0
        ? (await this.session.query(sql)).rows
        : (await this.session.execute(sql, params, false)).rows,
    );
  }

  ping(): Promise<void> {
    return this.serially(async () => {
      await this.session.query("SELECT 1");
    });
  }

  /** Cancels the statement this connection is running (`KILL QUERY` from a side connection). */
  async cancel(): Promise<void> {
    if (this.closed) return;
    await this.session.ctx.pool.killQuery(this.session.threadId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.busy.catch(() => {});
    await this.session.release();
  }

  /** One operation at a time: a pooled connection runs commands in order, and close() waits for the last. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    try {
      this.assertOpen();
    } catch (err) {
      return Promise.reject(err);
    }
    const result = this.busy.then(work, work);
    this.busy = result.catch(() => {});
    return result;
  }

  private assertOpen(): void {
    if (this.closed) throw new DriverError("this MySQL connection was closed and cannot be used again");
    // The connection runs one command at a time: a query issued inside the stream's loop would wait forever.
    if (this.session.streaming) {
      throw new DriverError(
        "this MySQL connection is streaming rows; finish or break the stream before the next query",
      );
    }
  }
}
