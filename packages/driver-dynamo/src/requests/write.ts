import type { DeleteCommandInput, GetCommandInput, PutCommandInput, UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import type { DeleteByKey, KeyValue, PutItem, UpdateByKey } from "@strata/core";
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

/** UpdateItem returning ALL_NEW; undefined when the update changes nothing. */
export function updateParams(model: TableModel, op: UpdateByKey): UpdateCommandInput | undefined {
  const ph = new Placeholders();
  const expression = updateExpression(ph, model, op);
  if (expression === undefined) return undefined;
  const condition = op.condition === "exists" ? `attribute_exists(${ph.name(model.partitionKey)})` : undefined;
  return {
    TableName: model.physical,
    Key: keyOf(model, op.key),
    UpdateExpression: expression,
    ...(condition ? { ConditionExpression: condition } : {}),
    ...ph.fields(),
    ReturnValues: "ALL_NEW",
  };
}

/** DeleteItem returning the old item (ALL_OLD), absent when nothing was deleted. */
export function deleteParams(model: TableModel, op: DeleteByKey): DeleteCommandInput {
  return { TableName: model.physical, Key: keyOf(model, op.key), ReturnValues: "ALL_OLD" };
}

/** A strongly consistent read of one item (the state a conditional write is checked against). */
export function getParams(model: TableModel, key: KeyValue): GetCommandInput {
  return { TableName: model.physical, Key: keyOf(model, key), ConsistentRead: true };
}
