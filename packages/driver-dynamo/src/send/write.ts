import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  type DeleteByKey,
  type ExecResponse,
  type PutItem,
  type StrataError,
  UniqueViolationError,
  type UpdateByKey,
} from "@strata/core";
import { awsErrorName, classifyDynamoError } from "../errors.ts";
import { currentKey, keyOfOp, needsCurrentItem } from "../requests/transact.ts";
import { deleteParams, getParams, putParams, updateParams } from "../requests/write.ts";
import type { TableModel } from "../schema/model.ts";
import { toRow } from "../values/item.ts";
import type { DynamoContext } from "./context.ts";
import { SEND_ONCE, stopBlindResend } from "./send-once.ts";
import { transactWrite } from "./transact.ts";

const NONE: ExecResponse = { rows: [], rowsAffected: 0 };

/** A write the SDK must not re-send once it may have been applied (send-once.ts). */
function once<C extends PutCommand | UpdateCommand | DeleteCommand>(command: C): C {
  (command.middlewareStack as PutCommand["middlewareStack"]).add(stopBlindResend, SEND_ONCE);
  return command;
}

/** Did the request fail on its own ConditionExpression? */
function conditionFailed(err: unknown): boolean {
  return awsErrorName(err) === "ConditionalCheckFailedException";
}

/** PutItem: one request, or a transaction with the table's unique index items. */
export async function putItem(ctx: DynamoContext, op: PutItem): Promise<ExecResponse> {
  const model = ctx.schema.table(op.table);
  if (model.uniqueTable) {
    await transactWrite(ctx, [op], { single: true });
    return { rows: [], rowsAffected: 1 };
  }
  try {
    await ctx.doc.send(once(new PutCommand(putParams(model, op))));
    return { rows: [], rowsAffected: 1 };
  } catch (err) {
    if (conditionFailed(err)) throw keyTaken(model, err);
    throw classifyDynamoError(err, `PutItem ${model.physical}`);
  }
}

/** UpdateByKey: returns the new item (ALL_NEW); with condition "exists" a missing item changes nothing. */
export async function updateByKey(ctx: DynamoContext, op: UpdateByKey): Promise<ExecResponse> {
  const model = ctx.schema.table(op.table);
  const params = updateParams(model, op);
  if (params === null) return NONE;
  if (needsCurrentItem(model, op)) {
    const { current, missing } = await transactWrite(ctx, [op], { single: true });
    const before = current.get(currentKey(model, keyOfOp(model, op)));
    if (missing || (op.condition === "exists" && !before)) return NONE;
    return readBack(ctx, model, op);
  }
  if (!params) return readBack(ctx, model, op);
  try {
    const out = await ctx.doc.send(once(new UpdateCommand(params)));
    return out.Attributes ? { rows: [toRow(model, out.Attributes)], rowsAffected: 1 } : NONE;
  } catch (err) {
    // The item is gone or no longer matches the filter: nothing changed.
    if (conditionFailed(err) && params.ConditionExpression !== undefined) return NONE;
    throw classifyDynamoError(err, `UpdateItem ${model.physical}`);
  }
}

/** DeleteByKey: returns the old item; a missing item is rowsAffected 0. */
export async function deleteByKey(ctx: DynamoContext, op: DeleteByKey): Promise<ExecResponse> {
  const model = ctx.schema.table(op.table);
  const params = deleteParams(model, op);
  if (params === null) return NONE;
  if (model.uniqueTable) {
    const { current, missing } = await transactWrite(ctx, [op], { single: true });
    const before = current.get(currentKey(model, keyOfOp(model, op)));
    return missing || !before ? NONE : { rows: [toRow(model, before)], rowsAffected: 1 };
  }
  try {
    const out = await ctx.doc.send(once(new DeleteCommand(params)));
    return out.Attributes ? { rows: [toRow(model, out.Attributes)], rowsAffected: 1 } : NONE;
  } catch (err) {
    // The item no longer matches the filter: nothing was deleted.
    if (conditionFailed(err)) return NONE;
    throw classifyDynamoError(err, `DeleteItem ${model.physical}`);
  }
}

/** The item after a transactional (or empty) update, read strongly consistent: TransactWriteItems returns no values. */
async function readBack(ctx: DynamoContext, model: TableModel, op: UpdateByKey): Promise<ExecResponse> {
  const out = await ctx.doc
    .send(new GetCommand(getParams(model, op.key)))
    .catch((err: unknown) => Promise.reject(classifyDynamoError(err, `GetItem ${model.physical}`)));
  return out.Item ? { rows: [toRow(model, out.Item)], rowsAffected: 1 } : NONE;
}

function keyTaken(model: TableModel, err: unknown): StrataError {
  return new UniqueViolationError(
    `Unique constraint violated on ${model.name} (${model.keyColumns.join(", ")})`,
    { table: model.name, columns: model.keyColumns },
    { cause: err, backendCode: "ConditionalCheckFailedException" },
  );
}
