import { assertNever, type Row } from "@strata/core";
import { encodeJson } from "../../lower/json.ts";
import type { NormFilter, NormOrder } from "../../simplify/normalized.ts";

/** SQL's three-valued logic: null is "unknown", and only true keeps a row. */
type Tri = boolean | null;

function comparable(v: unknown): string | number | bigint | boolean {
  if (v instanceof Date) return v.getTime();
  return v as string | number | bigint | boolean;
}

/** Compares two non-null values of one field type; strings by code unit, like a binary collation. */
export function compareValues(a: unknown, b: unknown): number {
  const x = comparable(a);
  const y = comparable(b);
  if (typeof x === "bigint" || typeof y === "bigint") {
    const bx = BigInt(x as number | bigint);
    const by = BigInt(y as number | bigint);
    return bx < by ? -1 : bx > by ? 1 : 0;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

function equalValues(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  // Json: key order does not count, as on every backend (lower/json.ts); a Json true is not the object {}.
  const json = (v: unknown) => typeof v === "object" && v !== null && !(v instanceof Date);
  const numeric = (v: unknown) => typeof v === "number" || typeof v === "bigint";
  if (json(a) || json(b) || (typeof a !== typeof b && !(numeric(a) && numeric(b))))
    return encodeJson(a) === encodeJson(b);
  return compareValues(a, b) === 0;
}

function likeMatch(value: string, mode: "contains" | "startsWith" | "endsWith", needle: string): boolean {
  // Same semantics as the SQL path's escaped LIKE: the needle matches literally and case-sensitively.
  if (mode === "contains") return value.includes(needle);
  if (mode === "startsWith") return value.startsWith(needle);
  return value.endsWith(needle);
}

/** Evaluates a normalized filter on one decoded row, as SQL would. */
export function evaluate(f: NormFilter, row: Row, values: readonly unknown[]): Tri {
  switch (f.k) {
    case "and": {
      let unknown = false;
      for (const item of f.items) {
        const r = evaluate(item, row, values);
        if (r === false) return false;
        if (r === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case "or": {
      let unknown = false;
      for (const item of f.items) {
        const r = evaluate(item, row, values);
        if (r === true) return true;
        if (r === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case "not": {
      const r = evaluate(f.item, row, values);
      return r === null ? null : !r;
    }
    case "const":
      return f.value;
    case "null":
      return (row[f.field] === null || row[f.field] === undefined) !== f.negated;
    case "cmp": {
      const v = row[f.field];
      if (v === null || v === undefined) return null;
      const target = values[f.slot];
      if (f.op === "eq") return equalValues(v, target);
      if (f.op === "ne") return !equalValues(v, target);
      const c = compareValues(v, target);
      return f.op === "lt" ? c < 0 : f.op === "lte" ? c <= 0 : f.op === "gt" ? c > 0 : c >= 0;
    }
    case "in": {
      const v = row[f.field];
      if (v === null || v === undefined) return null;
      const found = (values[f.slot] as unknown[]).some((x) => equalValues(v, x));
      return found !== f.negated;
    }
    case "like": {
      const v = row[f.field];
      if (v === null || v === undefined) return null;
      return likeMatch(String(v), f.mode, values[f.slot] as string);
    }
    case "rel":
      throw new Error("relation filters are refused at planning on key-value backends");
    default:
      return assertNever(f, "filter");
  }
}

/** Strata's order: NULLs first on asc and last on desc, then by value. */
export function rowComparator(order: readonly NormOrder[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const { field, dir } of order) {
      const x = a[field];
      const y = b[field];
      const xn = x === null || x === undefined;
      const yn = y === null || y === undefined;
      let c: number;
      if (xn || yn) c = xn && yn ? 0 : xn ? -1 : 1;
      else c = compareValues(x, y);
      if (c !== 0) return dir === "asc" ? c : -c;
    }
    return 0;
  };
}
