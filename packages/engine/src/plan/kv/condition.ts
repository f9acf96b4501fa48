import { type Expr, expr, type ModelIndex, type Row } from "@strata/core";
import { fieldEncoder } from "../../lower/codec.ts";
import type { NormFilter } from "../../simplify/normalized.ts";
import type { PlanContext } from "../sql/context.ts";
import { fitsFilter, pushdownFilter } from "./filter.ts";

/** The condition a key-value write carries, for one found item. */
export type KvWriteCondition = (
  found: Row,
  values: readonly unknown[],
) => { filter?: Expr; filterParams?: readonly unknown[] };

/**
 * Makes a write of a found item a compare-and-set: the write itself checks
 * that the item still matches the where. The parts of the where the backend
 * can evaluate go as they are; for the others (text matching) the item must
 * still hold, in each field they test, the value it was found with.
 */
export function kvWriteCondition(pc: PlanContext, model: ModelIndex, where: NormFilter | null): KvWriteCondition {
  const conjuncts = where === null ? [] : where.k === "and" ? where.items : [where];
  const pushable: NormFilter[] = [];
  const residualFields = new Set<string>();
  for (const c of conjuncts) {
    if (pushdownFilter(pc, model, [c])?.complete) pushable.push(c);
    else fieldsOf(c, residualFields);
  }
  const pushed = pushdownFilter(pc, model, pushable);
  const fallbackFields = new Set<string>();
  for (const c of pushable) fieldsOf(c, fallbackFields);
  const column = (field: string) => ({
    field,
    column: model.column(field),
    encode: fieldEncoder(pc.capability, model.field(field)),
  });
  const residual = [...residualFields].map(column);
  // Past the backend's expression limits (an `in` of thousands), the pushable part is checked the same way.
  const fallback = [...fallbackFields].filter((f) => !residualFields.has(f)).map(column);
  if (!pushed && residual.length === 0) return () => ({});
  return (found, values) => {
    const pushedParams = pushed ? pushed.params(values) : [];
    const fits = pushed !== null && fitsFilter(pushed.filter, pushedParams, pc.capability.filterLimits);
    const parts: Expr[] = fits ? [pushed.filter] : [];
    const params = fits ? pushedParams : [];
    for (const r of fits ? residual : [...residual, ...fallback]) {
      const value = found[r.field];
      if (value === null || value === undefined) parts.push(expr.isNull(expr.column(r.column), false));
      else {
        params.push(r.encode(value));
        parts.push(expr.compare("=", expr.column(r.column), expr.param(params.length - 1)));
      }
    }
    return { filter: parts.length === 1 ? parts[0]! : expr.and(parts), filterParams: params };
  };
}

/** The model's own fields a filter tests (relation filters are refused by the key-value planner before this). */
function fieldsOf(f: NormFilter, into: Set<string>): void {
  switch (f.k) {
    case "and":
    case "or":
      for (const item of f.items) fieldsOf(item, into);
      return;
    case "not":
      fieldsOf(f.item, into);
      return;
    case "cmp":
    case "null":
    case "in":
    case "like":
      into.add(f.field);
      return;
    case "rel":
    case "const":
      return;
  }
}
