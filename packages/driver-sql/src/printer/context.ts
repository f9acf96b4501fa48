import type { SqlDialect } from "../dialect.ts";

/** What the printer hands back: SQL text and, per placeholder in text order, the index into `params`. */
export interface PrintedSql {
  readonly sql: string;
  readonly paramOrder: readonly number[];
}

export interface PrintContext {
  readonly dialect: SqlDialect;
  /** Inside an upsert's SET list, where `excluded.col` names the proposed row. */
  readonly inUpsertSet: boolean;
}

// Placeholders are printed as markers and numbered at the end, so dialect hooks
// can compose fragments in any order. NUL never occurs in quoted identifiers
// (quoteIdentifier rejects it) and values are never printed into the text.
const MARK = "\u0000";
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the marker, chosen because SQL text cannot contain it.
const MARKER_PATTERN = /\u0000(\d+)\u0000/g;

export function paramMarker(index: number): string {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`parameter index must be a whole number >= 0, got ${index}`);
  return `${MARK}${index}${MARK}`;
}

export function finalize(text: string, dialect: SqlDialect): PrintedSql {
  const paramOrder: number[] = [];
  const sql = text.replace(MARKER_PATTERN, (_match, digits: string) => {
    const index = Number(digits);
    const position = paramOrder.length;
    paramOrder.push(index);
    return dialect.placeholder(position, index);
  });
  return { sql, paramOrder };
}
