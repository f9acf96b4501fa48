import type { ExecResponse, Transaction } from "@strata/core";
import { sqliteDialect } from "../dialects/sqlite.ts";
import { printTransaction } from "../printer/transaction.ts";
import type { SqliteSession } from "./session.ts";

/**
 * Runs one transaction-control operation. A read-only transaction is a
 * deferred BEGIN plus `PRAGMA query_only = ON` until it commits or rolls back,
 * so a write inside it fails with SQLITE_READONLY.
 */
export function runTransaction(session: SqliteSession, op: Transaction): ExecResponse {
  const { db, cache } = session;
  try {
    cache.forText(printTransaction(op, sqliteDialect)).stmt.run();
    if (op.action === "begin" && op.readOnly === true) {
      db.pragma("query_only = ON");
      session.queryOnly = true;
    }
  } finally {
    endQueryOnlyOutsideTransaction(session);
  }
  return { rows: [], rowsAffected: 0 };
}

/** Turns `query_only` off once no transaction is open (after commit, rollback or a failed begin). */
export function endQueryOnlyOutsideTransaction(session: SqliteSession): void {
  if (session.queryOnly && !session.db.inTransaction) {
    session.db.pragma("query_only = OFF");
    session.queryOnly = false;
  }
}
