import { type ExecResponse, expr, type Insert, type InsertNode, mutation, type Row, select } from "@strata/core";
import { insertChunks } from "../insert-chunks.ts";
import { toSqliteValue } from "./bind.ts";
import type { SqliteSession } from "./session.ts";
import { type PreparedSql, useSafeIntegers } from "./statements.ts";

/** SQLITE_MAX_VARIABLE_NUMBER in better-sqlite3's build. */
const MAX_PARAMETERS = 32766;

/**
 * A multi-row Insert, atomically: every row in one better-sqlite3 transaction
 * (a savepoint when the connection is already inside one), so one failing row
 * writes nothing.
 *
 * Without RETURNING, rows go in multi-row VALUES statements of bucketed sizes
 * (insertChunks: 1,024 rows, then 512, 256, … for the rest), each prepared
 * once per shape and size: 10,000 rows take 9 + a few statements, not 10,000. With RETURNING
 * each row runs the single-row statement, so returned rows stay aligned with
 * the input rows (SQLite does not promise the order of a multi-row RETURNING).
 */
export function runInsert(session: SqliteSession, op: Insert): ExecResponse {
  if (op.rows.length === 0) return { rows: [], rowsAffected: 0 };
  const width = op.columns.length;
  for (const row of op.rows) {
    if (row.length !== width) {
      throw new RangeError(`an Insert row into ${op.table} has ${row.length} values for ${width} columns`);
    }
  }
  if (isChunked(op)) return insertChunked(session, op);
  const prepared = insertStatement(session, op, 1);
  const stmt = useSafeIntegers(prepared.native, op.bigints === true);
  const returning = op.returning.length > 0;
  const rows: Row[] = [];
  let lastInsertId: number | bigint | undefined;
  const insertAll = session.db.transaction(() => {
    for (const row of op.rows) {
      const values = row.map(toSqliteValue);
      if (returning) rows.push(stmt.get(values) as Row);
      else lastInsertId = stmt.run(values).lastInsertRowid;
    }
  });
  insertAll();
  return lastInsertId === undefined
    ? { rows, rowsAffected: op.rows.length }
    : { rows, rowsAffected: op.rows.length, lastInsertId };
}

/** Whether the Insert goes in multi-row statements (no RETURNING, more than one row, some columns). */
export function isChunked(op: Insert): boolean {
  return op.returning.length === 0 && op.rows.length > 1 && op.columns.length > 0;
}

/** The rows of each statement of a chunked Insert, in order. */
export function chunksOf(op: Insert): number[] {
  return insertChunks(op.rows.length, op.columns.length, MAX_PARAMETERS);
}

function insertChunked(session: SqliteSession, op: Insert): ExecResponse {
  const width = op.columns.length;
  let lastInsertId: number | bigint | undefined;
  const insertAll = session.db.transaction(() => {
    let at = 0;
    let params: unknown[] = [];
    for (const size of chunksOf(op)) {
      const prepared = insertStatement(session, op, size);
      const stmt = useSafeIntegers(prepared.native, op.bigints === true);
      if (params.length !== size * width) params = new Array<unknown>(size * width);
      let p = 0;
      for (let r = at; r < at + size; r++) {
        const row = op.rows[r]!;
        for (let c = 0; c < width; c++, p++) params[p] = toSqliteValue(row[c], p);
      }
      lastInsertId = stmt.run(params).lastInsertRowid;
      at += size;
    }
  });
  insertAll();
  return lastInsertId === undefined
    ? { rows: [], rowsAffected: op.rows.length }
    : { rows: [], rowsAffected: op.rows.length, lastInsertId };
}

/** The `rows`-row INSERT for this table/columns/returning shape, printed by the shared printer and cached by shape. */
function insertStatement(session: SqliteSession, op: Insert, rows: number): PreparedSql {
  const shape = JSON.stringify([op.table, op.columns, op.returning.map((r) => [r.column, r.alias]), rows]);
  return session.cache.forShape(shape, () => (rows === 1 ? singleRowInsert(op) : multiRowInsert(op, rows)));
}

/** The statement AST that inserts `rows` rows; row r's column c binds to param r × columns + c. */
function multiRowInsert(op: Insert, rows: number): InsertNode {
  const width = op.columns.length;
  return mutation.insert({
    table: select.table(op.table),
    columns: op.columns,
    rows: Array.from({ length: rows }, (_, r) => op.columns.map((_, c) => expr.param(r * width + c))),
    returning: [],
  });
}

/** The statement AST that inserts one row of an Insert operation; row values bind to params 0..n-1. */
export function singleRowInsert(op: Insert): InsertNode {
  return mutation.insert({
    table: select.table(op.table),
    columns: op.columns,
    rows: op.columns.length === 0 ? [] : [op.columns.map((_, i) => expr.param(i))],
    returning: op.returning.map((r) => select.selection(expr.column(r.column), r.alias)),
  });
}
