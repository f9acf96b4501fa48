import type { Row } from "@strata/core";
import type pg from "pg";
import { bindParams } from "./bind.ts";
import { classifyPostgresError, isConnectionFault } from "./errors.ts";
import type { PoolHealth } from "./health.ts";
import type { PgStatement, PgStatementCache } from "./statements.ts";
import { rowTypes } from "./types.ts";
import { resolveUniqueColumns } from "./unique.ts";

/** What every session of one driver shares. */
export interface PgContext {
  readonly pool: pg.Pool;
  readonly statements: PgStatementCache;
  readonly maskedUrl: string;
  /** The URL's passwords, scrubbed from every message. */
  readonly secrets: readonly string[];
  readonly schema: string | undefined;
  readonly health: PoolHealth;
  /** `schema.constraint` → columns of a unique index. */
  readonly uniqueColumns: Map<string, readonly string[]>;
}

export interface RunOptions {
  bigints?: boolean | undefined;
  /** For error messages. */
  table?: string | undefined;
}

/** One checked-out pooled client. Remembers whether its connection died, so release evicts it. */
export class PgSession {
  lost = false;
  // A checked-out client whose connection dies between queries emits "error"; unheard, it would crash the process.
  private readonly onError = (): void => {
    this.lost = true;
  };

  constructor(
    readonly client: pg.PoolClient,
    readonly ctx: PgContext,
  ) {
    client.on("error", this.onError);
  }

  /** "I" idle, "T" in a transaction, "E" in a failed transaction. */
  get status(): string | null {
    return this.client.getTransactionStatus();
  }

  get inTransaction(): boolean {
    const status = this.status;
    return status === "T" || status === "E";
  }

  get pid(): number {
    // pg sets processID from BackendKeyData; its typings leave it out.
    const pid: unknown = Reflect.get(this.client, "processID");
    return typeof pid === "number" ? pid : -1;
  }

  async run(stmt: PgStatement, params: readonly unknown[], options: RunOptions = {}): Promise<pg.QueryResult<Row>> {
    const values = bindParams(params, stmt.paramOrder);
    const types = options.bigints ? rowTypes.bigints : rowTypes.standard;
    try {
      const config: pg.QueryConfig = { text: stmt.sql, values, types };
      if (stmt.name !== undefined) config.name = stmt.name;
      return await this.client.query<Row>(config);
    } catch (err) {
      throw await this.classify(err, options.table);
    }
  }

  /** Runs driver-written SQL (transaction control, cursors, catalog queries). */
  text(sql: string, values: readonly unknown[] = []): Promise<pg.QueryResult<Row>> {
    return this.run(
      this.ctx.statements.forText(
        sql,
        values.map((_, i) => i),
      ),
      values,
    );
  }

  async classify(err: unknown, table?: string): Promise<Error> {
    if (isConnectionFault(err)) {
      this.lost = true;
      this.ctx.health.connectionLost(this.ctx.pool.idleCount);
    }
    const uniqueColumns = this.lost ? undefined : await resolveUniqueColumns(this.client, err, this.ctx.uniqueColumns);
    return classifyPostgresError(err, { table, uniqueColumns, secrets: this.ctx.secrets });
  }

  /** Ends a transaction the session's user left open (never hand one to the next user). */
  async rollbackLeftover(): Promise<void> {
    if (!this.lost && this.inTransaction) await this.text("ROLLBACK").catch(() => undefined);
    // Still inside one after a failed ROLLBACK: the connection cannot be trusted, destroy it on release.
    if (this.inTransaction) this.lost = true;
  }

  /** Back to the pool; a dead connection is destroyed instead. */
  release(): void {
    this.client.off("error", this.onError);
    this.client.release(this.lost ? true : undefined);
  }
}
