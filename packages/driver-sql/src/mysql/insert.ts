import { type ExecResponse, type Insert, UnsupportedError } from "@strata/core";
import { toMysqlValue } from "./bind.ts";
import { insertIdOf } from "./native.ts";
import type { MysqlSession } from "./session.ts";
import { atomically } from "./transaction.ts";

/** Placeholders per statement (the protocol's 16-bit count). */
const MAX_PARAMETERS = 65535;
/** Rough bytes per statement, well under MariaDB's default 16 MiB max_allowed_packet. */
const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * A multi-row Insert as multi-row INSERT statements, chunked by the parameter
 * limit and a byte budget, all in one transaction (a savepoint inside an open
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

/** Rows split so each statement stays under the parameter limit and the byte budget. */
export function chunkRows(op: Insert): (readonly unknown[])[][] {
  // A column-less INSERT prints `() VALUES ()`, one row per statement.
  const maxRows = op.columns.length === 0 ? 1 : Math.floor(MAX_PARAMETERS / op.columns.length);
  const chunks: (readonly unknown[])[][] = [];
  let current: (readonly unknown[])[] = [];
  let bytes = 0;
  for (const row of op.rows) {
    const size = row.reduce<number>((sum, v) => sum + approximateBytes(v), 0);
    if (current.length > 0 && (current.length >= maxRows || bytes + size > MAX_CHUNK_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  chunks.push(current);
  return chunks;
}

function approximateBytes(value: unknown): number {
  if (typeof value === "string") return value.length * 3 + 8;
  if (value instanceof Uint8Array) return value.byteLength + 8;
  return 16;
}
