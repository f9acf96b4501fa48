import { type KeyValue, UnsupportedError, type UpdateByKey } from "@strata/core";
import type { TableModel } from "../schema/model.ts";
import { valueText } from "../values/item.ts";
import type { Placeholders } from "./placeholders.ts";

/**
 * The UpdateExpression of an UpdateByKey: `SET` for values, `REMOVE` for
 * nulls and `remove` (absent = null), `ADD` for increments. Undefined when it
 * changes nothing. Key attributes may be "set" to their current value (they
 * are left out); changing them is refused.
 */
export function updateExpression(ph: Placeholders, model: TableModel, op: UpdateByKey): string | undefined {
  const set: string[] = [];
  const remove: string[] = [];
  const add: string[] = [];
  for (const [name, value] of Object.entries(op.set)) {
    if (model.keyColumns.includes(name)) {
      checkKeyUnchanged(model, op.key, name, value);
      continue;
    }
    if (value === null || value === undefined) remove.push(ph.name(name));
    else set.push(`${ph.name(name)} = ${ph.value(value)}`);
  }
  for (const name of op.remove ?? []) {
    if (model.keyColumns.includes(name)) checkKeyUnchanged(model, op.key, name, null);
    remove.push(ph.name(name));
  }
  for (const [name, value] of Object.entries(op.add ?? {})) {
    if (model.keyColumns.includes(name)) checkKeyUnchanged(model, op.key, name, undefined);
    if (value === null || value === undefined) continue;
    add.push(`${ph.name(name)} ${ph.value(value)}`);
  }
  const clauses = [
    set.length > 0 ? `SET ${set.join(", ")}` : "",
    remove.length > 0 ? `REMOVE ${remove.join(", ")}` : "",
    add.length > 0 ? `ADD ${add.join(", ")}` : "",
  ].filter((c) => c !== "");
  return clauses.length > 0 ? clauses.join(" ") : undefined;
}

/** The attributes an update writes (set, remove, add), for deciding whether unique items move. */
export function touchedAttributes(op: UpdateByKey): string[] {
  return [...Object.keys(op.set), ...(op.remove ?? []), ...Object.keys(op.add ?? {})];
}

function checkKeyUnchanged(model: TableModel, key: KeyValue, name: string, value: unknown): void {
  const current = key[name];
  if (value !== null && value !== undefined && current !== undefined && valueText(value) === valueText(current)) return;
  throw new UnsupportedError(
    "updateKey",
    `Cannot change ${model.name}.${name}: it is part of the DynamoDB key. Delete the item and create it again with the new key.`,
  );
}
