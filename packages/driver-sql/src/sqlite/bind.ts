import { DriverError, UnsupportedError } from "@strata/core";

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

/** JSON text for an IN-list array; bigints are written as exact JSON integers. */
function encodeJsonArray(items: readonly unknown[], index: number): string {
  const parts = items.map((item) => {
    switch (typeof item) {
      case "string":
        return JSON.stringify(item);
      case "number":
        if (!Number.isFinite(item)) throw new DriverError(`parameter #${index} holds a non-finite number in its list`);
        return String(item);
      case "bigint":
        return item.toString();
      case "boolean":
        return item ? "1" : "0";
      case "object":
        if (item === null) return "null";
        break;
    }
    throw new UnsupportedError(
      "arrayParameters",
      `parameter #${index}: SQLite binds lists as JSON, which cannot hold ${describeType(item)} values; use an OR of equalities`,
    );
  });
  return `[${parts.join(",")}]`;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  return value.constructor?.name ?? "object";
}
