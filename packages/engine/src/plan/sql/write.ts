import { type Assignment, expr, mutation, select } from "@strata/core";
import { arithmeticRange } from "../../lower/arithmetic.ts";
import { rowDecoder } from "../../lower/decode.ts";
import { lowerFilter } from "../../lower/filter.ts";
import { column, type Scope, StatementBuilder } from "../../lower/scope.ts";
import type { NormAssignment, NormFilter, NormSelection } from "../../simplify/normalized.ts";
import type { CreateStep, ReadAfterWrite, SqlStep } from "../types.ts";
import type { PlanContext } from "./context.ts";
import { planInclude } from "./read.ts";

const ARITHMETIC = { increment: "+", decrement: "-", multiply: "*", divide: "/" } as const;

/** Where written rows go next: includes loaded, then only the selected fields kept. */
export function planAfterWrite(pc: PlanContext, modelName: string, selection: NormSelection): ReadAfterWrite {
  return {
    model: modelName,
    includes: selection.relations.map((r) => planInclude(pc, modelName, r.relation, r.read)),
    keep: [...selection.fields, ...selection.relations.map((r) => r.relation)],
  };
}

function allFields(pc: PlanContext, modelName: string): string[] {
  return pc.schema.model(modelName).def.fields.map((f) => f.name);
}

/**
 * An insert of rows aligned to `fields`; fields left out get their default
 * (made per row), autoincrement ids are left to the database.
 */
export function planInsert(
  pc: PlanContext,
  modelName: string,
  fields: readonly string[],
  returning: boolean,
): CreateStep {
  const b = new StatementBuilder(pc.schema, pc.capability);
  const model = pc.schema.model(modelName);
  const defaults = pc.defaults.get(modelName);
  const columns: string[] = [];
  const sources: CreateStep["columns"] = [];
  let inPlace = true;
  for (const field of model.def.fields) {
    const encode = b.encoder(field);
    const make = defaults?.get(field.name);
    const at = fields.indexOf(field.name);
    if (at >= 0) {
      if (at !== sources.length) inPlace = false;
      sources.push((row) => {
        const v = row[at];
        if (v !== undefined) return v === null ? null : encode(v);
        return make ? encodeNullable(make(), encode) : null;
      });
    } else if (make) {
      inPlace = false;
      sources.push(() => encodeNullable(make(), encode));
    } else {
      // Nullable fields stay NULL and autoincrement ids are assigned by the database.
      continue;
    }
    columns.push(model.column(field.name));
  }
  const all = allFields(pc, modelName);
  return {
    insert: {
      kind: "Insert",
      table: model.def.table,
      columns,
      returning: returning ? all.map((f) => ({ column: model.column(f), alias: f })) : [],
      bigints: returning && all.some((f) => b.isBigint(model.field(f))),
    },
    columns: sources,
    inPlace: inPlace && sources.length === fields.length,
    decode: rowDecoder(b, model, all),
    key: model.def.id.map((field) => {
      const at = columns.indexOf(model.column(field));
      // An id the database assigned (autoincrement) comes back as lastInsertId.
      return at >= 0 ? (params: readonly unknown[]) => params[at] : (_: readonly unknown[], id: unknown) => id;
    }),
  };
}

function encodeNullable(v: unknown, encode: (v: unknown) => unknown): unknown {
  return v === null || v === undefined ? null : encode(v);
}

function rootScope(pc: PlanContext, modelName: string): Scope {
  const model = pc.schema.model(modelName);
  return { model, alias: model.def.table };
}

export function assignments(b: StatementBuilder, scope: Scope, set: NormAssignment[]): Assignment[] {
  return set.map((a) => {
    const field = scope.model.field(a.field);
    const value = b.slot(a.slot, b.encoder(field));
    // Integer fields divide as integers on every backend (7 / 2 = 3).
    const op = a.how === "divide" && field.type !== "number" ? "div" : ARITHMETIC[a.how as keyof typeof ARITHMETIC];
    const target = scope.model.column(a.field);
    const rhs =
      a.how === "set"
        ? value
        : expr.arithmetic(op, column(scope, a.field), value, {
            type: arithmeticRange(field.type),
            column: target,
          });
    return mutation.assignment(target, rhs);
  });
}

/** UPDATE ... SET ... WHERE ...; with RETURNING of every field when the written rows are wanted. */
export function planUpdate(
  pc: PlanContext,
  modelName: string,
  where: NormFilter | null,
  set: NormAssignment[],
  returning: boolean,
) {
  const b = new StatementBuilder(pc.schema, pc.capability);
  const scope = rootScope(pc, modelName);
  const all = allFields(pc, modelName);
  const statement = mutation.update({
    table: select.table(scope.model.def.table),
    set: assignments(b, scope, set),
    where: where ? lowerFilter(b, scope, where) : undefined,
    returning: returning ? all.map((f) => select.selection(column(scope, f), f)) : [],
  });
  const step: SqlStep = {
    statement,
    params: b.params,
    bigints: returning && all.some((f) => b.isBigint(scope.model.field(f))),
  };
  return { step, decode: rowDecoder(b, scope.model, all) };
}

export function planDeleteWhere(pc: PlanContext, modelName: string, where: NormFilter | null): SqlStep {
  const b = new StatementBuilder(pc.schema, pc.capability);
  const scope = rootScope(pc, modelName);
  const statement = mutation.delete({
    table: select.table(scope.model.def.table),
    where: where ? lowerFilter(b, scope, where) : undefined,
  });
  return { statement, params: b.params, bigints: false };
}
