import { DriverError, type ExecResponse, type Transaction } from "@strata/core";
import { mysqlDialect, mysqlIsolationStatement } from "../dialects/mysql.ts";
import { printTransaction } from "../printer/transaction.ts";
import type { MysqlSession } from "./session.ts";

const DONE: ExecResponse = Object.freeze({ rows: [], rowsAffected: 0 });

/** The statements of one transaction-control action: an isolation level is set just before START TRANSACTION. */
export function transactionStatements(op: Transaction): string[] {
  const main = printTransaction(op, mysqlDialect);
  return op.action === "begin" && op.isolation ? [mysqlIsolationStatement(op.isolation), main] : [main];
}

/**
 * Runs begin/commit/rollback/savepoint actions. START TRANSACTION inside an open
 * transaction would silently commit it (MySQL's implicit commit), so it is refused.
 */
export async function runTransaction(session: MysqlSession, op: Transaction): Promise<ExecResponse> {
  if (op.action === "begin" && session.inTransaction) {
    throw new DriverError("a transaction is already open on this connection; use a savepoint to nest");
  }
  try {
    for (const sql of transactionStatements(op)) await session.query(sql);
    if (op.action === "begin") session.inTransaction = true;
  } finally {
    // A failed COMMIT or ROLLBACK still ends the transaction (InnoDB rolls it back).
    if (op.action === "commit" || op.action === "rollback") session.inTransaction = false;
  }
  return DONE;
}

/**
 * Runs `work` atomically: inside an open transaction under a savepoint, else in
 * a transaction of its own.
 */
export async function atomically<T>(session: MysqlSession, work: () => Promise<T>): Promise<T> {
  if (session.inTransaction) {
    const name = mysqlDialect.quoteIdentifier(session.nextSavepoint());
    await session.query(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      await session.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      await session.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
      throw err;
    }
  }
  await session.query("START TRANSACTION");
  session.inTransaction = true;
  try {
    const result = await work();
    await session.query("COMMIT");
    return result;
  } catch (err) {
    await session.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    session.inTransaction = false;
  }
}
