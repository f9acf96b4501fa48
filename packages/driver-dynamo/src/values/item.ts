import { NumberValue } from "@aws-sdk/lib-dynamodb";
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

/**
 * One value as the document client should send it. Numbers beyond the safe
 * integer range (which it refuses as imprecise) go as their decimal text;
 * DynamoDB itself keeps 38 significant digits.
 */
export function toStoredValue(value: unknown): unknown {
  if (typeof value !== "number" || Number.isSafeInteger(value)) return value;
  const magnitude = Math.abs(value);
  // DynamoDB numbers span 1E-130 to 9.99…E+125 in magnitude.
  if (!Number.isFinite(value) || magnitude >= 1e126 || (magnitude > 0 && magnitude < 1e-130)) {
    throw new UnsupportedError(
      "numberRange",
      `DynamoDB cannot store the number ${value} (its range is 1E-130 to 9.99E+125 in magnitude); store such values as text.`,
    );
  }
  return magnitude > Number.MAX_SAFE_INTEGER ? NumberValue.from(String(value)) : value;
}

/** The stored form of an item: null and undefined attributes are left out (absent = null). */
export function toStoredItem(values: KeyValue): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined) out[name] = toStoredValue(value);
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
    key[column] = toStoredValue(value);
  }
  return key;
}

/** A stable text form of a value, for unique index keys and de-duplicating keys. */
export function valueText(value: unknown): string {
  if (value instanceof NumberValue || typeof value === "number" || typeof value === "bigint") return numberText(value);
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
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
  return typeof value === "number" || typeof value === "bigint" || value instanceof NumberValue ? "N" : typeof value;
}

/** One text per numeric value, however it was held (number, bigint or decimal text): 1e21 and 10n ** 21n agree. */
function numberText(value: number | bigint | NumberValue): string {
  if (typeof value === "bigint") return value.toString();
  const text = value.toString();
  if (/^-?\d+$/.test(text)) return BigInt(text).toString();
  const n = Number(text);
  return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}
