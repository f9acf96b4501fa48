import { type Capability, type Expr, expr, type ModelIndex } from "@strata/core";
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
 * Whether a filter with these parameter values stays within the backend's
 * expression limits. The size is an estimate on the safe side: each node as
 * long as the driver prints it with long placeholder names.
 */
export function fitsFilter(filter: Expr, params: readonly unknown[], limits: Capability["filterLimits"]): boolean {
  if (!limits) return true;
  let operators = 0;
  let bytes = 0;
  let listsFit = true;
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case "Compare":
        operators++;
        bytes += 16;
        return;
      case "IsNull":
        operators += 2;
        bytes += 60;
        return;
      case "InList": {
        const length = (params[e.list.index] as readonly unknown[] | undefined)?.length ?? 0;
        if (length > limits.inList) listsFit = false;
        operators++;
        bytes += 12 + 8 * length;
        return;
      }
      case "And":
      case "Or":
        operators += Math.max(0, e.items.length - 1);
        bytes += 8 * e.items.length;
        for (const item of e.items) walk(item);
        return;
      case "Not":
        operators++;
        bytes += 8;
        walk(e.expr);
        return;
      default:
        bytes += 16;
    }
  };
  walk(filter);
  return listsFit && operators <= limits.operators && bytes <= limits.bytes;
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
        const encode = fieldEncoder(pc.capability, model.field(f.field));
        sources.push((values) => encode(values[f.slot]));
        return expr.compare(OPS[f.op], expr.column(model.column(f.field)), expr.param(sources.length - 1));
      }
      case "null":
        return expr.isNull(expr.column(model.column(f.field)), f.negated);
      case "in": {
        const encode = fieldEncoder(pc.capability, model.field(f.field));
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
