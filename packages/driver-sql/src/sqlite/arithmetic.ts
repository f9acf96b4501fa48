import { ArithmeticError, type ArithmeticRange } from "@strata/core";
import type Database from "better-sqlite3";

/**
 * SQLite's integers are 64-bit whatever the column says, an integer overflow
 * quietly becomes a REAL, and a float overflow stores Infinity. An update's
 * arithmetic therefore runs through this function, which passes a value in
 * range through and fails the statement (and so leaves every row as it was)
 * otherwise: the same outcome as PostgreSQL's and MySQL's column types.
 */
export const CHECKED_ARITHMETIC = "strata_checked";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The check of one range; integers arrive as bigint (safeIntegers), REALs as number. */
function inRange(value: number | bigint, type: ArithmeticRange["type"]): boolean {
  switch (type) {
    case "int32": {
      // The quotient of a `divide` arrives before its cast to INTEGER: its integer part must fit.
      const n = typeof value === "bigint" ? value : Math.trunc(value);
      return Number.isFinite(Number(n)) && n >= INT32_MIN && n <= INT32_MAX;
    }
    case "int64":
      // Integer arithmetic on integers stays an integer unless it overflows 64 bits.
      return typeof value === "bigint";
    case "float64":
      return typeof value === "bigint" || Number.isFinite(value);
  }
}

export function registerArithmeticCheck(db: Database.Database): void {
  db.function(
    CHECKED_ARITHMETIC,
    { deterministic: true, safeIntegers: true },
    (value: unknown, type: unknown, column: unknown) => {
      if (value === null) return null; // NULL + 1 stays NULL, as in SQL.
      const t = type as ArithmeticRange["type"];
      if ((typeof value === "number" || typeof value === "bigint") && inRange(value, t)) return value;
      throw new ArithmeticError(`SQLite: the arithmetic on column ${String(column)} went out of the ${t} range`, {
        column: String(column),
      });
    },
  );
}
