import { type ModelIndex, UnsupportedError } from "@strata/core";
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
  add: (values: Values) => Record<string, unknown>;
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
    return {
      field: a.field,
      column: model.column(a.field),
      how: a.how,
      slot: a.slot,
      encode: fieldEncoder(pc.capability, field.type),
    };
  });
  const bumpVersion = versionFieldOf(model) !== null && !set.some((a) => a.field === "version");
  const idEncoders = model.def.id.map((f) => ({
    column: model.column(f),
    field: f,
    encode: fieldEncoder(pc.capability, model.field(f).type),
  }));
  return {
    set: (values) => {
      const out: Record<string, unknown> = {};
      for (const p of parts)
        if (p.how === "set") out[p.column] = values[p.slot] === null ? null : p.encode(values[p.slot]);
      return out;
    },
    add: (values) => {
      const out: Record<string, unknown> = {};
      // Every update of a versioned item bumps its version, so transactions that read it notice.
      if (bumpVersion) out[model.column("version")] = 1;
      for (const p of parts) {
        if (p.how !== "increment" && p.how !== "decrement") continue;
        const v = values[p.slot] as number | bigint;
        out[p.column] = p.encode(p.how === "increment" ? v : -v);
      }
      return out;
    },
    keyOf: (row) => Object.fromEntries(idEncoders.map((k) => [k.column, k.encode(row[k.field])])),
    apply: (row, values) => {
      const out = { ...row };
      if (bumpVersion) out.version = ((out.version as number | null) ?? 0) + 1;
      for (const p of parts) {
        const v = values[p.slot];
        if (p.how === "set") out[p.field] = v;
        else {
          const current = (out[p.field] ?? 0) as number | bigint;
          const delta = p.how === "increment" ? v : -(v as number);
          out[p.field] = typeof current === "bigint" ? current + BigInt(delta as number) : current + Number(delta);
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
