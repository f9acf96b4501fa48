import type { TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { type ConditionCheck, type DeleteByKey, type PutItem, UnsupportedError, type UpdateByKey } from "@strata/core";
import { allOf, type Condition } from "../expression/condition.ts";
import { translateFilter } from "../expression/filter.ts";
import { Placeholders } from "../expression/placeholders.ts";
import { touchedAttributes, updateExpression } from "../expression/update.ts";
import type { TableModel } from "../schema/model.ts";
import { type Item, keyOf, keyText, toStoredItem } from "../values/item.ts";
import { guardConditions, uniqueChanges } from "./unique.ts";
import { addUniqueItems, checkUniqueItems, push } from "./unique-items.ts";

export type TransactOp = PutItem | UpdateByKey | DeleteByKey | ConditionCheck;
export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** What each TransactItems entry is, so a CancellationReasons index can be explained. */
export type ItemRole =
  | { readonly kind: "main"; readonly op: TransactOp; readonly model: TableModel }
  | { readonly kind: "uniquePut" | "uniqueDelete"; readonly model: TableModel; readonly column: string };

export interface TransactPlan {
  readonly items: TransactItem[];
  readonly roles: ItemRole[];
}

/** Items read (consistently) before the transaction, by `currentKey`; null = absent. */
export type CurrentItems = ReadonlyMap<string, Item | null>;

export const currentKey = (model: TableModel, key: Item): string => `${model.name}\u0001${keyText(key)}`;

export function keyOfOp(model: TableModel, op: TransactOp): Item {
  return keyOf(model, op.kind === "PutItem" ? op.item : op.key);
}

/** Whether the write must know the stored item first: it may move unique index items. */
export function needsCurrentItem(model: TableModel, op: TransactOp): boolean {
  if (!model.uniqueTable) return false;
  switch (op.kind) {
    case "PutItem":
      return op.condition !== "notExists";
    case "UpdateByKey":
      return touchedAttributes(op).some((a) => model.uniques.has(a));
    case "DeleteByKey":
      return true;
    case "ConditionCheck":
      return false;
  }
}

/**
 * The TransactItems of a group of writes: each main write, then the unique
 * index items it deletes and claims (`attribute_not_exists(k)`). Main writes
 * that move unique items carry a guard (the item is still as read).
 */
export function planTransactWrite(
  tableOf: (name: string) => TableModel,
  ops: readonly TransactOp[],
  current: CurrentItems,
  maxItems: number,
): TransactPlan {
  const plan: TransactPlan = { items: [], roles: [] };
  for (const op of ops) addWrite(plan, tableOf(op.table), op, current);
  checkUniqueItems(plan);
  if (plan.items.length > maxItems) {
    const uniques = plan.roles.filter((r) => r.kind !== "main").length;
    throw new UnsupportedError(
      "maxItemsPerTransaction",
      `This transaction needs ${plan.items.length} DynamoDB items (${ops.length} writes and ${uniques} unique index items); TransactWriteItems takes at most ${maxItems}. Split the work into smaller transactions.`,
    );
  }
  return plan;
}

function addWrite(plan: TransactPlan, model: TableModel, op: TransactOp, current: CurrentItems): void {
  const key = keyOfOp(model, op);
  const read = needsCurrentItem(model, op);
  if (read && !current.has(currentKey(model, key))) throw new Error(`internal: ${model.name} item was not read first`);
  const before = read ? (current.get(currentKey(model, key)) ?? undefined) : undefined;
  const ph = new Placeholders();
  const pk = () => ph.name(model.partitionKey);
  const main = (item: TransactItem) => push(plan, item, { kind: "main", op, model });
  switch (op.kind) {
    case "PutItem": {
      const after = toStoredItem(op.item);
      const condition =
        op.condition === "notExists"
          ? `attribute_not_exists(${pk()})`
          : read
            ? allOf(guardConditions(ph, model, before))
            : true;
      main({ Put: { TableName: model.physical, Item: after, ...conditionFields(condition, ph), ...returnOld } });
      addUniqueItems(plan, model, key, uniqueChanges(model, before, after));
      return;
    }
    case "UpdateByKey": {
      const expression = updateExpression(ph, model, op);
      const parts: Condition[] = read ? guardConditions(ph, model, before) : [];
      // A guard on a present item already requires it to exist.
      if (op.condition === "exists" && !(read && before)) parts.unshift(`attribute_exists(${pk()})`);
      if (op.filter) parts.push(translateFilter(ph, op.filter, op.filterParams ?? []));
      for (const [column, value] of Object.entries(op.expect ?? {})) {
        parts.push(
          value === null ? `attribute_not_exists(${ph.name(column)})` : `${ph.name(column)} = ${ph.value(value)}`,
        );
      }
      const condition = allOf(parts);
      if (expression === undefined) {
        if (typeof condition === "string") {
          main({
            ConditionCheck: {
              TableName: model.physical,
              Key: key,
              ConditionExpression: condition,
              ...ph.fields(),
              ...returnOld,
            },
          });
        }
        return;
      }
      main({
        Update: {
          TableName: model.physical,
          Key: key,
          UpdateExpression: expression,
          ...conditionFields(condition, ph),
          ...returnOld,
        },
      });
      if (read) addUniqueItems(plan, model, key, uniqueChanges(model, before, applyUpdate(model, before ?? key, op)));
      return;
    }
    case "DeleteByKey": {
      const parts: Condition[] = before ? guardConditions(ph, model, before) : [];
      if (op.filter) parts.push(translateFilter(ph, op.filter, op.filterParams ?? []));
      const condition = allOf(parts);
      main({ Delete: { TableName: model.physical, Key: key, ...conditionFields(condition, ph), ...returnOld } });
      addUniqueItems(plan, model, key, uniqueChanges(model, before, undefined));
      return;
    }
    case "ConditionCheck": {
      const name = ph.name(op.attribute);
      const condition =
        op.equals === null || op.equals === undefined
          ? `attribute_not_exists(${name})`
          : `${name} = ${ph.value(op.equals)}`;
      main({
        ConditionCheck: {
          TableName: model.physical,
          Key: key,
          ConditionExpression: condition,
          ...ph.fields(),
          ...returnOld,
        },
      });
      return;
    }
  }
}

const returnOld = { ReturnValuesOnConditionCheckFailure: "ALL_OLD" } as const;

function conditionFields(condition: Condition, ph: Placeholders) {
  if (condition === false) throw new Error("internal: a write condition that can never hold");
  return { ...(typeof condition === "string" ? { ConditionExpression: condition } : {}), ...ph.fields() };
}

/** The item after an update, as far as unique columns go. */
function applyUpdate(model: TableModel, before: Item, op: UpdateByKey): Item {
  const after: Item = { ...before };
  for (const [name, value] of Object.entries(op.set)) {
    if (value === null || value === undefined) delete after[name];
    else after[name] = value;
  }
  for (const name of op.remove ?? []) delete after[name];
  for (const name of Object.keys(op.add ?? {})) {
    if (model.uniques.has(name)) {
      throw new UnsupportedError(
        "uniqueIncrement",
        `${model.name}.${name} is unique; set it to a value instead of incrementing it.`,
      );
    }
  }
  return after;
}
