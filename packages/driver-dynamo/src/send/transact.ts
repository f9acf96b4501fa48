import { randomUUID } from "node:crypto";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { SerializationFailureError, type StrataError, UniqueViolationError } from "@strata/core";
import { awsErrorName, cancellationReasons, classifyDynamoError } from "../errors.ts";
import {
  type CurrentItems,
  currentKey,
  type ItemRole,
  keyOfOp,
  needsCurrentItem,
  planTransactWrite,
  type TransactOp,
  type TransactPlan,
} from "../requests/transact.ts";
import type { TableModel } from "../schema/model.ts";
import { type Item, keyText } from "../values/item.ts";
import { batchGetItems } from "./batch-get.ts";
import type { DynamoContext } from "./context.ts";

export interface TransactOutcome {
  /** The items read before the transaction (those whose unique index items may move). */
  readonly current: CurrentItems;
  /** A single update/delete whose item was gone: nothing was written. */
  readonly missing: boolean;
}

/**
 * Writes a group of operations as one TransactWriteItems, with the unique
 * index items they imply. Items whose unique values may move are read first
 * (strongly consistent); their writes are guarded so a concurrent change
 * cancels the transaction instead of orphaning an index item.
 */
export async function transactWrite(
  ctx: DynamoContext,
  ops: readonly TransactOp[],
  /** single: the writes of one operation (an update or delete of one record), which may find nothing to change. */
  mode: { single: boolean },
): Promise<TransactOutcome> {
  const current = await readCurrent(ctx, ops);
  const plan = planTransactWrite((name) => ctx.schema.table(name), ops, current, ctx.maxItemsPerTransaction);
  if (plan.items.length === 0) return { current, missing: false };
  try {
    // The token makes the SDK's re-send of a request whose response was lost idempotent (for 10 minutes).
    await ctx.doc.send(new TransactWriteCommand({ TransactItems: plan.items, ClientRequestToken: randomUUID() }));
    return { current, missing: false };
  } catch (err) {
    const explained = explainCancellation(err, plan, mode.single ? current : null);
    if (explained === "missing") return { current, missing: true };
    throw explained;
  }
}

async function readCurrent(ctx: DynamoContext, ops: readonly TransactOp[]): Promise<Map<string, Item | null>> {
  const wanted = new Map<TableModel, Item[]>();
  for (const op of ops) {
    const model = ctx.schema.table(op.table);
    if (!needsCurrentItem(model, op)) continue;
    wanted.set(model, [...(wanted.get(model) ?? []), keyOfOp(model, op)]);
  }
  const current = new Map<string, Item | null>();
  for (const [model, keys] of wanted) {
    const found = new Map<string, Item>();
    for (const item of await batchGetItems(ctx, model.physical, keys, undefined, true)) {
      found.set(keyText(pick(item, model.keyColumns)), item);
    }
    for (const key of keys) current.set(currentKey(model, key), found.get(keyText(key)) ?? null);
  }
  return current;
}

function pick(item: Item, names: readonly string[]): Item {
  return Object.fromEntries(names.map((n) => [n, item[n]]));
}

/**
 * Reads CancellationReasons against the plan: a failed unique claim is a
 * unique violation on that column; a failed `notExists` put one on the key; a
 * guard that no longer holds means a concurrent writer (retryable).
 */
export function explainCancellation(
  err: unknown,
  plan: TransactPlan,
  /** The items read first, when the writes are one operation's (which may find nothing to change); null otherwise. */
  single: CurrentItems | null,
): StrataError | "missing" {
  const what = `TransactWriteItems (${plan.items.length} items)`;
  if (awsErrorName(err) !== "TransactionCanceledException") return classifyDynamoError(err, what);
  const reasons = cancellationReasons(err);
  const failed = reasons.flatMap((r, i) =>
    r.Code === "ConditionalCheckFailed" && plan.roles[i] ? [{ role: plan.roles[i], reason: r }] : [],
  );
  if (failed.length === 0 || reasons.some((r) => r.Code === "TransactionConflict"))
    return classifyDynamoError(err, what);
  const options = { cause: err, backendCode: "ConditionalCheckFailed" };
  for (const { role } of failed) {
    if (role.kind === "uniquePut") return uniqueViolation(role.model, [role.column], options);
  }
  for (const { role } of failed) {
    // Its only condition is that the key is free.
    if (role.kind === "main" && role.op.kind === "PutItem" && role.op.condition === "notExists") {
      return uniqueViolation(role.model, role.model.keyColumns, options);
    }
  }
  const gone = (f: { role: ItemRole; reason: { Item?: unknown } }) =>
    f.role.kind === "main" &&
    f.reason.Item === undefined &&
    (f.role.op.kind === "UpdateByKey" || f.role.op.kind === "DeleteByKey");
  // The item is still as read (its unique values unchanged), so what failed is the write's own filter: it no longer matches.
  const unmatched = (f: { role: ItemRole; reason: { Item?: unknown } }) =>
    f.role.kind === "main" &&
    (f.role.op.kind === "UpdateByKey" || f.role.op.kind === "DeleteByKey") &&
    f.role.op.filter !== undefined &&
    single !== null &&
    guardHolds(f.role.model, single.get(currentKey(f.role.model, keyOfOp(f.role.model, f.role.op))), f.reason.Item);
  if (single && failed.every((f) => gone(f) || unmatched(f))) return "missing";
  const tables = [...new Set(failed.map((f) => f.role.model.name))].join(", ");
  return new SerializationFailureError(
    `${what}: a condition no longer held on ${tables} (the item changed or disappeared since it was read); retry the unit`,
    options,
  );
}

function uniqueViolation(
  model: TableModel,
  columns: readonly string[],
  options: { cause: unknown; backendCode: string },
) {
  return new UniqueViolationError(
    `Unique constraint violated on ${model.name} (${columns.join(", ")})`,
    { table: model.name, columns },
    options,
  );
}

/** Whether the stored item still has the unique values it was read with (what a guard checks). */
function guardHolds(model: TableModel, before: Item | null | undefined, stored: unknown): boolean {
  if (!model.uniqueTable) return true;
  if (!before || stored === null || typeof stored !== "object") return false;
  const now = stored as Item;
  for (const column of model.uniques.keys()) {
    if (JSON.stringify(before[column] ?? null) !== JSON.stringify(now[column] ?? null)) return false;
  }
  return true;
}
