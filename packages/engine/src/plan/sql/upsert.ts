import { mutation, select } from "@strata/core";
import { rowDecoder } from "../../lower/decode.ts";
import { column, type Scope, StatementBuilder } from "../../lower/scope.ts";
import type { NormQuery } from "../../simplify/index.ts";
import type { NormFilter } from "../../simplify/normalized.ts";
import { allScalars, plainRead } from "../../simplify/read.ts";
import type { Plan } from "../types.ts";
import type { PlanContext } from "./context.ts";
import { planRead } from "./read.ts";
import { assignments, planAfterWrite, planInsert } from "./write.ts";

type UpsertQuery = NormQuery & { op: "upsert" };

/**
 * One `INSERT … ON CONFLICT (unique) DO UPDATE SET … RETURNING *`: the
 * backend decides atomically between creating and updating, so concurrent
 * upserts of one new key never collide (a find-then-write can: both find
 * nothing, both insert, one fails). Planned where Capability.upsert says the
 * backend has a conflict clause (without RETURNING the row is read back by
 * its unique where in the same transaction), and only when the upsert
 * means the same thing as its find-then-write: the where is the unique
 * equality alone and the create data gives those fields — at run time they
 * must also hold the same values (else `fallback` runs).
 */
export function planNativeUpsert(pc: PlanContext, q: UpsertQuery, fallback: Plan): Plan | null {
  if (!pc.capability.upsert) return null;
  const uniqueFields = q.unique.fields.map((f) => f.field);
  if (!isOnlyEqualities(q.unique.filter, uniqueFields)) return null;
  const created = new Map(q.create.fields.map((f) => [f.field, f.slot]));
  if (!uniqueFields.every((f) => created.has(f))) return null;
  const model = pc.schema.model(q.model);
  // Without RETURNING (MySQL) the conflict clause is ON DUPLICATE KEY, which fires on any unique key: only
  // safe when no other key can conflict (no other unique set, and an id the create does not give).
  if (!pc.capability.returning && !onlyTargetCanConflict(model.uniqueSets, model.def.id, uniqueFields, created)) {
    return null;
  }
  const create = planInsert(
    pc,
    q.model,
    q.create.fields.map((f) => f.field),
    true,
  );
  const slots = q.create.fields.map((f) => f.slot);
  const rowOf = (values: readonly unknown[]) => slots.map((s) => values[s]);
  const b = new StatementBuilder(pc.schema, pc.capability);
  const scope: Scope = { model, alias: model.def.table };
  const row = create.columns.map((make) => b.param((values) => make(rowOf(values), values)));
  const target = uniqueFields.map((f) => model.column(f));
  // Nothing to change: a no-op assignment still returns (and locks) the existing row.
  const set =
    q.set.length > 0
      ? assignments(b, scope, q.set)
      : [mutation.assignment(target[0]!, column(scope, uniqueFields[0]!))];
  const all = model.def.fields.map((f) => f.name);
  const statement = mutation.insert({
    table: select.table(model.def.table),
    columns: create.insert.columns,
    rows: [row],
    onConflict: mutation.onConflict(target, set),
    returning: pc.capability.returning ? all.map((f) => select.selection(column(scope, f), f)) : [],
  });
  const pairs = q.unique.fields.map((f) => [f.slot, created.get(f.field)!] as const);
  return {
    kind: "upsertNative",
    step: { statement, params: b.params, bigints: all.some((f) => b.isBigint(model.field(f))) },
    decode: rowDecoder(b, model, all),
    after: planAfterWrite(pc, q.model, q.selection),
    sameKey: (values) => pairs.every(([where, data]) => sameValue(values[where], values[data])),
    fallback,
    ...(pc.capability.returning
      ? {}
      : { readBack: planRead(pc, q.model, plainRead(q.unique.filter, allScalars(model))) }),
  };
}

function onlyTargetCanConflict(
  uniqueSets: readonly (readonly string[])[],
  id: readonly string[],
  target: readonly string[],
  created: ReadonlyMap<string, number>,
): boolean {
  const same = (set: readonly string[]) => set.length === target.length && set.every((f) => target.includes(f));
  for (const set of uniqueSets) {
    if (same(set)) continue;
    const isId = set.length === id.length && set.every((f) => id.includes(f));
    // The id is generated (UUID v7, or autoincrement) when the create leaves it out: it cannot conflict.
    if (!isId || set.some((f) => created.has(f))) return false;
  }
  return true;
}

/** The filter is exactly equality on these fields (and nothing else). */
function isOnlyEqualities(filter: NormFilter, fields: readonly string[]): boolean {
  const items = filter.k === "and" ? filter.items : [filter];
  return (
    items.length === fields.length && items.every((i) => i.k === "cmp" && i.op === "eq" && fields.includes(i.field))
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b) === 0;
  return Object.is(a, b);
}
