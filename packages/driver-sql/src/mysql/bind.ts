import { DriverError } from "@strata/core";
import { describeType, jsonListText } from "../json-list.ts";
import { mysqlLibrary } from "../native.ts";
import type { PrintedSql } from "../printer/context.ts";

/** The positional values for one execution: `params[paramOrder[i]]`, or one element of it for an expanded IN list. */
export function bindParams(params: readonly unknown[], printed: PrintedSql): unknown[] {
  const { paramOrder, elements } = printed;
  const values: unknown[] = new Array(paramOrder.length);
  for (let position = 0; position < paramOrder.length; position++) {
    const index = paramOrder[position]!;
    if (index >= params.length) {
      throw new DriverError(`the statement uses parameter #${index} but only ${params.length} were given`);
    }
    const element = elements?.[position] ?? null;
    let value = params[index];
    if (element !== null) {
      if (!Array.isArray(value)) throw new DriverError(`parameter #${index} is an IN list but was not given an array`);
      // Lists are printed for a bucketed length (see statements.ts); the extra slots repeat the last element.
      value = value[Math.min(element, value.length - 1)];
    }
    values[position] = toMysqlValue(value, index);
  }
  return values;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** One storage-form value as mysql2 binds it. Messages name only the type, never the value. */
export function toMysqlValue(value: unknown, index: number): unknown {
  switch (typeof value) {
    case "string":
      return value;
    case "bigint":
      // As a 64-bit integer: mysql2 would otherwise send text, and `col + '123'` is DOUBLE arithmetic in MySQL.
      return value >= INT64_MIN && value <= INT64_MAX ? mysqlLibrary().TypedParameter.LONGLONG(value) : String(value);
    case "number":
      if (!Number.isFinite(value)) throw new DriverError(`parameter #${index} is not a finite number`);
      return value;
    case "boolean":
      return value ? 1 : 0;
    case "object":
      if (value === null || Buffer.isBuffer(value)) return value;
      if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new DriverError(`parameter #${index} is an invalid Date`);
        return value;
      }
      // Only an IN list printed as JSON_TABLE (too long to expand) is bound whole.
      if (Array.isArray(value)) return jsonList(value, index);
      break;
  }
  throw new DriverError(`parameter #${index} has a type MySQL cannot bind (${describeType(value)})`);
}

/** A list as the JSON text JSON_TABLE reads: dates as UTC DATETIME text (the pool's timezone is "Z"). */
function jsonList(items: readonly unknown[], index: number): string {
  return jsonListText(
    items,
    index,
    (item) => (item instanceof Date ? JSON.stringify(item.toISOString().slice(0, 23).replace("T", " ")) : undefined),
    "a list too long to expand is bound as JSON, which cannot hold %s values; split it into several queries",
  );
}
