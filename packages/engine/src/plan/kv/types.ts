import type { Operation, Row } from "@strata/core";
import type { NormFilter, NormOrder } from "../../simplify/normalized.ts";
import type { ExecInput } from "../types.ts";

/** Builds the operations of one access from the query's values (and run-time input). */
export type KvOpBuilder = (values: readonly unknown[], input: ExecInput) => Operation[];

/**
 * How a key-value read reaches its items, chosen by cost. Several operations
 * (an OR fanned out over keys) run one after the other and their items are
 * merged by primary key.
 */
export interface KvAccess {
  kind: "GetByKey" | "QueryPk" | "QueryIndex" | "Scan";
  build: KvOpBuilder;
  /** A template operation for explain. */
  template: Operation;
  /** Why this access was chosen (explain). */
  why: string;
  /** The backend returns items already in the requested order. */
  ordered: boolean;
  /** The whole where was expressed in the request (key condition + filter), so a limit may be pushed. */
  exact: boolean;
}

/** A key-value read at one level: access, then in memory what the backend cannot do. */
export interface KvReadNode {
  model: string;
  table: string;
  /** Item → row (field names, user types). */
  decode: KvDecode;
  /** The model's optimistic-lock field (an int field named `version`), if it has one. */
  version: { field: string; column: string } | null;
  access: KvAccess;
  /** The full where, evaluated in memory on decoded rows (three-valued, like SQL). */
  where: NormFilter | null;
  orderBy: NormOrder[];
  /** An in-memory sort is needed (access.ordered is false and orderBy is not empty). */
  sortInMemory: boolean;
  take: number | null;
  skip: number | null;
  limitOne: boolean;
  /** Reads the cursor row first (keyset paging in memory). */
  cursor: { access: KvAccess; order: NormOrder[] } | null;
  /** Fields the user asked for; others are dropped after includes are joined. */
  fields: string[];
  includes: KvInclude[];
}

export interface KvInclude {
  relation: string;
  parentField: string;
  childField: string;
  many: boolean;
  /** Builds the child read for a set of parent keys (one batched read per level where the backend can). */
  node: KvReadNode;
}

export type KvDecode = (item: Row) => Row;
