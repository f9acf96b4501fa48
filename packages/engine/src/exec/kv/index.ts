import {
  assertNever,
  type DeleteByKey,
  expr,
  NotFoundError,
  type PutItem,
  type Row,
  SerializationFailureError,
  UnsupportedError,
  type UpdateByKey,
} from "@strata/core";
import type { KvPlan } from "../../plan/kv/index.ts";
import type { KvReadNode } from "../../plan/kv/types.ts";
import type { KvAfter } from "../../plan/kv/write.ts";
import { execOp, type Runtime, upsertOnce } from "../runtime.ts";
import type { BufferedWrite } from "./buffer.ts";
import { itemName, kvLoadIncludes, kvReadRows, project } from "./read.ts";

type IdFields = (model: string) => readonly string[];

async function after(rt: Runtime, a: KvAfter, row: Row, values: readonly unknown[], idFields: IdFields): Promise<Row> {
  if (a.includes.length > 0) await kvLoadIncludes(rt, a.includes, [row], values, idFields);
  const out: Row = {};
  for (const key of a.keep) out[key] = row[key];
  return out;
}

function checkTransactionSize(rt: Runtime, n: number, what: string): void {
  const max = rt.capability.maxItemsPerTransaction;
  if (n > max) {
    throw new UnsupportedError(
      "maxItemsPerTransaction",
      `${what} touches ${n} records, but this backend writes at most ${max} atomically (unique index items count too). Split the work into smaller batches.`,
    );
  }
}

/**
 * In a key-value transaction, an update of a versioned item commits only if
 * the item still has the version the transaction first read (else
 * SerializationFailureError, which `retry` re-runs).
 */
function expectVersion(
  rt: Runtime,
  node: KvReadNode,
  row: Row,
  idFields: IdFields,
): { expect?: Record<string, unknown> } {
  if (!rt.kvWrites || !node.version) return {};
  const name = itemName(node, row, idFields(node.model));
  const seen = rt.kvWrites.versions.has(name) ? rt.kvWrites.versions.get(name) : row[node.version.field];
  return { expect: { [node.version.column]: seen ?? null } };
}

/** One write now, or into the transaction's buffer (then the caller computes the result itself). */
async function writeOne(rt: Runtime, op: PutItem | UpdateByKey | DeleteByKey) {
  if (rt.kvWrites) {
    rt.kvWrites.add([op]);
    return undefined;
  }
  return execOp(rt, op);
}

/** Several writes: one TransactWrite now, or into the transaction's buffer. */
async function writeAll(rt: Runtime, items: BufferedWrite[], what: string): Promise<void> {
  if (rt.kvWrites) {
    rt.kvWrites.add(items);
    return;
  }
  checkTransactionSize(rt, items.length, what);
  await execOp(rt, { kind: "TransactWrite", items });
}

/** The conditional update of one found item: its where, its arithmetic's guard, its version. */
function updateOf(
  rt: Runtime,
  plan: Extract<KvPlan, { kind: "update" | "updateMany" }>,
  found: Row,
  values: readonly unknown[],
  idFields: IdFields,
): UpdateByKey {
  const condition = plan.condition(found, values);
  const params = [...(condition.filterParams ?? [])];
  const guard = plan.change.guard(values, found, params.length);
  const parts = [...(condition.filter ? [condition.filter] : []), ...guard.parts];
  return {
    kind: "UpdateByKey",
    table: plan.find.table,
    key: plan.change.keyOf(found),
    set: plan.change.set(values),
    add: plan.change.add(values, found),
    condition: "exists",
    ...(parts.length > 0
      ? { filter: parts.length === 1 ? parts[0]! : expr.and(parts), filterParams: [...params, ...guard.params] }
      : {}),
    ...expectVersion(rt, plan.find, found, idFields),
  };
}

