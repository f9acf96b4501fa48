import type { ExecResponse, Transaction } from "@strata/core";
import { printTransaction } from "../printer/transaction.ts";
import type { PgSession } from "./session.ts";

/** BEGIN [ISOLATION LEVEL ...] [READ ONLY], COMMIT, ROLLBACK and savepoints, on the session's connection. */
export async function runTransaction(session: PgSession, op: Transaction): Promise<ExecResponse> {
  await session.text(printTransaction(op, session.ctx.statements.dialect));
  return { rows: [], rowsAffected: 0 };
}
