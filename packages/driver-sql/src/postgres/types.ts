import type { CustomTypesConfig } from "pg";
import { pgLibrary } from "../native.ts";

const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;

const keepText = (value: string): string => value;
const exactBigint = (value: string): bigint => BigInt(value);
/** A number when it is exact, else a bigint: never a silently rounded value. */
const numberWhenSafe = (value: string): number | bigint => {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : BigInt(value);
};

function typesWith(int8: (value: string) => unknown): CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: "text" | "binary") => {
      // JSON stays text: the engine's "json" decoder parses it, so a JSON string value is not parsed twice.
      if (oid === JSON_OID || oid === JSONB) return keepText;
      if (oid === INT8) return int8;
      return format === "binary"
        ? pgLibrary().types.getTypeParser(oid, "binary")
        : pgLibrary().types.getTypeParser(oid, "text");
    }) as CustomTypesConfig["getTypeParser"],
  };
}

/** Per-query type parsing: `bigints` reads int8 as bigint; otherwise as a number when exact. */
export const rowTypes = { standard: typesWith(numberWhenSafe), bigints: typesWith(exactBigint) } as const;
