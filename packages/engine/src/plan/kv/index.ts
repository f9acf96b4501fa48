import type { Operation } from "@strata/core";
import type { NormQuery } from "../../simplify/index.ts";
import type { ReadAfterWrite } from "../types.ts";
import { type KvWriteCondition, kvWriteCondition } from "./condition.ts";
import { type KvPlanContext, planKvRead } from "./read.ts";
import type { KvReadNode } from "./types.ts";
import { type KvAfter, type KvChange, type KvItemMaker, kvAfter, kvChange, kvFind, kvItemMaker } from "./write.ts";

export type KvPlan =
  | { kind: "read"; mode: "many" | "first" | "unique"; orThrow: boolean; node: KvReadNode }
  | { kind: "count"; node: KvReadNode }
  | { kind: "create"; maker: KvItemMaker; rowOf: (values: readonly unknown[]) => readonly unknown[]; after: KvAfter }
  | { kind: "createMany"; maker: KvItemMaker }
  | { kind: "update"; find: KvReadNode; change: KvChange; condition: KvWriteCondition; after: KvAfter }
  | { kind: "updateMany"; find: KvReadNode; change: KvChange; condition: KvWriteCondition }
  | { kind: "delete"; find: KvReadNode; keyOf: KvChange["keyOf"]; condition: KvWriteCondition }
  | { kind: "deleteMany"; find: KvReadNode; keyOf: KvChange["keyOf"]; condition: KvWriteCondition }
  | { kind: "upsert"; find: KvReadNode; update: KvPlan; create: KvPlan };

/** The key-value planner: key lookups and index queries chosen by cost, the rest in memory. */
export function planKv(pc: KvPlanContext, q: NormQuery): KvPlan {
  const model = pc.schema.model(q.model);
  switch (q.op) {
    case "findMany":
    case "stream":
      return { kind: "read", mode: "many", orThrow: false, node: planKvRead(pc, q.model, q.read) };
    case "findFirst":
    case "findFirstOrThrow":
      return {
        kind: "read",
        mode: "first",
        orThrow: q.op === "findFirstOrThrow",
        node: planKvRead(pc, q.model, q.read, { limitOne: true }),
      };
    case "findUnique":
    case "findUniqueOrThrow":
      return {
        kind: "read",
        mode: "unique",
        orThrow: q.op === "findUniqueOrThrow",
        node: planKvRead(pc, q.model, q.read),
      };
    case "count":
      return { kind: "count", node: planKvRead(pc, q.model, { ...q.read, selection: { fields: [], relations: [] } }) };
    case "create": {
      const slots = q.row.fields.map((f) => f.slot);
      return {
        kind: "create",
        maker: kvItemMaker(
          pc,
          model,
          q.row.fields.map((f) => f.field),
        ),
        rowOf: (values) => slots.map((s) => values[s]),
        after: kvAfter(pc, q.model, q.selection),
      };
    }
    case "createMany":
      return { kind: "createMany", maker: kvItemMaker(pc, model, q.fields) };
    case "update":
      return {
        kind: "update",
        find: kvFind(pc, q.model, q.where),
        change: kvChange(pc, model, q.set),
        condition: kvWriteCondition(pc, model, q.where),
        after: kvAfter(pc, q.model, q.selection),
      };
    case "updateMany":
      return {
        kind: "updateMany",
        find: kvFind(pc, q.model, q.where),
        change: kvChange(pc, model, q.set),
        condition: kvWriteCondition(pc, model, q.where),
      };
    case "delete":
      return {
        kind: "delete",
        find: kvFind(pc, q.model, q.where, q.selection),
        keyOf: kvChange(pc, model, []).keyOf,
        condition: kvWriteCondition(pc, model, q.where),
      };
    case "deleteMany":
      return {
        kind: "deleteMany",
        find: kvFind(pc, q.model, q.where),
        keyOf: kvChange(pc, model, []).keyOf,
        condition: kvWriteCondition(pc, model, q.where),
      };
    case "upsert": {
      const slots = q.create.fields.map((f) => f.slot);
      return {
        kind: "upsert",
        find: kvFind(pc, q.model, q.unique.filter),
        update: {
          kind: "update",
          find: kvFind(pc, q.model, q.unique.filter),
          change: kvChange(pc, model, q.set),
          condition: kvWriteCondition(pc, model, q.unique.filter),
          after: kvAfter(pc, q.model, q.selection),
        },
        create: {
          kind: "create",
          maker: kvItemMaker(
            pc,
            model,
            q.create.fields.map((f) => f.field),
          ),
          rowOf: (values) => slots.map((s) => values[s]),
          after: kvAfter(pc, q.model, q.selection),
        },
      };
    }
  }
}

function readOps(node: KvReadNode): Operation[] {
  return [
    ...(node.cursor ? [node.cursor.access.template] : []),
    node.access.template,
    ...node.includes.flatMap((i) => readOps(i.node)),
  ];
}

/** Templates of the operations a key-value plan issues, with why each access was chosen (explain). */
export function kvOperations(plan: KvPlan): { op: Operation; why?: string }[] {
  const read = (node: KvReadNode) => readOps(node).map((op, i) => (i === 0 ? { op, why: node.access.why } : { op }));
  switch (plan.kind) {
    case "read":
    case "count":
      return read(plan.node);
    case "create":
      return [{ op: { kind: "PutItem", table: plan.maker.table, item: {}, condition: "notExists" } }];
    case "createMany":
      return [{ op: { kind: "TransactWrite", items: [] } }];
    case "update":
      return [...read(plan.find), { op: { kind: "UpdateByKey", table: plan.find.table, key: {}, set: {} } }];
    case "updateMany":
    case "deleteMany":
      return [...read(plan.find), { op: { kind: "TransactWrite", items: [] } }];
    case "delete":
      return [...read(plan.find), { op: { kind: "DeleteByKey", table: plan.find.table, key: {} } }];
    case "upsert":
      return [
        ...read(plan.find),
        ...kvOperations(plan.update).slice(read(plan.find).length),
        ...kvOperations(plan.create),
      ];
  }
}

export type { ReadAfterWrite };
