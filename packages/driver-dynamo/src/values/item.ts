import { type KeyValue, type Row, UnsupportedError } from "@strata/core";
import type { TableModel } from "../schema/model.ts";

/** A DynamoDB item in the document client's native form. */
export type Item = Record<string, unknown>;

/**
 * How numbers come back: integers beyond the safe range as bigint (exact),
 * everything else as number. Plugged into the document client's `wrapNumbers`.
 */
export function readNumber(text: string): number | bigint {
  const n = Number(text);
  if (/^-?\d+$/.test(text) && !Number.isSafeInteger(n)) return BigInt(text);
  return n;
}

/** The stored form of an item: null and undefined attributes are left out (absent = null). */
export function toStoredItem(values: KeyValue): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined) out[name] = value;
  }
  return out;
}

/** A row as SQL would return it: every column (or every projected column), null where the attribute is absent. */
export function toRow(model: TableModel, item: Item, projection?: readonly string[]): Row {
  const row: Row = {};
  const names = projection ?? model.columns.map((c) => c.name);
  for (const name of names) row[name] = item[name] ?? null;
  return row;
}

/** The primary key attributes of an item or key value, in the table's key order. */
export function keyOf(model: TableModel, values: KeyValue): Item {
  const key: Item = {};
  for (const column of model.keyColumns) {
    const value = values[column];
    if (value === null || value === undefined) {
      throw new UnsupportedError("primaryKey", `${model.name}.${column} is part of the key and cannot be null.`);
    }
    key[column] = value;
  }
  return key;
}

/** A stable text form of a value, for unique index keys and de-duplicating keys. */
export function valueText(value: unknown): string {
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** A stable text form of a whole key (attribute order independent). */
export function keyText(key: Item): string {
  return Object.keys(key)
    .sort()
    .map((name) => `${name}=${typeTag(key[name])}:${valueText(key[name])}`)
    .join("\u0000");
}

function typeTag(value: unknown): string {
  if (value instanceof Uint8Array) return "B";
  return typeof value === "number" || typeof value === "bigint" ? "N" : typeof value;
}
