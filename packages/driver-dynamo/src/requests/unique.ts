import type { Placeholders } from "../expression/placeholders.ts";
import type { TableModel } from "../schema/model.ts";
import { type Item, valueText } from "../values/item.ts";

/** The key attribute of a unique index item: `<column>#<value as text>`. */
export function uniqueKey(column: string, value: unknown): string {
  return `${column}#${valueText(value)}`;
}

export interface UniqueChange {
  readonly column: string;
  readonly k: string;
}

/** Which unique index items a write moves: old values to delete, new values to claim. Nulls own no item. */
export function uniqueChanges(
  model: TableModel,
  before: Item | undefined,
  after: Item | undefined,
): { puts: UniqueChange[]; deletes: UniqueChange[] } {
  const puts: UniqueChange[] = [];
  const deletes: UniqueChange[] = [];
  for (const column of model.uniques.keys()) {
    const old = before?.[column];
    const next = after?.[column];
    const oldKey = old === null || old === undefined ? undefined : uniqueKey(column, old);
    const newKey = next === null || next === undefined ? undefined : uniqueKey(column, next);
    if (oldKey === newKey) continue;
    if (oldKey !== undefined) deletes.push({ column, k: oldKey });
    if (newKey !== undefined) puts.push({ column, k: newKey });
  }
  return { puts, deletes };
}

/**
 * The conditions that the main item is still as it was read: present or
 * absent, with the same unique values. They keep the unique items in step
 * when another writer got in between the read and the transaction.
 */
export function guardConditions(ph: Placeholders, model: TableModel, before: Item | undefined): string[] {
  const pk = ph.name(model.partitionKey);
  if (!before) return [`attribute_not_exists(${pk})`];
  const parts: string[] = [`attribute_exists(${pk})`];
  for (const column of model.uniques.keys()) {
    const value = before[column];
    parts.push(
      value === null || value === undefined
        ? `attribute_not_exists(${ph.name(column)})`
        : `${ph.name(column)} = ${ph.value(value)}`,
    );
  }
  return parts;
}
