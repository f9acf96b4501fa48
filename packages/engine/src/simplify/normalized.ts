/**
 * The normalized form of a user query: user values are replaced by slot
 * numbers into a separate values array, so the structure alone is the query's
 * *shape*. Two calls with the same shape share one cached plan.
 */
export type CompareOp = "eq" | "ne" | "lt" | "lte" | "gt" | "gte";

export type NormFilter =
  | { k: "and"; items: NormFilter[] }
  | { k: "or"; items: NormFilter[] }
  | { k: "not"; item: NormFilter }
  | { k: "cmp"; field: string; op: CompareOp; slot: number }
  | { k: "null"; field: string; negated: boolean }
  | { k: "in"; field: string; slot: number; negated: boolean }
  | { k: "like"; field: string; mode: LikeMode; slot: number }
  | { k: "rel"; relation: string; mode: RelationFilterMode; filter: NormFilter | null }
  | { k: "const"; value: boolean };

export type LikeMode = "contains" | "startsWith" | "endsWith";
export type RelationFilterMode = "some" | "none" | "every" | "is" | "isNot";

export interface NormOrder {
  field: string;
  dir: "asc" | "desc";
}

/** What a read returns at one level: scalar fields and included relations. */
export interface NormSelection {
  fields: string[];
  relations: NormRelationRead[];
}

export interface NormRelationRead {
  relation: string;
  read: NormRead;
}

export interface NormRead {
  where: NormFilter | null;
  orderBy: NormOrder[];
  take: number | null; // slot
  skip: number | null; // slot
  /** Slots of the cursor's unique fields, in field order. */
  cursor: { field: string; slot: number }[] | null;
  selection: NormSelection;
}

/** One value of update data: a plain set, or arithmetic on the current value. */
export type NormAssignment =
  | { field: string; how: "set"; slot: number }
  | { field: string; how: "increment" | "decrement" | "multiply" | "divide"; slot: number };

export interface NormCreateRow {
  /** Provided fields, in schema order, each with its slot. */
  fields: { field: string; slot: number }[];
}
