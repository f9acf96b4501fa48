import { type Operation, pagesOf, type Row, type StreamOptions } from "@strata/core";
import { tableOf } from "../operation.ts";
import { checkBatchSize, throwIfAborted } from "../stream-options.ts";
import { classifySqliteError } from "./errors.ts";
import { runOperation } from "./operation.ts";
import { runPage } from "./query.ts";
import type { SqliteSession } from "./session.ts";

/** Runs synchronous work on the session when the caller may use it (at once, or after waiting its turn). */
export type SessionRunner = <T>(work: () => T) => Promise<T>;

/**
 * Streams pages of rows instead of holding a better-sqlite3 iterator open:
 * an open iterator blocks every other statement on the connection, and the
 * consumer may well query inside its `for await` loop. Each page is
 * `SELECT * FROM (<select>) LIMIT batchSize OFFSET n`; a page is only fetched
 * when the previous one has been consumed. Outside a transaction, writes
 * between pages can shift rows; stream inside a transaction for a stable view.
 */
export async function* streamPages(
  session: SqliteSession,
  op: Operation,
  options: StreamOptions,
  run: SessionRunner,
): AsyncGenerator<Row[], void, undefined> {
  const { batchSize, signal } = options;
  checkBatchSize(options);
  if (op.kind !== "QuerySql" || op.statement.kind !== "Select") {
    // Writes with RETURNING and Insert operations produce their rows at once.
    throwIfAborted(signal);
    const { rows } = await run(() => runOperation(session, op));
    yield* pagesOf(rows, batchSize);
    return;
  }
  const select = { ...op, statement: op.statement };
  for (let offset = 0; ; ) {
    throwIfAborted(signal);
    const rows = await run(() => {
      throwIfAborted(signal); // the signal may have fired while waiting for the session
      try {
        return runPage(session, select, batchSize, offset);
      } catch (err) {
        throw classifySqliteError(err, { table: tableOf(op) });
      }
    });
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    offset += rows.length;
  }
}
