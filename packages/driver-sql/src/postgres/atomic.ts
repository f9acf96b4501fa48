import type { PgSession } from "./session.ts";

/**
 * Runs `work` all-or-nothing: in a new transaction, or under a savepoint when
 * the session is already inside one (so the caller's transaction survives a failure).
 */
export async function atomically<T>(session: PgSession, work: () => Promise<T>): Promise<T> {
  const nested = session.inTransaction;
  await session.text(nested ? "SAVEPOINT strata_atomic" : "BEGIN");
  try {
    const result = await work();
    await session.text(nested ? "RELEASE SAVEPOINT strata_atomic" : "COMMIT");
    return result;
  } catch (err) {
    if (!session.lost) {
      const undo = nested ? ["ROLLBACK TO SAVEPOINT strata_atomic", "RELEASE SAVEPOINT strata_atomic"] : ["ROLLBACK"];
      for (const sql of undo) await session.text(sql).catch(() => undefined);
    }
    throw err;
  }
}
