import type { FieldDef, ValidationIssue } from "@strata/core";

/**
 * Checks one user value against its field's type. Returns an error message,
 * or undefined when the value fits. Called for every value on every call
 * (values are not part of the cached plan).
 */
export function checkValue(field: FieldDef, value: unknown): string | undefined {
  if (value === null) return field.nullable ? undefined : `${field.name} is required and cannot be null`;
  switch (field.type) {
    case "string":
      if (typeof value !== "string") return expected("a string", value);
      return LONE_SURROGATE.test(value) ? LONE_SURROGATE_MESSAGE : undefined;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : expected("a finite number", value);
    case "int":
      // int is a 32-bit column on the server backends; larger whole numbers belong in a bigint field.
      if (!Number.isInteger(value)) return expected("an integer", value);
      return (value as number) >= -2147483648 && (value as number) <= 2147483647
        ? undefined
        : "expected an integer within the 32-bit range (-2147483648 to 2147483647); use a bigint field for larger values";
    case "bigint":
      if (typeof value === "bigint") {
        return value >= MIN_INT64 && value <= MAX_INT64
          ? undefined
          : "expected a bigint within the signed 64-bit range";
      }
      return Number.isSafeInteger(value) ? undefined : expected("a bigint", value);
    case "boolean":
      return typeof value === "boolean" ? undefined : expected("a boolean", value);
    case "date":
      return value instanceof Date && !Number.isNaN(value.getTime()) ? undefined : expected("a valid Date", value);
    case "bytes":
      return value instanceof Uint8Array ? undefined : expected("a Uint8Array", value);
    case "enum":
      return typeof value === "string" && (field.enumValues ?? []).includes(value)
        ? undefined
        : `expected one of ${(field.enumValues ?? []).map((v) => JSON.stringify(v)).join(", ")}, got ${describe(value)}`;
    case "json":
      return isJson(value) ? undefined : expected("a JSON value", value);
  }
}

/**
 * An unpaired UTF-16 surrogate: not a character, so no backend stores it as
 * given (SQLite writes three U+FFFD, PostgreSQL one, and an equality filter
 * then misses it on MariaDB). Refused instead of changed.
 */
export const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATE_MESSAGE =
  "the string holds a lone surrogate (half of a UTF-16 pair, not a character), which no backend stores as given; remove it or fix the text's encoding";

const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

function isJson(value: unknown, depth = 0): boolean {
  if (depth > 100) return false;
  if (typeof value === "string") return !LONE_SURROGATE.test(value);
  if (value === null || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every((v) => isJson(v, depth + 1));
  }
  return false;
}

function expected(what: string, value: unknown): string {
  return `expected ${what}, got ${describe(value)}`;
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "an invalid Date";
  const t = typeof value;
  if (t === "object") return describeObject(value as object);
  if (t === "string") return "a string";
  return `${t} ${String(value)}`.trim();
}

/** Collects issues with paths; thrown as one ValidationError at the end of a walk. */
export class IssueList {
  readonly issues: ValidationIssue[] = [];
  add(path: (string | number)[], message: string): void {
    this.issues.push({ path: [...path], message });
  }
}

/** What kind of object a value is, for messages about non-plain objects. */
function describeObject(value: object): string {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    return Object.getOwnPropertySymbols(value).length > 0
      ? "an object with only symbol keys (they are never read; use string keys)"
      : "an object";
  }
  if (value instanceof Map) return "a Map (use an object literal: Object.fromEntries(map))";
  if (value instanceof Set) return "a Set";
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    return `a boxed ${typeof value.valueOf()} object (use the primitive value)`;
  }
  const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== ""
    ? `an instance of ${name} (pass an object literal, e.g. { ...value }, with the fields you mean)`
    : "an object with a custom prototype (pass an object literal)";
}
