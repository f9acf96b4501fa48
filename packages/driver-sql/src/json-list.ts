import { DriverError, UnsupportedError } from "@strata/core";

/**
 * An IN-list parameter as JSON array text, for backends that read a list
 * from one JSON value (SQLite's json_each, MySQL's JSON_TABLE): strings as
 * JSON strings, bigints as exact integers, doubles in their shortest exact
 * form, booleans as 1/0. `object` spells the other values the backend takes
 * (or returns undefined); anything else is refused, naming only its type.
 */
export function jsonListText(
  items: readonly unknown[],
  index: number,
  object: (item: object | null) => string | undefined,
  refusal: string,
): string {
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
      case "object": {
        const text = object(item);
        if (text !== undefined) return text;
        break;
      }
    }
    throw new UnsupportedError("arrayParameters", `parameter #${index}: ${refusal.replace("%s", describeType(item))}`);
  });
  return `[${parts.join(",")}]`;
}

/** The type of a value for messages (never the value itself). */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  return value.constructor?.name ?? "object";
}
