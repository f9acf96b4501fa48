import type pg from "pg";
import { PostgresConnection } from "./connection.ts";
import { acquire } from "./pool.ts";
import type { PgContext } from "./session.ts";

/**
 * Runs `fn` on one physical connection (cursors, temp tables, advisory locks,
 * session settings). Before the connection goes back to the pool, a
 * transaction left open is rolled back and, if named statements were prepared
 * during the pin, `DEALLOCATE ALL` drops them (and pg forgets them too).
 */
export async function pin<T>(ctx: PgContext, fn: (connection: PostgresConnection) => Promise<T>): Promise<T> {
  const session = await acquire(ctx);
  const before = new Set(preparedNames(session.client));
  const connection = new PostgresConnection(session, false);
  try {
    return await fn(connection);
  } finally {
    try {
      await connection.close();
      const made = preparedNames(session.client).some((name) => !before.has(name));
      if (made && !session.lost) {
        await session.text("DEALLOCATE ALL");
        forgetPrepared(session.client);
      }
    } finally {
      session.release();
    }
  }
}

/** pg's own record of the named statements it prepared on this connection (not part of its typed API). */
function preparedRecords(client: pg.PoolClient): Record<string, unknown>[] {
  const connection: object = client.connection;
  const records: Record<string, unknown>[] = [];
  for (const key of ["parsedStatements", "submittedNamedStatements"]) {
    const value: unknown = Reflect.get(connection, key);
    if (typeof value === "object" && value !== null) records.push(value as Record<string, unknown>);
  }
  return records;
}

export function preparedNames(client: pg.PoolClient): string[] {
  return preparedRecords(client).flatMap((r) => Object.keys(r));
}

function forgetPrepared(client: pg.PoolClient): void {
  for (const record of preparedRecords(client)) for (const key of Object.keys(record)) delete record[key];
}
