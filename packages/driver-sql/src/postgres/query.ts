import type { ExecResponse, QuerySql } from "@strata/core";
import { tableOf } from "../operation.ts";
import type { PgSession } from "./session.ts";

/** Runs one printed statement: rows when it produces them (SELECT, RETURNING), else the change count. */
export async function runQuery(session: PgSession, op: QuerySql): Promise<ExecResponse> {
  const stmt = session.ctx.statements.forStatement(op.statement);
  const result = await session.run(stmt, op.params, { bigints: op.bigints, table: tableOf(op) });
  // pg reports rows for SELECT and RETURNING (fields non-empty); rowCount is the command tag's count.
  return { rows: result.rows, rowsAffected: result.rowCount ?? result.rows.length };
}
