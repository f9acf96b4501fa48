import { UniqueViolationError, UnsupportedError } from "@strata/core";
import type { TableModel } from "../schema/model.ts";
import type { Item } from "../values/item.ts";
import type { ItemRole, TransactItem, TransactPlan } from "./transact.ts";
import type { UniqueChange } from "./unique.ts";

export function push(plan: TransactPlan, item: TransactItem, role: ItemRole): void {
  plan.items.push(item);
  plan.roles.push(role);
}

export function addUniqueItems(
  plan: TransactPlan,
  model: TableModel,
  ref: Item,
  changes: { puts: UniqueChange[]; deletes: UniqueChange[] },
): void {
  const table = model.uniqueTable;
  if (!table) return;
  for (const { column, k } of changes.deletes) {
    push(plan, { Delete: { TableName: table, Key: { k } } }, { kind: "uniqueDelete", model, column });
  }
  for (const { column, k } of changes.puts) {
    const put = {
      TableName: table,
      Item: { k, ref },
      ConditionExpression: "attribute_not_exists(#k)",
      ExpressionAttributeNames: { "#k": "k" },
    };
    push(plan, { Put: put }, { kind: "uniquePut", model, column });
  }
}

/** Two writes of one transaction claiming one value clash like two rows would; moving a value to another item in the same transaction is refused. */
export function checkUniqueItems(plan: TransactPlan): void {
  const seen = new Map<string, "uniquePut" | "uniqueDelete">();
  plan.items.forEach((item, i) => {
    const role = plan.roles[i];
    if (!role || role.kind === "main") return;
    const k = String((item.Put?.Item ?? item.Delete?.Key)?.k);
    const id = `${role.model.uniqueTable}\u0001${k}`;
    const earlier = seen.get(id);
    if (earlier === "uniquePut" && role.kind === "uniquePut") {
      throw new UniqueViolationError(
        `Unique constraint violated on ${role.model.name} (${role.column}): two writes of one transaction use the same value`,
        { table: role.model.name, columns: [role.column] },
      );
    }
    if (earlier !== undefined) {
      throw new UnsupportedError(
        "uniqueSwap",
        `One transaction both frees and claims a ${role.model.name}.${role.column} value; DynamoDB cannot write one unique index item twice in a transaction. Do it in two transactions.`,
      );
    }
    seen.set(id, role.kind);
  });
}
