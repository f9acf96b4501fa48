import type { ModelIndex, Row } from "@strata/core";
import { decoderFor } from "../../lower/codec.ts";
import type { PlanContext } from "../sql/context.ts";
import type { KvDecode } from "./types.ts";

/** Item (column names, storage form, absent = null) → row (field names, user types). */
export function kvDecoder(pc: PlanContext, model: ModelIndex): KvDecode {
  const parts = model.def.fields.map((f) => ({
    field: f.name,
    column: model.column(f.name),
    decode: decoderFor(pc.capability.storageTypes[f.type]),
  }));
  return (item: Row) => {
    const row: Row = {};
    for (const { field, column, decode } of parts) {
      const v = item[column];
      row[field] = v === null || v === undefined ? null : decode ? decode(v) : v;
    }
    return row;
  };
}
