import { type ExecResponse, expr, type Insert, type InsertNode, mutation, type Row, select } from "@strata/core";
import { insertChunks } from "../insert-chunks.ts";
import { atomically } from "./atomic.ts";
import { POSTGRES_MAX_PARAMETERS } from "./capability.ts";
import type { PgSession } from "./session.ts";
import type { PgStatement } from "./statements.ts";

/**
 * A multi-row Insert as multi-row VALUES statements of bucketed sizes
 * (insertChunks), each a named statement prepared once per connection.
 * Several statements run in one transaction (a savepoint inside an open one),
 * so the Insert is atomic. RETURNING rows come back in input order:
 * PostgreSQL returns a VALUES insert's rows in list order, and chunks run in
 * order.
 */
export async function runInsert(session: PgSession, op: Insert): Promise<ExecResponse> {
  if (op.rows.length === 0) return { rows: [], rowsAffected: 0 };
  const width = op.columns.length;
  for (const row of op.rows) {
    if (row.length !== width) {
      throw new RangeError(`an Insert row into ${op.table} has ${row.length} values for ${width} columns`);
    }
  }
  const chunks = insertChunks(op.rows.length, width, POSTGRES_MAX_PARAMETERS);
  const runAll = async (): Promise<ExecResponse> => {
    const rows: Row[] = [];
    let affected = 0;
    let at = 0;
    for (const size of chunks) {
      const params = new Array<unknown>(size * width);
      for (let r = 0, p = 0; r < size; r++) {
        const row = op.rows[at + r]!;
        for (let c = 0; c < width; c++) params[p++] = row[c];
      }
      const result = await session.run(chunkStatement(session, op, size), params, {
        bigints: op.bigints,
        table: op.table,
      });
      if (result.rows.length > 0) rows.push(...result.rows);
      affected += result.rowCount ?? size;
      at += size;
    }
    return { rows, rowsAffected: affected };
  };
  return chunks.length === 1 ? runAll() : atomically(session, runAll);
}

function chunkStatement(session: PgSession, op: Insert, rowCount: number): PgStatement {
  const shape = JSON.stringify([op.table, op.columns, op.returning.map((r) => [r.column, r.alias]), rowCount]);
  return session.ctx.statements.forShape(shape, () => insertNode(op, rowCount));
}

/** The statement AST inserting `rowCount` rows of an Insert; row r, column c binds to params[r * columns + c]. */
export function insertNode(op: Insert, rowCount: number): InsertNode {
  const width = op.columns.length;
  const rows =
    width === 0 ? [] : Array.from({ length: rowCount }, (_, r) => op.columns.map((_, c) => expr.param(r * width + c)));
  return mutation.insert({
    table: select.table(op.table),
    columns: op.columns,
    rows,
    returning: op.returning.map((r) => select.selection(expr.column(r.column), r.alias)),
  });
}
