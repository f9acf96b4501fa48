import { UniqueViolationError } from "@strata/core";

/** Runs one read-only statement with `?` parameters and returns its rows. */
export type LookupQuery = (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

const UNIQUE_INDEXES =
  "SELECT INDEX_NAME AS indexName, COLUMN_NAME AS name FROM information_schema.STATISTICS " +
  "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 0 ORDER BY INDEX_NAME, SEQ_IN_INDEX";

/**
 * MySQL names only the index in a duplicate-key error, unescaped at the end
 * of a message that also echoes the value ("Duplicate entry '<value>' for key
 * '<index>'"), so no parse of the text is safe when names or values hold
 * quotes. This reads the table's unique indexes from
 * information_schema.STATISTICS and picks the one the message ends with
 * (cached per table for the driver's life; read again when none matches, e.g.
 * after a migration added one).
 */
export class UniqueIndexResolver {
  private readonly cache = new Map<string, ReadonlyMap<string, readonly string[]>>();

  /**
   * Fills `columns` of a unique violation from its index; the error is returned as it is
   * when that fails. `lookup` runs on the session that failed (a statement error leaves it usable).
   */
  async complete(err: unknown, lookup: LookupQuery): Promise<unknown> {
    if (!(err instanceof UniqueViolationError) || err.columns.length > 0 || err.table === undefined) return err;
    const table = err.table;
    const message = sqlMessage(err.cause);
    let columns: readonly string[] | undefined;
    for (const fresh of [false, true]) {
      const indexes = fresh ? undefined : this.cache.get(table);
      try {
        columns = matchIndex(message, table, indexes ?? (await this.read(table, lookup)));
      } catch {
        return err;
      }
      if (columns || !indexes) break;
    }
    if (!columns) return err;
    err.columns = columns;
    err.message = `Unique constraint violated on ${table} (${columns.join(", ")})`;
    return err;
  }

  private async read(table: string, lookup: LookupQuery): Promise<ReadonlyMap<string, readonly string[]>> {
    const indexes = new Map<string, string[]>();
    for (const r of await lookup(UNIQUE_INDEXES, [table])) {
      const name = String(r.indexName);
      const list = indexes.get(name) ?? [];
      list.push(String(r.name));
      indexes.set(name, list);
    }
    this.cache.set(table, indexes);
    return indexes;
  }
}

/** The columns of the index whose name ends the message (MariaDB: `'name'`, MySQL 8: `'table.name'`); the longest name wins. */
function matchIndex(
  message: string,
  table: string,
  indexes: ReadonlyMap<string, readonly string[]>,
): readonly string[] | undefined {
  let best: [string, readonly string[]] | undefined;
  for (const [name, columns] of indexes) {
    const ends = new RegExp(` for key '(?:${asInMessage(table)}\\.)?${asInMessage(name)}'$`, "u").test(message);
    if (ends && (best === undefined || name.length > best[0].length)) best = [name, columns];
  }
  return best?.[1];
}

/**
 * A pattern for a name as the server writes it into an error message: control
 * characters (but tab and line feed) and DEL may come as `\XXXX` hex escapes.
 */
function asInMessage(name: string): string {
  let out = "";
  for (const c of name) {
    const code = c.codePointAt(0) ?? 0;
    const literal = c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    const escaped = (code < 0x20 && c !== "\t" && c !== "\n") || (code >= 0x7f && code <= 0x9f);
    out += escaped ? `(?:${literal}|\\\\${code.toString(16).toUpperCase().padStart(4, "0")})` : literal;
  }
  return out;
}

function sqlMessage(cause: unknown): string {
  if (cause instanceof Error && "sqlMessage" in cause && typeof cause.sqlMessage === "string") return cause.sqlMessage;
  return "";
}
