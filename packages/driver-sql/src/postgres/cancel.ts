import { pgLibrary } from "../native.ts";
import type { PgContext } from "./session.ts";

/**
 * Cancels whatever statement the backend `pid` is running, from a separate
 * short-lived connection: the pool may be exhausted (the streaming connection
 * is one of its members), and a cancel must never wait for a pool slot.
 */
export async function cancelBackend(ctx: PgContext, pid: number): Promise<void> {
  const client = new (pgLibrary().Client)(ctx.pool.options);
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT pg_cancel_backend($1)", [pid]);
  } finally {
    await client.end().catch(() => undefined);
  }
}
