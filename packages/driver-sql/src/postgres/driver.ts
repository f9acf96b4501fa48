import { inspect } from "node:util";
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
import type pg from "pg";
import type { SqlDialect } from "../dialect.ts";
import { postgresDialectFor } from "../dialects/postgres.ts";
import { postgresCapability } from "./capability.ts";
import { PostgresConnection } from "./connection.ts";
import { describeOperation } from "./describe.ts";
import { PoolHealth } from "./health.ts";
import { introspectPostgres } from "./introspect.ts";
import { runOperation } from "./operation.ts";
import { type PostgresOptions, resolvePostgresOptions } from "./options.ts";
import { pin } from "./pin.ts";
import { acquire, createPool, withSession } from "./pool.ts";
import { pushSchema } from "./push.ts";
import type { PgContext } from "./session.ts";
import { PgStatementCache } from "./statements.ts";
import { streamPortal } from "./stream.ts";
import { maskUrl, parsePostgresUrl, urlSecrets } from "./url.ts";

export interface PostgresDriver extends Driver {
  readonly name: "postgres";
  /** The connection URL with its password replaced by `***`. */
  maskedUrl(): string;
  /** The schema every table lives in, when the client was given one. */
  readonly schema: string | undefined;
  connect(): Promise<PostgresConnection>;
  /** Runs `fn` on one physical connection; see README (cursors, temp tables, advisory locks). */
  pin<T>(fn: (connection: PostgresConnection) => Promise<T>): Promise<T>;
  /** The underlying pg.Pool (counts for diagnostics; do not run queries on it behind the driver's back). */
  readonly pool: pg.Pool;
  /** The SQL dialect the driver prints with (schema-qualified when `schema` is set). */
  readonly dialect: SqlDialect;
}

/**
 * A Strata driver on a lazy, bounded pg.Pool: nothing connects until the
 * first query. A malformed URL throws a DriverError here, synchronously.
 */
export function postgres(url: string, given: PostgresOptions = {}): PostgresDriver {
  const parsed = parsePostgresUrl(url);
  const options = resolvePostgresOptions(given);
  const masked = maskUrl(url);
  const secrets = urlSecrets(parsed);
  const pool = createPool(url, options);
  const ctx: PgContext = {
    pool,
    statements: new PgStatementCache(postgresDialectFor(options.schema), options.pgbouncer !== true),
    maskedUrl: masked,
    secrets,
    schema: options.schema,
    health: new PoolHealth(),
    uniqueColumns: new Map(),
  };
  let closing: Promise<void> | undefined;
  const scalar = (sql: string) => withSession(ctx, async (s) => (await s.text(sql)).rows[0]?.value);

  const driver: PostgresDriver = {
    name: "postgres",
    capability: postgresCapability,
    schema: options.schema,
    dialect: ctx.statements.dialect,
    pool,
    maskedUrl: () => masked,
    exec: (op: Operation): Promise<ExecResponse> =>
      op.kind === "Transaction"
        ? Promise.reject(transactionOutsideConnection())
        : withSession(ctx, (session) => runOperation(session, op)),
    streamPages: (op: Operation, opts: StreamOptions): AsyncIterable<Row[]> => streamOnOwnSession(ctx, op, opts),
    connect: async () => new PostgresConnection(await acquire(ctx)),
    pin: (fn) => pin(ctx, fn),
    push: (schema: DbSchema): Promise<void> => withSession(ctx, (session) => pushSchema(session, schema)),
    describe: (op) => describeOperation(ctx.statements, op),
    introspect: (): Promise<Introspection> => withSession(ctx, introspectPostgres),
    ping: async () => {
      await scalar("SELECT 1 AS value");
    },
    version: async () => String(await scalar("SELECT current_setting('server_version') AS value")).split(" ")[0] ?? "",
    close: () => {
      closing ??= pool.end();
      return closing;
    },
  };
  // util.inspect and JSON.stringify of the driver (or of a client holding it) show the masked URL, never the pool's options.
  const shown = () => ({ name: "postgres", url: masked, schema: options.schema });
  Object.defineProperty(driver, "pool", { enumerable: false });
  Object.defineProperties(driver, {
    toJSON: { value: shown, enumerable: false },
    [inspect.custom]: { value: () => `PostgresDriver ${inspect(shown())}`, enumerable: false },
  });
  return driver;
}

async function* streamOnOwnSession(ctx: PgContext, op: Operation, options: StreamOptions): AsyncGenerator<Row[]> {
  const session = await acquire(ctx);
  try {
    yield* streamPortal(session, op, options);
  } finally {
    await session.rollbackLeftover();
    session.release();
  }
}

/** A transaction begun on the pool would run its statements on arbitrary connections. */
function transactionOutsideConnection(): DriverError {
  return new DriverError("transaction operations need a reserved connection: run them on `await driver.connect()`");
}
