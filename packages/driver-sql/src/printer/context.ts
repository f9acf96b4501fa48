import type { SqlDialect } from "../dialect.ts";

/** What the printer hands back: SQL text and, per placeholder in text order, the index into `params`. */
export interface PrintedSql {
  readonly sql: string;
  readonly paramOrder: readonly number[];
  /**
   * Only when IN lists were expanded (dialects with `expandedInList`): per placeholder,
   * the element of the array `params[paramOrder[i]]` it binds, or null for a plain parameter.
   */
  readonly elements?: readonly (number | null)[];
}

/** A list length meaning: print this list as one JSON parameter (dialects with `jsonInList`). */
export const JSON_LIST = -1;

export interface PrintContext {
  readonly dialect: SqlDialect;
  /** Inside an upsert's SET list, where `excluded.col` names the proposed row. */
  readonly inUpsertSet: boolean;
  /** Array length of each ParamList parameter (by params index), for dialects that expand IN lists. */
  readonly listLengths?: ReadonlyMap<number, number> | undefined;
}

// Placeholders are printed as markers and numbered at the end, so dialect hooks
// can compose fragments in any order. NUL never occurs in quoted identifiers
// (quoteIdentifier rejects it) and values are never printed into the text.
const MARK = "\u0000";
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the marker, chosen because SQL text cannot contain it.
const MARKER_PATTERN = /\u0000(\d+)(?:\.(\d+))?\u0000/g;

export function paramMarker(index: number): string {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`parameter index must be a whole number >= 0, got ${index}`);
  return `${MARK}${index}${MARK}`;
}

/** The marker of element `element` of the array parameter `index` (an expanded IN list). */
export function paramElementMarker(index: number, element: number): string {
  return `${paramMarker(index).slice(0, -1)}.${element}${MARK}`;
}

export function finalize(text: string, dialect: SqlDialect): PrintedSql {
  const paramOrder: number[] = [];
  const elements: (number | null)[] = [];
  let expanded = false;
  const sql = text.replace(MARKER_PATTERN, (_match, digits: string, element: string | undefined) => {
    const index = Number(digits);
    const position = paramOrder.length;
    paramOrder.push(index);
    elements.push(element === undefined ? null : Number(element));
    if (element !== undefined) expanded = true;
    return dialect.placeholder(position, index);
  });
  return expanded ? { sql, paramOrder, elements } : { sql, paramOrder };
}
