import { StrataError } from "@strata/core";

/**
 * better-sqlite3 waits for another connection's lock inside SQLite's busy
 * handler, which blocks the whole event loop for up to the busy timeout.
 * The connection is opened with a busy timeout of 0 instead, and a statement
 * that finds the database locked is tried again from a timer, with backoff,
 * until `busyTimeoutMs` has passed: other work in the process goes on
 * meanwhile. A locked statement did nothing, so trying it again is safe.
 */
export async function whenUnlocked<T>(work: () => T, busyTimeoutMs: number): Promise<T> {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return work();
    } catch (err) {
      if (!isLocked(err) || performance.now() - started >= busyTimeoutMs) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.min(25, 2 ** attempt)));
    }
  }
}

/**
 * The database is locked by another connection, so waiting can help. Not
 * SQLITE_BUSY_SNAPSHOT: a transaction whose snapshot is stale stays so, and
 * must be retried whole.
 */
export function isLocked(err: unknown): boolean {
  const code = err instanceof StrataError ? err.backendCode : undefined;
  return code === "SQLITE_BUSY" || code === "SQLITE_BUSY_RECOVERY" || code === "SQLITE_LOCKED";
}
