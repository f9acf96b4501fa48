import { type Operation, pagesOf, type Row, type StreamOptions } from "@strata/core";
import { tableOf } from "../operation.ts";
import { checkBatchSize, throwIfAborted } from "../stream-options.ts";
import { classifySqliteError } from "./errors.ts";
import { keysetPages } from "./keyset.ts";
import { runOperation } from "./operation.ts";
import { runPage, runQuery } from "./query.ts";
import type { SqliteSession } from "./session.ts";

/** Runs synchronous work on the session when the caller may use it (at once, or after waiting its turn). */
export type SessionRunner = <T>(work: () => T) => Promise<T>;

/**
 * Streams pages of rows instead of holding a better-sqlite3 iterator open:
 * an open iterator blocks every other statement on the connection, and the
 * consumer may well query inside its `for await` loop. Pages are keyset
 * pages (keyset.ts): each starts after the previous page's last row, in an
 * order made total by the rowid, so updating or deleting streamed rows
 * inside the loop never makes the stream skip or repeat a row. A select
 * with its own LIMIT/OFFSET (or over a sub-select) pages by OFFSET within it.
 * A page is only fetched when the previous one has been consumed.
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
  const page = (fetch: () => Row[]) =>
    run(() => {
      throwIfAborted(signal); // the signal may have fired while waiting for the session
      try {
        return fetch();
      } catch (err) {
        throw classifySqliteError(err, { table: tableOf(op) });
      }
    });
  const keyset = keysetPages(select.statement, op.params.length);
  if (keyset === null) {
    for (let offset = 0; ; ) {
      throwIfAborted(signal);
      const rows = await page(() => runPage(session, select, batchSize, offset));
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) return;
      offset += rows.length;
    }
  }
  let after: unknown[] | null = null;
  for (;;) {
    throwIfAborted(signal);
    const statement = after === null ? keyset.first : keyset.next;
    const params = [...op.params, batchSize, ...(after ?? [])];
    const rows = await page(() => runQuery(session, { ...select, statement, params }).rows);
    const last = rows[rows.length - 1];
    if (last !== undefined) after = keyset.keysOf(last);
    for (const row of rows) keyset.strip(row);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
  }
}
