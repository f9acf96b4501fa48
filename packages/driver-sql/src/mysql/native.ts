import type { Row } from "@strata/core";
import type { FieldPacket, PoolConnection, QueryError, ResultSetHeader } from "mysql2";

/** MySQL's type code of BIGINT columns (and COUNT(*), SUM of integers is DECIMAL). */
const LONGLONG = 8;

/** What one statement produced: rows for a result set, else the OK header. */
export interface NativeResult {
  readonly rows: Row[];
  readonly header: ResultSetHeader | undefined;
}

/** A row converter for a result's fields: BIGINT columns arrive as decimal strings (exact) and leave as bigint or number. */
export function bigintConverter(fields: readonly FieldPacket[] | undefined, bigints: boolean): (row: Row) => Row {
  const names = (fields ?? []).filter((f) => f.columnType === LONGLONG).map((f) => f.name);
  if (names.length === 0) return (row) => row;
  return (row) => {
    for (const name of names) {
      const v = row[name];
      if (typeof v === "string") row[name] = bigints ? BigInt(v) : Number(v);
      else if (typeof v === "number" && bigints) row[name] = BigInt(v);
    }
    return row;
  };
}

/** Runs one prepared statement (mysql2 caches it per connection) and converts BIGINT columns. */
export function executeNative(
  conn: PoolConnection,
  sql: string,
  values: readonly unknown[],
  bigints: boolean,
): Promise<NativeResult> {
  return new Promise((resolve, reject) => {
    conn.execute({ sql, values: [...values] }, (err: QueryError | null, result: unknown, fields: FieldPacket[]) => {
      if (err) return reject(err);
      resolve(toResult(result, fields, bigints));
    });
  });
}

/** Runs one statement over the text protocol (transaction control, DDL): nothing to prepare, no parameters. */
export function queryNative(conn: PoolConnection, sql: string): Promise<NativeResult> {
  return new Promise((resolve, reject) => {
    conn.query({ sql }, (err: QueryError | null, result: unknown, fields: FieldPacket[]) => {
      if (err) return reject(err);
      resolve(toResult(result, fields, false));
    });
  });
}

function toResult(result: unknown, fields: FieldPacket[] | undefined, bigints: boolean): NativeResult {
  if (Array.isArray(result)) return { rows: result.map(bigintConverter(fields, bigints)), header: undefined };
  return { rows: [], header: result as ResultSetHeader };
}

/** The id MySQL assigned (the first of a multi-row INSERT); a decimal string when it exceeds 2^53. */
export function insertIdOf(header: ResultSetHeader | undefined): number | bigint | undefined {
  const id: unknown = header?.insertId;
  if (typeof id === "string") return BigInt(id);
  return typeof id === "number" && id > 0 ? id : undefined;
}