/** Runs a key-value plan. Writes that need a read first read, then write with a condition; multi-record writes are one TransactWrite. */
export async function execKv(
  rt: Runtime,
  plan: KvPlan,
  values: readonly unknown[],
  model: string,
  idFields: IdFields,
): Promise<unknown> {
  switch (plan.kind) {
    case "read": {
      const rows = await kvReadRows(rt, plan.node, values, idFields);
      for (const r of rows) project(r, plan.node.fields, plan.node.includes);
      if (plan.mode === "many") return rows;
      const row = rows[0] ?? null;
      if (row === null && plan.orThrow) throw new NotFoundError(model);
      return row;
    }
    case "count":
      return (await kvReadRows(rt, plan.node, values, idFields)).length;
    case "create": {
      const item = plan.maker.item(plan.rowOf(values), values);
      await writeOne(rt, { kind: "PutItem", table: plan.maker.table, item, condition: "notExists" });
      return after(rt, plan.after, plan.maker.decode(item), values, idFields);
    }
    case "createMany": {
      const rows = values[0] as readonly (readonly unknown[])[];
      if (rows.length === 0) return { count: 0 };
      const items: PutItem[] = rows.map((row) => ({
        kind: "PutItem",
        table: plan.maker.table,
        item: plan.maker.item(row, values),
        condition: "notExists",
      }));
      await writeAll(rt, items, "createMany");
      return { count: rows.length };
    }
    case "update": {
      const found = (await kvReadRows(rt, plan.find, values, idFields))[0];
      if (!found) throw new NotFoundError(model, `No ${model} record matched the update's where.`);
      // updateOf checks each arithmetic sum (ArithmeticError) before anything is written or buffered.
      const res = await writeOne(rt, updateOf(rt, plan, found, values, idFields));
      // Buffered in a transaction: the row as the commit will leave it.
      if (!res) return after(rt, plan.after, plan.change.apply(found, values), values, idFields);
      const item = res.rows[0];
      if (!item) {
        // The update checks the where (and its arithmetic's bounds) itself: a concurrent writer changed
        // or deleted the record. Still there and matching: it changed under us, so a retry can succeed.
        if ((await kvReadRows(rt, plan.find, values, idFields))[0]) {
          throw new SerializationFailureError(
            `The ${model} record changed between the update's read and its write; retry the update.`,
          );
        }
        throw new NotFoundError(model, `No ${model} record matched the update's where.`);
      }
      return after(rt, plan.after, plan.find.decode(item), values, idFields);
    }
    case "updateMany":
    case "deleteMany": {
      const found = await kvReadRows(rt, plan.find, values, idFields);
      if (found.length === 0) return { count: 0 };
      const table = plan.find.table;
      const items =
        plan.kind === "updateMany"
          ? // An overflow on any record refuses the whole write before I/O (updateOf checks each sum).
            found.map((r) => updateOf(rt, plan, r, values, idFields))
          : found.map((r) => ({
              kind: "DeleteByKey" as const,
              table,
              key: plan.keyOf(r),
              ...plan.condition(r, values),
            }));
      await writeAll(rt, items, plan.kind);
      return { count: found.length };
    }
    case "delete": {
      const found = (await kvReadRows(rt, plan.find, values, idFields))[0];
      if (!found) throw new NotFoundError(model, `No ${model} record matched the delete's where.`);
      const res = await writeOne(rt, {
        kind: "DeleteByKey",
        table: plan.find.table,
        key: plan.keyOf(found),
        ...plan.condition(found, values),
      });
      // The delete checks the where itself: a concurrent writer may have deleted or changed the record.
      if (res && res.rowsAffected === 0)
        throw new NotFoundError(model, `No ${model} record matched the delete's where.`);
      return project(found, plan.find.fields, plan.find.includes);
    }
    case "upsert":
      return upsertOnce(rt, async () => {
        const found = await kvReadRows(rt, plan.find, values, idFields);
        return execKv(rt, found.length > 0 ? plan.update : plan.create, values, model, idFields);
      });
    default:
      return assertNever(plan, "key-value plan kind");
  }
}
