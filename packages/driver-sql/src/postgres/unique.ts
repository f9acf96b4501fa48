import type { PoolClient } from "pg";
import { pgFields } from "./errors.ts";

const INDEX_COLUMNS = `SELECT a.attname AS name
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
WHERE c.relname = $1 AND n.nspname = $2
ORDER BY k.ord`;

/**
 * The columns of the unique index behind a 23505, read from the catalog once
 * per (schema, constraint) and cached. Only possible while the connection is
 * outside a failed transaction; otherwise the caller falls back to the
 * error's detail text (column names only, never the values).
 */
export async function resolveUniqueColumns(
  client: PoolClient,
  err: unknown,
  cache: Map<string, readonly string[]>,
): Promise<readonly string[] | undefined> {
  const { code, constraint } = pgFields(err);
  const schema = err instanceof Error ? Reflect.get(err, "schema") : undefined;
  if (code !== "23505" || constraint === undefined || typeof schema !== "string") return undefined;
  const key = `${schema}.${constraint}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (client.getTransactionStatus() !== "I") return undefined;
  try {
    const { rows } = await client.query<{ name: string }>(INDEX_COLUMNS, [constraint, schema]);
    const columns = rows.map((r) => r.name);
    if (columns.length > 0) cache.set(key, columns);
    return columns.length > 0 ? columns : undefined;
  } catch {
    return undefined;
  }
}
