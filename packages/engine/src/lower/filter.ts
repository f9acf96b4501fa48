import { assertNever, type Expr, expr, type SelectNode, select } from "@strata/core";
import type { CompareOp, NormFilter } from "../simplify/normalized.ts";
import { likePattern } from "./codec.ts";
import { relationJoin } from "./relation.ts";
import { column, type Scope, type StatementBuilder } from "./scope.ts";

const SQL_OP: Record<CompareOp, "=" | "<>" | "<" | "<=" | ">" | ">="> = {
  eq: "=",
  ne: "<>",
  lt: "<",
  lte: "<=",
  gt: ">",
  gte: ">=",
};

export const TRUE: Expr = expr.compare("=", expr.literal(1), expr.literal(1));
export const FALSE: Expr = expr.compare("=", expr.literal(1), expr.literal(0));

/** Lowers a normalized filter on `scope` to a SQL expression over columns and parameters. */
export function lowerFilter(b: StatementBuilder, scope: Scope, filter: NormFilter): Expr {
  switch (filter.k) {
    case "and":
      return expr.and(filter.items.map((f) => lowerFilter(b, scope, f)));
    case "or":
      return expr.or(filter.items.map((f) => lowerFilter(b, scope, f)));
    case "not":
      return expr.not(lowerFilter(b, scope, filter.item));
    case "const":
      return filter.value ? TRUE : FALSE;
    case "cmp": {
      const field = scope.model.field(filter.field);
      return expr.compare(SQL_OP[filter.op], column(scope, filter.field), b.slot(filter.slot, b.encoder(field)));
    }
    case "null":
      return expr.isNull(column(scope, filter.field), filter.negated);
    case "in": {
      const field = scope.model.field(filter.field);
      const encode = b.encoder(field);
      const slot = filter.slot;
      const list = b.paramList((values) => (values[slot] as unknown[]).map(encode), field);
      return expr.inList(column(scope, filter.field), list, filter.negated);
    }
    case "like": {
      const { slot, mode } = filter;
      return expr.like(
        column(scope, filter.field),
        b.param((values) => likePattern(mode, values[slot] as string)),
      );
    }
    case "rel":
      return lowerRelationFilter(b, scope, filter);
    default:
      return assertNever(filter, "filter");
  }
}

/**
 * Relation filters become correlated EXISTS sub-queries:
 * some → EXISTS(match), none → NOT EXISTS(match), every → NOT EXISTS(NOT match),
 * is → EXISTS(match), isNot → NOT EXISTS(match); `is: null` → NOT EXISTS(related).
 */
function lowerRelationFilter(b: StatementBuilder, scope: Scope, filter: NormFilter & { k: "rel" }): Expr {
  const relation = scope.model.relations.get(filter.relation)!;
  const inner: Scope = { model: b.schema.model(relation.target), alias: b.nextAlias() };
  const join = relationJoin(relation, scope, inner);
  const matchOf = (f: NormFilter | null) => (f ? lowerFilter(b, inner, f) : null);
  const sub = (cond: Expr | null): SelectNode =>
    select.create({
      from: select.table(inner.model.def.table, inner.alias),
      selections: [select.selection(expr.literal(1), "one")],
      where: cond ? expr.and([join, cond]) : join,
    });
  switch (filter.mode) {
    case "some":
      return expr.exists(sub(matchOf(filter.filter)));
    case "none":
      return expr.exists(sub(matchOf(filter.filter)), true);
    case "every":
      return filter.filter ? expr.exists(sub(expr.not(lowerFilter(b, inner, filter.filter))), true) : TRUE;
    case "is":
      return expr.exists(sub(matchOf(filter.filter)), filter.filter === null);
    case "isNot":
      return expr.exists(sub(matchOf(filter.filter)), filter.filter !== null);
    default:
      return assertNever(filter.mode, "relation filter mode");
  }
}
