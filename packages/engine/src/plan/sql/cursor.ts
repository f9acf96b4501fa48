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
 * (k1 after c1) OR (k1 = c1 AND k2 after c2) OR ... OR (all equal), where
 * "after" is > for asc keys and < for desc keys.
 *
 * NULLs sort first on asc and last on desc (docs/decisions.md), so on a
 * nullable key NULL is the smallest value: "after c" on asc also takes every
 * non-NULL value when c is NULL, on desc it takes the NULLs when c is not,
 * and "equal" holds for two NULLs. Whether c is NULL is a parameter of its
 * own (the statement's shape does not depend on the cursor row), compared
 * with a literal so every backend can type it.
 */
export function keysetFilter(b: StatementBuilder, scope: Scope, orderBy: NormOrder[]): Expr {
  const cursorValue = (field: string) => b.param((_, input) => input.cursorRow?.[field]);
  const cursorIsNull = (field: string, isNull: boolean) =>
    expr.compare(
      "=",
      b.param((_, input) => ((input.cursorRow?.[field] ?? null) === null ? 1 : 0)),
      expr.literal(isNull ? 1 : 0),
    );
  const nullable = (field: string) => scope.model.field(field).nullable;
  const equal = (field: string): Expr => {
    const eq = expr.compare("=", column(scope, field), cursorValue(field));
    if (!nullable(field)) return eq;
    return expr.or([eq, expr.and([expr.isNull(column(scope, field)), cursorIsNull(field, true)])]);
  };
  const after = (key: NormOrder): Expr => {
    const strict = expr.compare(key.dir === "asc" ? ">" : "<", column(scope, key.field), cursorValue(key.field));
    if (!nullable(key.field)) return strict;
    const nulls =
      key.dir === "asc"
        ? expr.and([cursorIsNull(key.field, true), expr.isNull(column(scope, key.field), true)])
        : expr.and([cursorIsNull(key.field, false), expr.isNull(column(scope, key.field))]);
    return expr.or([strict, nulls]);
  };
  const branches: Expr[] = [];
  for (let i = 0; i <= orderBy.length; i++) {
    const parts: Expr[] = [];
    for (let j = 0; j < i; j++) parts.push(equal(orderBy[j]!.field));
    const key = orderBy[i];
    if (key) parts.push(after(key));
    branches.push(parts.length === 1 ? parts[0]! : expr.and(parts));
  }
  return expr.or(branches);
}
