import { type Expr, expr, select } from "@strata/core";
import { lowerFilter } from "../../lower/filter.ts";
import { type Scope, StatementBuilder } from "../../lower/scope.ts";
import type { NormRead } from "../../simplify/normalized.ts";
import type { SqlStep } from "../types.ts";
import type { PlanContext } from "./context.ts";

/** SELECT COUNT(*); with take/skip the window is counted through a sub-select. */
export function planCount(pc: PlanContext, modelName: string, read: NormRead): SqlStep {
  const b = new StatementBuilder(pc.schema, pc.capability);
  const model = pc.schema.model(modelName);
  const scope: Scope = { model, alias: b.nextAlias() };
  const where: Expr | undefined = read.where ? lowerFilter(b, scope, read.where) : undefined;
  const from = select.table(model.def.table, scope.alias);
  const count = [select.selection(expr.countAll(), "count")];
  if (read.take === null && read.skip === null) {
    return { statement: select.create({ from, selections: count, where }), params: b.params, bigints: false };
  }
  const { take, skip } = read;
  const inner = select.create({
    from,
    selections: [select.selection(expr.literal(1), "one")],
    where,
    limit: take === null ? undefined : b.param((values) => values[take]),
    offset: skip === null ? undefined : b.param((values) => values[skip]),
  });
  const statement = select.create({ from: select.subquery(inner, b.nextAlias()), selections: count });
  return { statement, params: b.params, bigints: false };
}
