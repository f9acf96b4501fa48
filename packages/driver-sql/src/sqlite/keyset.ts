import { type Expr, expr, type OrderItem, type Row, type SelectNode, select } from "@strata/core";

/**
 * Keyset pages of a select over one table. The select's order is made total
 * with the table's rowid; each page after the first starts after the last
 * row's keys (its order values and rowid, fetched as hidden columns), so rows
 * the consumer updates or deletes between pages never shift the rest, as
 * OFFSET paging would.
 */
export interface KeysetPages {
  /** The first page: `params[paramCount]` binds the page size. */
  readonly first: SelectNode;
  /** Every later page: the page size, then one parameter per key, after the select's own parameters. */
  readonly next: SelectNode;
  /** The parameters that carry a page's last keys into the next page. */
  keysOf(row: Row): unknown[];
  /** Removes the hidden key columns from a row. */
  strip(row: Row): void;
}

const HIDDEN = "__strata_key";

interface Key {
  readonly expr: Expr;
  readonly direction: "asc" | "desc";
  readonly nullsFirst: boolean;
}

const cache = new WeakMap<SelectNode, KeysetPages>();

/** The keyset form of `statement`, or null when it cannot have one (a sub-select source, or its own LIMIT/OFFSET). */
export function keysetPages(statement: SelectNode, paramCount: number): KeysetPages | null {
  if (statement.from.kind !== "Table" || statement.limit || statement.offset) return null;
  const hit = cache.get(statement);
  if (hit) return hit;
  const table = statement.from.alias ?? statement.from.name;
  const keys: Key[] = [
    ...statement.orderBy.map((o: OrderItem) => ({
      expr: o.expr,
      direction: o.direction,
      // The printer's default: NULLs first on asc, last on desc (what SQLite does too).
      nullsFirst: o.nulls ? o.nulls === "first" : o.direction === "asc",
    })),
    { expr: expr.column("rowid", table), direction: "asc" as const, nullsFirst: true },
  ];
  const names = keys.map((_, i) => `${HIDDEN}${i}`);
  const selections = [...statement.selections, ...keys.map((k, i) => select.selection(k.expr, names[i]))];
  const orderBy = keys.map((k) => select.orderItem(k.expr, k.direction, k.nullsFirst ? "first" : "last"));
  const limit = expr.param(paramCount);
  const value = (i: number) => expr.param(paramCount + 1 + i);
  const after = expr.or(
    keys.map((_, i) => expr.and([...keys.slice(0, i).map((k, j) => same(k, value(j))), beyond(keys[i]!, value(i))])),
  );
  const where = statement.where ? expr.and([statement.where, after]) : after;
  const pages: KeysetPages = {
    first: select.cloneWith(statement, { selections, orderBy, limit }),
    next: select.cloneWith(statement, { selections, orderBy, limit, where }),
    keysOf: (row) => names.map((n) => row[n]),
    strip: (row) => {
      for (const n of names) delete row[n];
    },
  };
  cache.set(statement, pages);
  return pages;
}

/** The key equals the value (NULL equals NULL). */
function same(k: Key, v: Expr): Expr {
  return expr.or([expr.compare("=", k.expr, v), expr.and([expr.isNull(k.expr), expr.isNull(v)])]);
}

/** The key sorts after the value in the page order. */
function beyond(k: Key, v: Expr): Expr {
  const past = expr.compare(k.direction === "asc" ? ">" : "<", k.expr, v);
  return k.nullsFirst
    ? // NULLs come first: after a NULL comes every non-NULL; after a value, the greater ones.
      expr.or([expr.and([expr.isNull(v), expr.isNull(k.expr, true)]), past])
    : // NULLs come last: after a value come the greater ones and the NULLs; nothing is after a NULL but NULLs (ties).
      expr.and([expr.isNull(v, true), expr.or([past, expr.isNull(k.expr)])]);
}
