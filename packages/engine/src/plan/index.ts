import type { Operation } from "@strata/core";
import type { NormQuery } from "../simplify/index.ts";
import type { NormAssignment, NormFilter, NormSelection } from "../simplify/normalized.ts";
import { allScalars, plainRead } from "../simplify/read.ts";
import { kvOperations, planKv } from "./kv/index.ts";
import type { PlanContext } from "./sql/context.ts";
import { planCount } from "./sql/count.ts";
import { planRead } from "./sql/read.ts";
import { keyAfterUpdate, planKeyLookup, planReadByKey, planUpdateByKey } from "./sql/read-back.ts";
import { planNativeUpsert } from "./sql/upsert.ts";
import { planAfterWrite, planDeleteWhere, planInsert, planUpdate } from "./sql/write.ts";
import type { CachedPlan, Plan, ReadNode, SqlStep } from "./types.ts";

/**
 * The plan phase: chooses Operations from the backend's Capability. SQL
 * backends get one statement per query level; key-value planning arrives
 * with the key-value backend.
 */
export function planQuery(pc: PlanContext & { allowScan: boolean }, q: NormQuery): CachedPlan {
  if (!pc.capability.sql) {
    const kv = planKv(pc, q);
    return { plan: { kind: "kv", kv }, operations: kvOperations(kv) };
  }
  const plan = planSql(pc, q);
  return { plan, operations: operationsOf(plan).map((op) => ({ op })) };
}

function planSql(pc: PlanContext, q: NormQuery): Plan {
  switch (q.op) {
    case "findMany":
    case "stream":
      return { kind: "read", mode: "many", orThrow: false, node: planRead(pc, q.model, q.read) };
    case "findFirst":
    case "findFirstOrThrow":
      return {
        kind: "read",
        mode: "first",
        orThrow: q.op === "findFirstOrThrow",
        node: planRead(pc, q.model, q.read, { limitOne: true }),
      };
    case "findUnique":
    case "findUniqueOrThrow":
      return {
        kind: "read",
        mode: "unique",
        orThrow: q.op === "findUniqueOrThrow",
        node: planRead(pc, q.model, q.read),
      };
    case "count":
      return { kind: "count", step: planCount(pc, q.model, q.read) };
    case "create":
      return planCreateOne(pc, q.model, q.row.fields, q.selection);
    case "createMany":
      return { kind: "createMany", create: planInsert(pc, q.model, q.fields, false) };
    case "update":
      return planUpdateOne(pc, q.model, q.where, q.set, q.selection);
    case "updateMany":
      if (q.set.length === 0)
        return {
          kind: "count",
          step: planCount(pc, q.model, plainRead(q.where, allScalars(pc.schema.model(q.model)))),
        };
      return { kind: "affected", step: planUpdate(pc, q.model, q.where, q.set, false).step };
    case "upsert": {
      const update = planUpdateOne(pc, q.model, q.unique.filter, q.set, q.selection);
      const findThenWrite: Plan = {
        kind: "upsert",
        find: planRead(
          pc,
          q.model,
          plainRead(q.unique.filter, { fields: pc.schema.model(q.model).def.id.slice(), relations: [] }),
        ),
        update,
        create: planCreateOne(pc, q.model, q.create.fields, q.selection),
      };
      return planNativeUpsert(pc, q, findThenWrite) ?? findThenWrite;
    }
    case "delete":
      return {
        kind: "delete",
        find: planRead(pc, q.model, plainRead(q.where, q.selection)),
        step: planDeleteWhere(pc, q.model, q.where),
      };
    case "deleteMany":
      return { kind: "affected", step: planDeleteWhere(pc, q.model, q.where) };
  }
}

function readUnique(pc: PlanContext, model: string, where: NormFilter, selection: NormSelection): Plan {
  return { kind: "read", mode: "unique", orThrow: true, node: planRead(pc, model, plainRead(where, selection)) };
}

/** One record's update: with RETURNING in one statement, else find key → update by key → read back. */
function planUpdateOne(
  pc: PlanContext,
  model: string,
  where: NormFilter,
  set: NormAssignment[],
  selection: NormSelection,
): Plan {
  if (set.length === 0) return readUnique(pc, model, where, selection);
  const after = planAfterWrite(pc, model, selection);
  if (pc.capability.returning) return { kind: "update", ...planUpdate(pc, model, where, set, true), after };
  return {
    kind: "updateByKey",
    find: planKeyLookup(pc, model, where),
    update: planUpdateByKey(pc, model, set, where),
    newKey: keyAfterUpdate(pc, model, set),
    read: planReadByKey(pc, model),
    after,
  };
}

function planCreateOne(
  pc: PlanContext,
  model: string,
  fields: { field: string; slot: number }[],
  selection: NormSelection,
): Plan & { kind: "create" } {
  const names = fields.map((f) => f.field);
  const slots = fields.map((f) => f.slot);
  return {
    kind: "create",
    create: planInsert(pc, model, names, pc.capability.returning),
    rowOf: (values) => slots.map((s) => values[s]),
    after: planAfterWrite(pc, model, selection),
    ...(pc.capability.returning ? {} : { readBack: planReadByKey(pc, model) }),
  };
}

function sqlOp(step: SqlStep, result: "rows" | "affected"): Operation {
  return { kind: "QuerySql", statement: step.statement, params: [], result };
}

function readOperations(node: ReadNode): Operation[] {
  const ops: Operation[] = [];
  if (node.cursor) ops.push(sqlOp(node.cursor, "rows"));
  ops.push(sqlOp(node.step, "rows"));
  for (const inc of node.includes) ops.push(...readOperations(inc.node));
  return ops;
}

/** The plan's operations in order, as templates without values (for explain). */
export function operationsOf(plan: Plan): Operation[] {
  switch (plan.kind) {
    case "read":
      return readOperations(plan.node);
    case "count":
    case "affected":
      return [sqlOp(plan.step, plan.kind === "count" ? "rows" : "affected")];
    case "create":
      return [
        { ...plan.create.insert, rows: [] },
        ...(plan.readBack ? readOperations(plan.readBack) : []),
        ...plan.after.includes.flatMap((i) => readOperations(i.node)),
      ];
    case "updateByKey":
      return [
        sqlOp(plan.find, "rows"),
        sqlOp(plan.update, "affected"),
        ...readOperations(plan.read),
        ...plan.after.includes.flatMap((i) => readOperations(i.node)),
      ];
    case "createMany":
      return [{ ...plan.create.insert, rows: [] }];
    case "update":
      return [sqlOp(plan.step, "rows"), ...plan.after.includes.flatMap((i) => readOperations(i.node))];
    case "delete":
      return [...readOperations(plan.find), sqlOp(plan.step, "affected")];
    case "upsert":
      return [...readOperations(plan.find), ...operationsOf(plan.update), ...operationsOf(plan.create)];
    case "upsertNative":
      return [
        sqlOp(plan.step, plan.readBack ? "affected" : "rows"),
        ...(plan.readBack ? readOperations(plan.readBack) : []),
        ...plan.after.includes.flatMap((i) => readOperations(i.node)),
      ];
    case "kv":
      return kvOperations(plan.kv).map((o) => o.op);
  }
}
