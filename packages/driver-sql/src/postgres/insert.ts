import { type ExecResponse, expr, type Insert, type InsertNode, mutation, type Row, select } from "@strata/core";
import { atomically } from "./atomic.ts";
import { POSTGRES_MAX_PARAMETERS } from "./capability.ts";
import type { PgSession } from "./session.ts";
import type { PgStatement } from "./statements.ts";

/**
 * A multi-row Insert as multi-row VALUES statements of at most 65535
 * parameters each. Several statements run in one transaction (a savepoint
 * inside an open one), so the Insert is atomic. RETURNING rows come back in
 * input order: PostgreSQL returns a VALUES insert's rows in list order, and
 * chunks run in order.
 */
export async function runInsert(session: PgSession, op: Insert): Promise<ExecResponse> {
  if (op.rows.length === 0) return { rows: [], rowsAffected: 0 };
  for (const row of op.rows) {
    if (row.length !== op.columns.length) {
      throw new RangeError(`an Insert row into ${op.table} has ${row.length} values for ${op.columns.length} columns`);
    }
  }
  const size = rowsPerStatement(op.columns.length);
  const chunks: (readonly (readonly unknown[])[])[] = [];
  for (let i = 0; i < op.rows.length; i += size) chunks.push(op.rows.slice(i, i + size));
  const runAll = async (): Promise<ExecResponse> => {
    const rows: Row[] = [];
    let affected = 0;
    for (const chunk of chunks) {
      const result = await session.run(chunkStatement(session, op, chunk.length, size), chunk.flat(), {
        bigints: op.bigints,
        table: op.table,
      });
      rows.push(...result.rows);
      affected += result.rowCount ?? chunk.length;
    }
    return { rows, rowsAffected: affected };
  };
  return chunks.length === 1 ? runAll() : atomically(session, runAll);
}

/** Rows per statement under the parameter limit; `DEFAULT VALUES` inserts one row per statement. */
export function rowsPerStatement(columns: number): number {
  return columns === 0 ? 1 : Math.max(1, Math.floor(POSTGRES_MAX_PARAMETERS / columns));
}

function chunkStatement(session: PgSession, op: Insert, rowCount: number, fullSize: number): PgStatement {
  const shape = JSON.stringify([op.table, op.columns, op.returning.map((r) => [r.column, r.alias]), rowCount]);
  // Only the common sizes become named statements, so odd batch sizes do not pile up on the server.
  const named = rowCount === 1 || rowCount === fullSize;
  return session.ctx.statements.forShape(shape, () => insertNode(op, rowCount), named);
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
