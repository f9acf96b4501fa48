import { ArithmeticError, type ArithmeticRange, type ScalarType } from "@strata/core";

/** The range a numeric field type keeps through update arithmetic (docs/decisions.md, "Validation"). */
export function arithmeticRange(type: ScalarType): ArithmeticRange["type"] {
  return type === "int" ? "int32" : type === "bigint" ? "int64" : "float64";
}

const LIMITS: Record<ArithmeticRange["type"], string> = {
  int32: "an int field holds -2147483648 to 2147483647 (a bigint field holds 64 bits)",
  int64: "a bigint field holds -2^63 to 2^63 - 1",
  float64: "a number field holds finite doubles only",
};

/** The one message for an arithmetic overflow, whichever backend found it. */
export function arithmeticRangeMessage(model: string, field: string, type: ArithmeticRange["type"]): string {
  return `The update's arithmetic on ${model}.${field} goes out of range: ${LIMITS[type]}. Nothing was written; the stored value is unchanged.`;
}

const INT32: [number, number] = [-(2 ** 31), 2 ** 31 - 1];
const INT64: [bigint, bigint] = [-(2n ** 63n), 2n ** 63n - 1n];

/**
 * `current + delta` in the field's range, computed where the backend cannot
 * (key-value stores keep 38 digits whatever the field says); otherwise an
 * ArithmeticError before anything is written.
 */
export function checkedSum(
  current: number | bigint,
  delta: number | bigint,
  type: ArithmeticRange["type"],
  target: { model: string; field: string; table: string; column: string },
): number | bigint {
  const fail = () => new ArithmeticError(arithmeticRangeMessage(target.model, target.field, type), target);
  if (type === "int64") {
    const sum = BigInt(current) + BigInt(delta);
    if (sum < INT64[0] || sum > INT64[1]) throw fail();
    return sum;
  }
  const sum = Number(current) + Number(delta);
  if (!Number.isFinite(sum) || (type === "int32" && (sum < INT32[0] || sum > INT32[1]))) throw fail();
  return sum;
}

/** The bounds the stored value must stay within at write time so that adding `delta` stays in range. */
export function addBounds(
  delta: number | bigint,
  type: ArithmeticRange["type"],
): { atMost?: number | bigint; atLeast?: number | bigint } {
  if (type === "int64") {
    const d = BigInt(delta);
    return d > 0n ? { atMost: INT64[1] - d } : d < 0n ? { atLeast: INT64[0] - d } : {};
  }
  const d = Number(delta);
  const [min, max] = type === "int32" ? INT32 : [-Number.MAX_VALUE, Number.MAX_VALUE];
  return d > 0 ? { atMost: max - d } : d < 0 ? { atLeast: min - d } : {};
}
