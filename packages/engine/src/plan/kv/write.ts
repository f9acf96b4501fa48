import { type Expr, expr, type ModelIndex, type Row, UnsupportedError } from "@strata/core";
import { addBounds, arithmeticRange, checkedSum } from "../../lower/arithmetic.ts";
import { fieldEncoder } from "../../lower/codec.ts";
import type { NormAssignment, NormFilter, NormSelection } from "../../simplify/normalized.ts";
import { allScalars, plainRead } from "../../simplify/read.ts";
import { planInsert } from "../sql/write.ts";
import { kvDecoder } from "./decode.ts";
import { type KvPlanContext, planKvInclude, planKvRead, versionFieldOf } from "./read.ts";
import type { KvDecode, KvInclude, KvReadNode } from "./types.ts";

type Values = readonly unknown[];

/** What to do with a written row: includes, then only the selected fields. */
export interface KvAfter {
  includes: KvInclude[];
  keep: string[];
}

export interface KvItemMaker {
  table: string;
  /** Builds one item (column → storage value) from a row of user values. */
  item: (row: Values, values: Values) => Record<string, unknown>;
  decode: KvDecode;
}

/** How an update changes one item: SET values (null removes) and ADD deltas. */
export interface KvChange {
  set: (values: Values) => Record<string, unknown>;
  /**
   * ADD deltas for the item as found: a field found null is left null (as
   * SQL's NULL + 1), and a result outside the field's range is an
   * ArithmeticError before anything is written.
   */
  add: (values: Values, found: Row) => Record<string, unknown>;
  /**
   * What the item must still hold when the write lands for those deltas to
   * be right: each incremented field still null, or still within the bounds
   * that keep its sum in range. Param indexes start at `offset`.
   */
  guard: (values: Values, found: Row, offset: number) => { parts: Expr[]; params: unknown[] };
  keyOf: (row: Record<string, unknown>) => Record<string, unknown>;
  /** The row as it will be after the change (for writes buffered in a transaction). */
  apply: (row: Record<string, unknown>, values: Values) => Record<string, unknown>;
}

export function refuseAutoincrement(model: ModelIndex): void {
  const auto = model.def.fields.find((f) => f.default?.kind === "autoincrement");
  if (auto) {
    throw new UnsupportedError(
      "autoincrement",
      `${model.name}.${auto.name} is a number id that the database should assign; this backend cannot. Use a string id (UUID v7 is generated) for models stored here.`,
    );
  }
}

export function kvItemMaker(pc: KvPlanContext, model: ModelIndex, fields: readonly string[]): KvItemMaker {
  refuseAutoincrement(model);
  const insert = planInsert(pc, model.name, fields, false);
  const columns = insert.insert.columns;
  return {
    table: model.def.table,
    item: (row, values) => {
      const item: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) item[columns[i]!] = insert.columns[i]!(row, values);
      return item;
    },
    decode: kvDecoder(pc, model),
  };
}

export function kvChange(pc: KvPlanContext, model: ModelIndex, set: NormAssignment[]): KvChange {
  const parts = set.map((a) => {
    const field = model.field(a.field);
    if (a.how === "multiply" || a.how === "divide") {
      throw new UnsupportedError(
        "arithmeticUpdates",
        `${a.how} is not an atomic update on this backend (only increment/decrement are); read the record, compute the value and set it.`,
      );
    }
    const column = model.column(a.field);
    return {
      field: a.field,
      column,
      how: a.how,
      slot: a.slot,
      encode: fieldEncoder(pc.capability, field),
      range: arithmeticRange(field.type),
      target: { model: model.name, field: a.field, table: model.def.table, column },
    };
  });
  const arithmetic = parts.filter((p) => p.how === "increment" || p.how === "decrement");
  const deltaOf = (p: (typeof parts)[number], values: Values): number | bigint => {
    const v = values[p.slot] as number | bigint;
    return p.how === "increment" ? v : -v;
  };
  const isZero = (d: number | bigint) => d === 0 || d === 0n;
  const bumpVersion = versionFieldOf(model) !== null && !set.some((a) => a.field === "version");
  const idEncoders = model.def.id.map((f) => ({
    column: model.column(f),
    field: f,
    encode: fieldEncoder(pc.capability, model.field(f)),
  }));
  return {
    set: (values) => {
      const out: Record<string, unknown> = {};
      for (const p of parts)
        if (p.how === "set") out[p.column] = values[p.slot] === null ? null : p.encode(values[p.slot]);
      return out;
    },
    add: (values, found) => {
      const out: Record<string, unknown> = {};
      // Every update of a versioned item bumps its version, so transactions that read it notice.
      if (bumpVersion) out[model.column("version")] = 1;
      for (const p of arithmetic) {
        const current = found[p.field] as number | bigint | null | undefined;
        const delta = deltaOf(p, values);
        if (current === null || current === undefined || isZero(delta)) continue;
        checkedSum(current, delta, p.range, p.target);
        out[p.column] = p.encode(delta);
      }
      return out;
    },
    guard: (values, found, offset) => {
      const guard: { parts: Expr[]; params: unknown[] } = { parts: [], params: [] };
      const bound = (op: "<=" | ">=", column: string, value: unknown) => {
        guard.params.push(value);
        guard.parts.push(expr.compare(op, expr.column(column), expr.param(offset + guard.params.length - 1)));
      };
      for (const p of arithmetic) {
        const current = found[p.field];
        const delta = deltaOf(p, values);
        if (current === null || current === undefined) {
          guard.parts.push(expr.isNull(expr.column(p.column), false));
          continue;
        }
        const { atMost, atLeast } = addBounds(delta, p.range);
        if (atMost !== undefined) bound("<=", p.column, p.encode(atMost));
        if (atLeast !== undefined) bound(">=", p.column, p.encode(atLeast));
      }
      return guard;
    },
    keyOf: (row) => Object.fromEntries(idEncoders.map((k) => [k.column, k.encode(row[k.field])])),
    apply: (row, values) => {
      const out = { ...row };
      if (bumpVersion) out.version = ((out.version as number | null) ?? 0) + 1;
      for (const p of parts) {
        const v = values[p.slot];
        if (p.how === "set") out[p.field] = v;
        else {
          const current = out[p.field] as number | bigint | null | undefined;
          if (current !== null && current !== undefined)
            out[p.field] = checkedSum(current, deltaOf(p, values), p.range, p.target);
        }
      }
      return out;
    },
  };
}

export function kvAfter(pc: KvPlanContext, modelName: string, selection: NormSelection): KvAfter {
  const model = pc.schema.model(modelName);
  return {
    includes: selection.relations.map((r) => planKvInclude(pc, model, r.relation, r.read)),
    keep: [...selection.fields, ...selection.relations.map((r) => r.relation)],
  };
}

/** Finds the records a write applies to, reading every field. */
export function kvFind(
  pc: KvPlanContext,
  modelName: string,
  where: NormFilter | null,
  selection?: NormSelection,
): KvReadNode {
  const model = pc.schema.model(modelName);
  return planKvRead(pc, modelName, plainRead(where, selection ?? allScalars(model)));
}
