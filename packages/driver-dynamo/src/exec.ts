import { assertNever, type ExecResponse, type Operation, UnsupportedError } from "@strata/core";
import { getByKey } from "./send/batch-get.ts";
import type { DynamoContext } from "./send/context.ts";
import { readAll } from "./send/read.ts";
import { transactWrite } from "./send/transact.ts";
import { deleteByKey, putItem, updateByKey } from "./send/write.ts";

/** Runs one operation (exhaustive over Operation kinds). */
export async function execOperation(ctx: DynamoContext, op: Operation): Promise<ExecResponse> {
  switch (op.kind) {
    case "GetByKey": {
      const rows = await getByKey(ctx, op);
      return { rows, rowsAffected: rows.length };
    }
    case "QueryPk":
    case "QueryIndex":
    case "Scan": {
      const rows = await readAll(ctx, op);
      return { rows, rowsAffected: rows.length };
    }
    case "PutItem":
      return putItem(ctx, op);
    case "UpdateByKey":
      return updateByKey(ctx, op);
    case "DeleteByKey":
      return deleteByKey(ctx, op);
    case "TransactWrite": {
      // Every item must apply: one whose item is gone or no longer matches cancels the whole write.
      if (op.items.length > 0) await transactWrite(ctx, op.items, { single: false });
      return { rows: [], rowsAffected: op.items.filter((i) => i.kind !== "ConditionCheck").length };
    }
    case "QuerySql":
    case "Insert":
      throw new UnsupportedError(
        "sql",
        `DynamoDB runs no SQL (${op.kind}); the engine plans key-value operations for it from Capability.sql = false.`,
      );
    case "Transaction":
      throw new UnsupportedError(
        "interactiveTransactions",
        `DynamoDB has no interactive transactions (${op.action}); use db.transaction(fn): the engine buffers its writes into one TransactWrite.`,
      );
    default:
      return assertNever(op, "operation kind");
  }
}
