import { CancelledError, type Operation, pagesOf, type Row, type SelectNode, type StreamOptions } from "@strata/core";
import { pgCursor } from "../native.ts";
import { tableOf } from "../operation.ts";
import { checkBatchSize, throwIfAborted } from "../stream-options.ts";
import { bindParams } from "./bind.ts";
import { cancelBackend } from "./cancel.ts";
import { runOperation } from "./operation.ts";
import type { PgSession } from "./session.ts";
import { rowTypes } from "./types.ts";

let cursorCount = 0;

/**
 * Streams a select, page by page, through a server-side cursor: `DECLARE ... NO SCROLL
 * CURSOR FOR <select>`, then `FETCH FORWARD batchSize` per page, each page
 * fetched only when the previous one was consumed, and `CLOSE` on completion,
 * `break`, error or abort. Outside a transaction the cursor gets its own
 * (committed) one. FETCHes are ordinary statements, so other queries may run
 * on the same connection between pages (e.g. loading includes).
 * An abort cancels the running statement with `pg_cancel_backend`.
 */
export function streamCursor(session: PgSession, op: Operation, options: StreamOptions): AsyncGenerator<Row[]> {
  return streamWith(session, op, options, cursorPages);
}

/**
 * What every PostgreSQL stream starts with: the options checked, and an
 * operation that is not a SELECT (writes with RETURNING, inserts) run once,
 * its rows handed out as pages; a SELECT goes to `pages`.
 */
async function* streamWith(
  session: PgSession,
  op: Operation,
  options: StreamOptions,
  pages: (session: PgSession, op: SelectOp, options: StreamOptions) => AsyncGenerator<Row[]>,
): AsyncGenerator<Row[], void, undefined> {
  checkBatchSize(options);
  throwIfAborted(options.signal);
  if (op.kind !== "QuerySql" || op.statement.kind !== "Select") {
    yield* pagesOf((await runOperation(session, op)).rows, options.batchSize);
    return;
  }
  yield* pages(session, { ...op, statement: op.statement }, options);
}

type SelectOp = Extract<Operation, { kind: "QuerySql" }> & { statement: SelectNode };

async function* cursorPages(session: PgSession, op: SelectOp, options: StreamOptions): AsyncGenerator<Row[]> {
  const { batchSize, signal } = options;
  const select: SelectNode = op.statement;
  const ownTransaction = !session.inTransaction;
  const cursor = `strata_cursor_${++cursorCount}`;
  let cancelling: Promise<void> | undefined;
  const onAbort = () => {
    cancelling = cancelBackend(session.ctx, session.pid).catch(() => undefined);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  let open = false;
  let failed = false;
  try {
    if (ownTransaction) await session.text("BEGIN");
    const stmt = session.ctx.statements.forStatement(select);
    const declare = { ...stmt, sql: `DECLARE "${cursor}" NO SCROLL CURSOR FOR ${stmt.sql}`, name: undefined };
    await guarded(session.run(declare, op.params, { table: tableOf(op) }), signal);
    open = true;
    for (;;) {
      throwIfAborted(signal);
      const page = await guarded(
        session.run(fetchStatement(session, cursor, batchSize), [], { bigints: op.bigints }),
        signal,
      );
      if (page.rows.length > 0) yield page.rows;
      if (page.rows.length < batchSize) break;
    }
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // A cancel still on its way would land on the next statement of this session (or its next user's).
    await cancelling;
    await finish(session, cursor, { open, ownTransaction, failed });
  }
}

/**
 * Streams a select on a session of its own (outside any user transaction)
 * through a protocol-level portal: Parse/Bind once, then `Execute` with a row
 * limit per page (pg-cursor), no BEGIN, DECLARE or FETCH statements. Measured
 * against DECLARE/FETCH on 100,000 rows: about a third less time (the server
 * answers a FETCH statement through its utility path). Nothing else may run on
 * the session meanwhile, which is why a transaction's connection keeps
 * DECLARE/FETCH (streamCursor). `break`, errors and aborts close the portal;
 * an abort cancels the running Execute with `pg_cancel_backend`.
 */
export function streamPortal(session: PgSession, op: Operation, options: StreamOptions): AsyncGenerator<Row[]> {
  return streamWith(session, op, options, portalPages);
}

async function* portalPages(session: PgSession, op: SelectOp, options: StreamOptions): AsyncGenerator<Row[]> {
  const { batchSize, signal } = options;
  const stmt = session.ctx.statements.forStatement(op.statement);
  const types = op.bigints === true ? rowTypes.bigints : rowTypes.standard;
  const cursor = session.client.query(
    new (pgCursor())<Row>(stmt.sql, bindParams(op.params, stmt.paramOrder), { types }),
  );
  let cancelling: Promise<void> | undefined;
  const onAbort = () => {
    cancelling = cancelBackend(session.ctx, session.pid).catch(() => undefined);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  let failed = false;
  try {
    for (;;) {
      throwIfAborted(signal);
      let rows: Row[];
      try {
        rows = await cursor.read(batchSize);
      } catch (err) {
        failed = true;
        if (signal?.aborted) throw new CancelledError("the stream was cancelled by its AbortSignal", { cause: err });
        throw await session.classify(err, tableOf(op));
      }
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) return;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // A cancel still on its way would land on the next statement of this session (or its next user's).
    await cancelling;
    // After an error the portal is gone (pg-cursor synced); a lost connection has nothing to close.
    if (!failed && !session.lost) await cursor.close();
  }
}

function fetchStatement(session: PgSession, cursor: string, batchSize: number) {
  // FETCH takes no parameters; the count is a validated integer.
  return session.ctx.statements.forText(`FETCH FORWARD ${batchSize} FROM "${cursor}"`);
}

async function finish(
  session: PgSession,
  cursor: string,
  state: { open: boolean; ownTransaction: boolean; failed: boolean },
): Promise<void> {
  if (session.lost) return;
  let closeError: unknown;
  // After an error (a cancel), CLOSE may fail on the aborted transaction; ending our own transaction still must run.
  if (state.open && session.status === "T") await session.text(`CLOSE "${cursor}"`).catch((err) => (closeError = err));
  if (state.ownTransaction && session.inTransaction) {
    await session.text(session.status === "T" && closeError === undefined ? "COMMIT" : "ROLLBACK");
  }
  if (closeError !== undefined && !state.failed) throw closeError;
}

/** A statement's error, reported as CancelledError when the signal caused it. */
async function guarded<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (signal?.aborted) throw new CancelledError("the stream was cancelled by its AbortSignal", { cause: err });
    throw err;
  }
}
