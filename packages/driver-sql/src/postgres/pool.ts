import type pg from "pg";
import { pgLibrary } from "../native.ts";
import { applicationName } from "./application-name.ts";
import { classifyConnectError, isConnectionFault } from "./errors.ts";
import type { PostgresOptions } from "./options.ts";
import { type PgContext, PgSession } from "./session.ts";
import { TunnelSocket } from "./socket.ts";

/** The bounded pg.Pool; pg opens no connection until the first checkout. */
export function createPool(url: string, options: PostgresOptions): pg.Pool {
  const socket = options.socket;
  const config: pg.PoolConfig = {
    connectionString: url,
    application_name: applicationName(options.name ?? "app", options.tenant ?? options.schema),
    max: options.max ?? 10,
    idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
    connectionTimeoutMillis: options.acquireTimeoutMs ?? 10_000,
    // Idle connections must not keep a process alive that forgot close().
    allowExitOnIdle: true,
  };
  if (options.ssl !== undefined) config.ssl = options.ssl;
  if (socket) config.stream = () => new TunnelSocket(socket);
  const pool = new (pgLibrary().Pool)(config);
  // The pool keeps its options; the URL (with its password) must not show in util.inspect or JSON of it.
  Object.defineProperty(pool.options, "connectionString", { enumerable: false });
  // An idle client whose connection dies emits here; pg-pool has already removed it.
  pool.on("error", () => {});
  // pg-pool drops its own listener when it hands a client out, and a FATAL message can arrive in the
  // same socket chunk as the connect, before a PgSession listens: unheard, it crashes the process.
  // A permanent listener closes that window; the next query on the client then fails as "not queryable".
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/**
 * Checks out a client as a session. After a connection loss, suspect idle
 * clients are pinged first and destroyed when dead, so the caller gets a live one.
 */
export async function acquire(ctx: PgContext): Promise<PgSession> {
  for (;;) {
    let client: pg.PoolClient;
    try {
      client = await ctx.pool.connect();
    } catch (err) {
      throw classifyConnectError(err, ctx.maskedUrl, ctx.secrets);
    }
    if (!ctx.health.takeSuspect()) return new PgSession(client, ctx);
    try {
      await client.query("SELECT 1");
      return new PgSession(client, ctx);
    } catch (err) {
      client.release(true);
      if (!isConnectionFault(err)) throw classifyConnectError(err, ctx.maskedUrl, ctx.secrets);
    }
  }
}

/** Runs `work` on a checked-out session and gives it back (evicting it if its connection died). */
export async function withSession<T>(ctx: PgContext, work: (session: PgSession) => Promise<T>): Promise<T> {
  const session = await acquire(ctx);
  try {
    return await work(session);
  } finally {
    await session.rollbackLeftover();
    session.release();
  }
}
