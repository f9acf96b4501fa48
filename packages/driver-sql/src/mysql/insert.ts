import { type ExecResponse, type Insert, UnsupportedError } from "@strata/core";
import { insertChunks } from "../insert-chunks.ts";
import { toMysqlValue } from "./bind.ts";
import { insertIdOf } from "./native.ts";
import type { MysqlSession } from "./session.ts";
import { atomically } from "./transaction.ts";

/** Placeholders per statement (the protocol's 16-bit count). */
const MAX_PARAMETERS = 65535;
/** Rough bytes per statement, well under MariaDB's default 16 MiB max_allowed_packet. */
const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * A multi-row Insert as multi-row INSERT statements in bucketed sizes under
 * the parameter limit and a byte budget (chunkRows), all in one transaction (a savepoint inside an open
 * one) so that one failing row writes nothing.
 *
 * MySQL has no RETURNING: the response has no rows, `rowsAffected`, and
 * `lastInsertId` = the FIRST auto-increment id of the LAST chunk (that is what
 * MySQL reports for a multi-row INSERT). For a single row it is that row's id;
 * the engine reads rows back by key.
 */
export async function runInsert(session: MysqlSession, op: Insert): Promise<ExecResponse> {
  if (op.returning.length > 0) {
    throw new UnsupportedError("returning", "MySQL cannot return rows from an INSERT; read them back by key");
  }
  if (op.rows.length === 0) return { rows: [], rowsAffected: 0 };
  const chunks = chunkRows(op);
  const run = async () => {
    let rowsAffected = 0;
    let lastInsertId: number | bigint | undefined;
    for (const chunk of chunks) {
      const printed = session.ctx.statements.insert(op, chunk.length);
      const values = chunk.flatMap((row) => {
        if (row.length !== op.columns.length) {
          throw new RangeError(
            `an Insert row into ${op.table} has ${row.length} values for ${op.columns.length} columns`,
          );
        }
        return row.map(toMysqlValue);
      });
      const { header } = await session.execute(printed.sql, values, false, { table: op.table });
      rowsAffected += header?.affectedRows ?? 0;
      lastInsertId = insertIdOf(header) ?? lastInsertId;
    }
    return lastInsertId === undefined ? { rows: [], rowsAffected } : { rows: [], rowsAffected, lastInsertId };
  };
  return chunks.length === 1 ? run() : atomically(session, run);
}

/**
 * Rows split into the bucketed statement sizes the other SQL backends use
 * (insertChunks: 1,024 rows, then powers of two), so mysql2 prepares each
 * statement text once per connection; a chunk over the byte budget is halved
 * until it fits (halves stay powers of two).
 */
export function chunkRows(op: Insert): (readonly unknown[])[][] {
  const chunks: (readonly unknown[])[][] = [];
  let at = 0;
  for (const size of insertChunks(op.rows.length, op.columns.length, MAX_PARAMETERS)) {
    withinBudget(op.rows.slice(at, at + size), chunks);
    at += size;
  }
  return chunks;
}

function withinBudget(rows: (readonly unknown[])[], out: (readonly unknown[])[][]): void {
  const bytes = rows.reduce((sum, row) => sum + row.reduce<number>((s, v) => s + approximateBytes(v), 0), 0);
  if (rows.length > 1 && bytes > MAX_CHUNK_BYTES) {
    const half = rows.length / 2;
    withinBudget(rows.slice(0, half), out);
    withinBudget(rows.slice(half), out);
  } else out.push(rows);
}

function approximateBytes(value: unknown): number {
  if (typeof value === "string") return value.length * 3 + 8;
  if (value instanceof Uint8Array) return value.byteLength + 8;
  return 16;
}
