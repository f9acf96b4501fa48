import { DriverError } from "@strata/core";
import { describeType, jsonListText } from "../json-list.ts";

export type SqliteValue = string | number | bigint | Uint8Array | null;

/** The positional values for one execution: `params[paramOrder[i]]` for each placeholder `i`. */
export function bindParams(params: readonly unknown[], paramOrder: readonly number[]): SqliteValue[] {
  const values: SqliteValue[] = new Array(paramOrder.length);
  let position = 0;
  for (const index of paramOrder) {
    if (index >= params.length) {
      throw new DriverError(`the statement uses parameter #${index} but only ${params.length} were given`);
    }
    values[position++] = toSqliteValue(params[index], index);
  }
  return values;
}

/** One storage-form value as better-sqlite3 binds it; an array (a ParamList) becomes JSON text for json_each. */
export function toSqliteValue(value: unknown, index: number): SqliteValue {
  switch (typeof value) {
    case "string":
    case "number":
    case "bigint":
      return value;
    case "boolean":
      return value ? 1 : 0;
    case "object":
      if (value === null || value instanceof Uint8Array) return value;
      if (Array.isArray(value)) return encodeJsonArray(value, index);
      break;
  }
  // Only the type is named: messages never carry parameter values.
  throw new DriverError(`parameter #${index} has a type SQLite cannot bind (${describeType(value)})`);
}

/** JSON text for an IN-list array (json_each reads it); bigints are written as exact JSON integers. */
function encodeJsonArray(items: readonly unknown[], index: number): string {
  return jsonListText(
    items,
    index,
    (item) => (item === null ? "null" : undefined),
    "SQLite binds lists as JSON, which cannot hold %s values; use an OR of equalities",
  );
}
