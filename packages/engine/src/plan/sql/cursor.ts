import { type Expr, expr, type ModelIndex, select } from "@strata/core";
import { column, type Scope, StatementBuilder } from "../../lower/scope.ts";
import type { NormOrder } from "../../simplify/normalized.ts";
import type { SqlStep } from "../types.ts";
import type { PlanContext } from "./context.ts";

/** Keyset paging needs a total order: the user's order, then the id. */
export function totalOrder(model: ModelIndex, orderBy: NormOrder[]): NormOrder[] {
  const out = [...orderBy];
  for (const field of model.def.id) if (!out.some((o) => o.field === field)) out.push({ field, dir: "asc" });
  return out;
}

/** Reads the order values of the cursor row (they are bound raw, in storage form, into the keyset filter). */
export function planCursorStep(
  pc: PlanContext,
  model: ModelIndex,
  cursor: { field: string; slot: number }[],
  orderBy: NormOrder[],
): SqlStep {
  const b = new StatementBuilder(pc.schema, pc.capability);
  const scope: Scope = { model, alias: b.nextAlias() };
  const where = cursor.map(({ field, slot }) =>
    expr.compare("=", column(scope, field), b.slot(slot, b.encoder(model.field(field)))),
  );
  const statement = select.create({
    from: select.table(model.def.table, scope.alias),
    selections: orderBy.map((o) => select.selection(column(scope, o.field), o.field)),
    where: where.length === 1 ? where[0] : expr.and(where),
  });
  return { statement, params: b.params, bigints: orderBy.some((o) => b.isBigint(model.field(o.field))) };
}

/**
 * Rows at or after the cursor row in `orderBy` order:
 * (k1 > c1) OR (k1 = c1 AND k2 > c2) OR ... OR (all equal), with < for desc keys.
 * Order fields are expected to be non-null (documented limit of cursor paging).
 */
export function keysetFilter(b: StatementBuilder, scope: Scope, orderBy: NormOrder[]): Expr {
  const cursorValue = (field: string) => b.param((_, input) => input.cursorRow?.[field]);
  const branches: Expr[] = [];
  for (let i = 0; i <= orderBy.length; i++) {
    const parts: Expr[] = [];
    for (let j = 0; j < i; j++)
      parts.push(expr.compare("=", column(scope, orderBy[j]!.field), cursorValue(orderBy[j]!.field)));
    const key = orderBy[i];
    if (key) parts.push(expr.compare(key.dir === "asc" ? ">" : "<", column(scope, key.field), cursorValue(key.field)));
    branches.push(parts.length === 1 ? parts[0]! : expr.and(parts));
  }
  return expr.or(branches);
}
