import { type Expr, expr, type ModelIndex } from "@strata/core";
import { fieldEncoder } from "../../lower/codec.ts";
import type { NormFilter } from "../../simplify/normalized.ts";
import type { PlanContext } from "../sql/context.ts";

const OPS = { eq: "=", ne: "<>", lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;

export interface PushedFilter {
  filter: Expr;
  params: (values: readonly unknown[]) => unknown[];
  /** Every conjunct was expressed; nothing is left for memory. */
  complete: boolean;
}

/**
 * The part of a where a key-value backend can filter by itself: comparisons,
 * null tests and `in` lists, combined with AND/OR/NOT. Text matching and
 * relation filters stay in memory (the engine re-checks every row anyway).
 */
export function pushdownFilter(pc: PlanContext, model: ModelIndex, items: NormFilter[]): PushedFilter | null {
  const sources: ((values: readonly unknown[]) => unknown)[] = [];
  const translate = (f: NormFilter): Expr | null => {
    switch (f.k) {
      case "cmp": {
        const encode = fieldEncoder(pc.capability, model.field(f.field).type);
        sources.push((values) => encode(values[f.slot]));
        return expr.compare(OPS[f.op], expr.column(model.column(f.field)), expr.param(sources.length - 1));
      }
      case "null":
        return expr.isNull(expr.column(model.column(f.field)), f.negated);
      case "in": {
        const encode = fieldEncoder(pc.capability, model.field(f.field).type);
        sources.push((values) => (values[f.slot] as unknown[]).map(encode));
        return expr.inList(expr.column(model.column(f.field)), expr.paramList(sources.length - 1), f.negated);
      }
      case "and":
      case "or": {
        const parts = f.items.map(translate);
        if (parts.some((p) => p === null)) return null;
        return f.k === "and" ? expr.and(parts as Expr[]) : expr.or(parts as Expr[]);
      }
      case "not": {
        const inner = translate(f.item);
        return inner ? expr.not(inner) : null;
      }
      default:
        return null;
    }
  };
  const parts: Expr[] = [];
  for (const item of items) {
    const mark = sources.length;
    const e = translate(item);
    if (e) parts.push(e);
    else sources.length = mark;
  }
  if (parts.length === 0) return null;
  return {
    filter: parts.length === 1 ? parts[0]! : expr.and(parts),
    params: (values) => sources.map((s) => s(values)),
    complete: parts.length === items.length,
  };
}
