import type { ExecResponse, QuerySql } from "@strata/core";
import { bindParams } from "./bind.ts";
import { insertIdOf } from "./native.ts";
import type { MysqlSession } from "./session.ts";

/**
 * Runs one statement: rows for a SELECT; for INSERT/UPDATE/DELETE the affected
 * count (matched rows for UPDATE, thanks to CLIENT_FOUND_ROWS) and, for an
 * INSERT, the first id MySQL assigned.
 */
export async function runQuery(session: MysqlSession, op: QuerySql, table: string | undefined): Promise<ExecResponse> {
  const printed = session.ctx.statements.print(op.statement, op.params);
  const values = bindParams(op.params, printed);
  const { rows, header } = await session.execute(printed.sql, values, op.bigints === true, { table });
  if (!header) return { rows, rowsAffected: rows.length };
  const id = op.statement.kind === "InsertStatement" ? insertIdOf(header) : undefined;
  return id === undefined
    ? { rows: [], rowsAffected: header.affectedRows }
    : { rows: [], rowsAffected: header.affectedRows, lastInsertId: id };
}
