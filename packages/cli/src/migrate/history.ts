import { expr, mutation, type QuerySql, type Statement, select, type TableDef } from "@strata/core";
import { printCreateTable, type SqlConnection, type SqlDialect } from "@strata/driver-sql";
import { HISTORY_TABLE } from "./model.ts";

/** One row of `_strata_migrations`. */
export interface HistoryRow {
  name: string;
  checksum: string;
  appliedAt: string;
  statementsTotal: number;
  statementsDone: number;
  finished: boolean;
  error: string | null;
}

const column = (name: string, storage: "text" | "integer", nullable = false) => ({
  name,
  storage,
  nullable,
  autoincrement: false,
});

/** The history table, as a db-schema table so the shared printer creates it on every backend. */
export const historyTable: TableDef = {
  name: HISTORY_TABLE,
  columns: [
    column("name", "text"),
    column("checksum", "text"),
    column("applied_at", "text"),
    column("statements_total", "integer"),
    column("statements_done", "integer"),
    column("finished", "integer"),
    column("error", "text", true),
  ],
  primaryKey: ["name"],
  indexes: [],
  foreignKeys: [],
};

const COLUMNS = historyTable.columns.map((c) => c.name);
const query = (statement: Statement, params: unknown[], result: "rows" | "affected"): QuerySql => ({
  kind: "QuerySql",
  statement,
  params,
  result,
});

export async function ensureHistoryTable(conn: SqlConnection, dialect: SqlDialect): Promise<void> {
  await conn.runSql(printCreateTable(historyTable, dialect));
}

export async function readHistory(conn: SqlConnection): Promise<Map<string, HistoryRow>> {
  const statement = select.create({
    from: select.table(HISTORY_TABLE),
    selections: COLUMNS.map((c) => select.selection(expr.column(c))),
    orderBy: [select.orderItem(expr.column("name"), "asc")],
  });
  const { rows } = await conn.exec(query(statement, [], "rows"));
  return new Map(
    rows.map((r) => [
      String(r.name),
      {
        name: String(r.name),
        checksum: String(r.checksum),
        appliedAt: String(r.applied_at),
        statementsTotal: Number(r.statements_total),
        statementsDone: Number(r.statements_done),
        finished: Number(r.finished) === 1,
        error: r.error === null || r.error === undefined ? null : String(r.error),
      },
    ]),
  );
}

export async function insertHistory(conn: SqlConnection, row: HistoryRow): Promise<void> {
  const values = [
    row.name,
    row.checksum,
    row.appliedAt,
    row.statementsTotal,
    row.statementsDone,
    row.finished ? 1 : 0,
    row.error,
  ];
  const statement = mutation.insert({
    table: select.table(HISTORY_TABLE),
    columns: COLUMNS,
    rows: [values.map((_, i) => expr.param(i))],
  });
  await conn.exec(query(statement, values, "affected"));
}

/** Records progress of a migration that runs statement by statement (non-transactional DDL). */
export async function updateHistory(
  conn: SqlConnection,
  name: string,
  progress: { statementsDone: number; finished: boolean; error: string | null },
): Promise<void> {
  const statement = mutation.update({
    table: select.table(HISTORY_TABLE),
    set: [
      mutation.assignment("statements_done", expr.param(0)),
      mutation.assignment("finished", expr.param(1)),
      mutation.assignment("error", expr.param(2)),
    ],
    where: expr.compare("=", expr.column("name"), expr.param(3)),
  });
  await conn.exec(
    query(statement, [progress.statementsDone, progress.finished ? 1 : 0, progress.error, name], "affected"),
  );
}
