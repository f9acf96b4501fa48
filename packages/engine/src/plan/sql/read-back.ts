import { type Expr, expr, mutation, select } from "@strata/core";
import { rowDecoder } from "../../lower/decode.ts";
import { lowerFilter } from "../../lower/filter.ts";
import { column, type Scope, StatementBuilder } from "../../lower/scope.ts";
import type { NormAssignment, NormFilter } from "../../simplify/normalized.ts";
import type { ReadNode, SqlStep } from "../types.ts";
import type { PlanContext } from "./context.ts";
import { assignments } from "./write.ts";

/**
 * Backends without RETURNING write first and read the row back by its key.
 * The key travels as run-time input (`input.key`, in storage form, in the
 * order of the model's id fields).
 */
function keyCondition(b: StatementBuilder, scope: Scope): Expr {
  const parts = scope.model.def.id.map((field, i) =>
    expr.compare(
      "=",
      column(scope, field),
      b.param((_, input) => input.key?.[i]),
    ),
  );
  return parts.length === 1 ? parts[0]! : expr.and(parts);
}

/** SELECT every field WHERE id = key. */
export function planReadByKey(pc: PlanContext, modelName: string): ReadNode {
  const b = new StatementBuilder(pc.schema, pc.capability);
  const model = pc.schema.model(modelName);
  const scope: Scope = { model, alias: b.nextAlias() };
  const fields = model.def.fields.map((f) => f.name);
  const statement = select.create({
    from: select.table(model.def.table, scope.alias),
    selections: fields.map((f) => select.selection(column(scope, f), f)),
    where: keyCondition(b, scope),
  });
  return {
    model: modelName,
    step: { statement, params: b.params, bigints: fields.some((f) => b.isBigint(model.field(f))) },
    decode: rowDecoder(b, model, fields),
    hidden: [],
    includes: [],
  };
}

/** SELECT the id fields (raw, not decoded) of the rows matching `where`. */
export function planKeyLookup(pc: PlanContext, modelName: string, where: NormFilter): SqlStep {
  const b = new StatementBuilder(pc.schema, pc.capability);
  const model = pc.schema.model(modelName);
  const scope: Scope = { model, alias: b.nextAlias() };
  const statement = select.create({
    from: select.table(model.def.table, scope.alias),
    selections: model.def.id.map((f) => select.selection(column(scope, f), f)),
    where: lowerFilter(b, scope, where),
  });
  return { statement, params: b.params, bigints: model.def.id.some((f) => b.isBigint(model.field(f))) };
}

/**
 * UPDATE ... SET ... WHERE id = key AND (the update's where): the write checks
 * the condition again itself, so a row that stopped matching after it was
 * found is not changed (0 rows affected) — the found key alone would let
 * every concurrent claimer win.
 */
export function planUpdateByKey(pc: PlanContext, modelName: string, set: NormAssignment[], where: NormFilter): SqlStep {
  const b = new StatementBuilder(pc.schema, pc.capability);
  const model = pc.schema.model(modelName);
  const scope: Scope = { model, alias: model.def.table };
  const statement = mutation.update({
    table: select.table(model.def.table),
    set: assignments(b, scope, set),
    where: expr.and([keyCondition(b, scope), lowerFilter(b, scope, where)]),
  });
  return { statement, params: b.params, bigints: false };
}

/**
 * The key of the row after an update: an id field that the update sets takes
 * its new value (encoded like any parameter); the others keep the found one.
 */
export function keyAfterUpdate(pc: PlanContext, modelName: string, set: NormAssignment[]) {
  const b = new StatementBuilder(pc.schema, pc.capability);
  const model = pc.schema.model(modelName);
  const sources = model.def.id.map((field, i) => {
    const assignment = set.find((a) => a.field === field && a.how === "set");
    if (!assignment) return (_values: readonly unknown[], found: readonly unknown[]) => found[i];
    const encode = b.encoder(model.field(field));
    return (values: readonly unknown[]) => encode(values[assignment.slot]);
  });
  return (values: readonly unknown[], found: readonly unknown[]) => sources.map((s) => s(values, found));
}
