import type { ModelIndex, Row } from "@strata/core";
import type { RowDecoder } from "../plan/types.ts";
import { decoderFor } from "./codec.ts";
import type { StatementBuilder } from "./scope.ts";

/**
 * Builds one decoder for a row of `fields`: a flat list of (field, convert)
 * pairs made once per plan, so decoding a row allocates nothing.
 */
export function rowDecoder(b: StatementBuilder, model: ModelIndex, fields: readonly string[]): RowDecoder {
  const names: string[] = [];
  const converts: ((v: unknown) => unknown)[] = [];
  for (const name of fields) {
    const convert = decoderFor(b.capability.storageTypes[model.field(name).type]);
    if (convert) {
      names.push(name);
      converts.push(convert);
    }
  }
  const n = names.length;
  if (n === 0) return noDecode;
  return (row: Row) => {
    for (let i = 0; i < n; i++) {
      const name = names[i]!;
      const v = row[name];
      if (v !== null && v !== undefined) row[name] = converts[i]!(v);
    }
  };
}

const noDecode: RowDecoder = () => {};
