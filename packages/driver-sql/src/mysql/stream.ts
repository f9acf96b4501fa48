import { CancelledError, type Operation, pagesOf, type Row, type StreamOptions } from "@strata/core";
import type { FieldPacket } from "mysql2";
import { tableOf } from "../operation.ts";
import { checkBatchSize, throwIfAborted } from "../stream-options.ts";
import { bindParams } from "./bind.ts";
import { classifyMysqlError } from "./errors.ts";
import { bigintConverter } from "./native.ts";
import { runOperation } from "./operation.ts";
import type { MysqlSession } from "./session.ts";

/** A session for the length of one stream, and how to give it back. */
export interface SessionLease {
  readonly session: MysqlSession;
  done(): Promise<void>;
}

/**
 * Streams a SELECT through mysql2's row stream, in pages of `batchSize` rows: at most `batchSize` rows are
 * buffered before the socket is paused. Stopping early (break, or the signal)
 * sends `KILL QUERY <thread>` from a side connection so the server stops
 * producing rows, waits for the statement to end, and only then releases the
 * session, which stays usable (a transaction on it stays open).
 */
export async function* streamPages(
  lease: () => Promise<SessionLease>,
  op: Operation,
  options: StreamOptions,
): AsyncGenerator<Row[], void, undefined> {
  const { batchSize, signal } = options;
  checkBatchSize(options);
  throwIfAborted(signal);
  const { session, done } = await lease();
  try {
    if (op.kind !== "QuerySql" || op.statement.kind !== "Select") {
      // Writes and Insert operations produce their (empty) rows at once.
      yield* pagesOf((await runOperation(session, op)).rows, batchSize);
      return;
    }
    yield* selectRows(session, { ...op, statement: op.statement }, batchSize, signal);
  } finally {
    await done();
  }
}

async function* selectRows(
  session: MysqlSession,
  op: Extract<Operation, { kind: "QuerySql" }>,
  batchSize: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<Row[], void, undefined> {
  const printed = session.ctx.statements.print(op.statement, op.params);
  const command = session.native.execute({ sql: printed.sql, values: bindParams(op.params, printed) });
  let convert = (row: Row): Row => row;
  command.on("fields", (fields: FieldPacket[]) => {
    convert = bigintConverter(fields, op.bigints === true);
  });
  // The command ends after its last row or its error, also when nobody reads the rows any more.
  // A connection that dies mid-stream may never end the command, so its own end/error count too.
  let ended = false;
  let settle = () => {};
  const finished = new Promise<void>((resolve) => {
    settle = () => {
      ended = true;
      resolve();
    };
  });
  command.once("end", settle);
  command.on("error", () => {});
  const rows = command.stream({ highWaterMark: batchSize });
  // The connection died under the stream: its rows would neither end nor fail, so fail them here.
  const onConnectionGone = (err?: unknown) => {
    const wasEnded = ended;
    settle();
    if (!wasEnded && !rows.destroyed) {
      const lost = Object.assign(new Error("the connection closed while rows were streaming"), {
        code: "PROTOCOL_CONNECTION_LOST",
        fatal: true,
        cause: err,
      });
      rows.destroy(lost);
    }
  };
  session.native.once("end", onConnectionGone);
  session.native.once("error", onConnectionGone);
  let kill: Promise<void> | undefined;
  const stop = () => {
    kill ??= ended ? Promise.resolve() : session.ctx.pool.killQuery(session.threadId);
  };
  const onAbort = () => {
    stop();
    rows.destroy(new CancelledError("the stream was cancelled by its AbortSignal", { cause: signal?.reason }));
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    let page: Row[] = [];
    for await (const row of rows) {
      page.push(convert(row as Row));
      if (page.length < batchSize) continue;
      yield page;
      page = [];
    }
    if (page.length > 0) yield page;
  } catch (err) {
    if (err instanceof CancelledError) throw err;
    session.noteError(err);
    throw classifyMysqlError(err, { table: tableOf(op), server: session.ctx.server });
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (!ended) stop();
    await Promise.all([kill, finished]);
    session.native.off("end", onConnectionGone);
    session.native.off("error", onConnectionGone);
  }
}
