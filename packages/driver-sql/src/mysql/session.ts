import type { PoolConnection } from "mysql2";
import type { DriverContext } from "./context.ts";
import { classifyMysqlError, type ErrorContext, mustEvict } from "./errors.ts";
import { executeNative, type NativeResult, queryNative } from "./native.ts";

/**
 * One pooled connection while someone uses it: a single operation on the
 * driver, or a reserved Connection. Tracks the transaction state so that
 * release can roll back what was left open, and destroys the connection
 * instead of reusing it after a connection-level fault.
 */
export class MysqlSession {
  inTransaction = false;
  /** A row stream is reading from this connection; no other command may run until it ends. */
  streaming = false;
  private savepoints = 0;
  private lost = false;

  constructor(
    readonly native: PoolConnection,
    readonly ctx: DriverContext,
  ) {}

  get threadId(): number {
    return this.native.threadId;
  }

  /** A prepared statement with parameters; failures leave as Strata errors. */
  execute(
    sql: string,
    values: readonly unknown[],
    bigints: boolean,
    context: ErrorContext = {},
  ): Promise<NativeResult> {
    return this.guard(() => executeNative(this.native, sql, values, bigints), context);
  }

  /** A parameterless statement over the text protocol (transaction control, DDL). */
  query(sql: string, context: ErrorContext = {}): Promise<NativeResult> {
    return this.guard(() => queryNative(this.native, sql), context);
  }

  /** A fresh savepoint name, unique on this session. */
  nextSavepoint(): string {
    return `strata_sp_${++this.savepoints}`;
  }

  /** Notes a failure: a connection the server closed (or mysql2 gave up on) is destroyed, never reused. */
  noteError(err: unknown): void {
    if (mustEvict(err)) {
      this.lost = true;
      this.ctx.pool.markBroken(this.native);
    }
  }

  /** Rolls back an open transaction, then gives the connection back (or destroys it when it is unusable). */
  async release(): Promise<void> {
    if (this.inTransaction && !this.lost) {
      try {
        await this.query("ROLLBACK");
      } catch {
        this.lost = true;
      }
      this.inTransaction = false;
    }
    this.ctx.pool.release(this.native, this.lost);
  }

  private async guard<T>(work: () => Promise<T>, context: ErrorContext): Promise<T> {
    try {
      return await work();
    } catch (err) {
      this.noteError(err);
      const classified = classifyMysqlError(err, { ...context, server: this.ctx.server });
      throw await this.ctx.unique.complete(
        classified,
        async (sql, params) => (await executeNative(this.native, sql, params, false)).rows,
      );
    }
  }
}
