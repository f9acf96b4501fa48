import type { DeleteCommandInput, GetCommandInput, PutCommandInput, UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import type { DeleteByKey, KeyValue, PutItem, UpdateByKey } from "@strata/core";
import { allOf, type Condition } from "../expression/condition.ts";
import { translateFilter } from "../expression/filter.ts";
import { Placeholders } from "../expression/placeholders.ts";
import { updateExpression } from "../expression/update.ts";
import type { TableModel } from "../schema/model.ts";
import { keyOf, toStoredItem } from "../values/item.ts";

/** PutItem of a table without unique columns; "notExists" becomes `attribute_not_exists(pk)`. */
export function putParams(model: TableModel, op: PutItem): PutCommandInput {
  keyOf(model, op.item);
  const ph = new Placeholders();
  const condition = op.condition === "notExists" ? `attribute_not_exists(${ph.name(model.partitionKey)})` : undefined;
  return {
    TableName: model.physical,
    Item: toStoredItem(op.item),
    ...(condition ? { ConditionExpression: condition } : {}),
    ...ph.fields(),
  };
}

/** The write's own condition: the op's filter (a compare-and-set), after `exists` when asked. */
export function writeCondition(ph: Placeholders, model: TableModel, op: UpdateByKey | DeleteByKey): Condition {
  const parts: Condition[] = [];
  if (op.kind === "UpdateByKey" && op.condition === "exists")
    parts.push(`attribute_exists(${ph.name(model.partitionKey)})`);
  if (op.filter) parts.push(translateFilter(ph, op.filter, op.filterParams ?? []));
  return allOf(parts);
}

function conditionField(condition: Condition) {
  return typeof condition === "string" ? { ConditionExpression: condition } : {};
}

/** UpdateItem returning ALL_NEW; undefined when the update changes nothing, null when its condition can never hold. */
export function updateParams(model: TableModel, op: UpdateByKey): UpdateCommandInput | undefined | null {
  const ph = new Placeholders();
  const expression = updateExpression(ph, model, op);
  if (expression === undefined) return undefined;
  const condition = writeCondition(ph, model, op);
  if (condition === false) return null;
  return {
    TableName: model.physical,
    Key: keyOf(model, op.key),
    UpdateExpression: expression,
    ...conditionField(condition),
    ...ph.fields(),
    ReturnValues: "ALL_NEW",
  };
}

/** DeleteItem returning the old item (ALL_OLD), absent when nothing was deleted; null when its condition can never hold. */
export function deleteParams(model: TableModel, op: DeleteByKey): DeleteCommandInput | null {
  const ph = new Placeholders();
  const condition = writeCondition(ph, model, op);
  if (condition === false) return null;
  return {
    TableName: model.physical,
    Key: keyOf(model, op.key),
    ...conditionField(condition),
    ...ph.fields(),
    ReturnValues: "ALL_OLD",
  };
}

/** A strongly consistent read of one item (the state a conditional write is checked against). */
export function getParams(model: TableModel, key: KeyValue): GetCommandInput {
  return { TableName: model.physical, Key: keyOf(model, key), ConsistentRead: true };
}
