import type { Insert, Operation, Row, Statement } from "@strata/core";

/** Computes one parameter of an operation from the query's values (and, for includes, the parent rows). */
export type ParamSource = (values: readonly unknown[], input: ExecInput) => unknown;

/** Run-time inputs besides the query's own values. */
export interface ExecInput {
  /** Keys of the parent rows, for an include level. */
  parentKeys?: unknown[];
  /** The cursor row's order values, by field. */
  cursorRow?: Row;
  /** A row's key in storage form, in id-field order (read back after a write without RETURNING). */
  key?: readonly unknown[];
  /**
   * Most rows a key-value read needs (skip + take), when its order is one
   * the backend returns exactly (none asked, or a partition's own sort key);
   * an access that expresses the whole where with no filter sends it as the
   * read's limit.
   */
  limit?: number;
}

/** Converts raw rows in place: storage form → user types. */
export type RowDecoder = (row: Row) => void;

/** One SQL statement of a plan, with how to compute its parameters. */
export interface SqlStep {
  statement: Statement;
  params: ParamSource[];
  bigints: boolean;
}

/** A read at one level of a query: the statement, how rows decode, and the includes below it. */
export interface ReadNode {
  model: string;
  step: SqlStep;
  decode: RowDecoder;
  /** Fields fetched only to join includes or page, removed before the user sees the row. */
  hidden: string[];
  includes: IncludeEdge[];
  /** Keyset paging: a step that reads the cursor row's order values first. */
  cursor?: SqlStep;
}

export interface IncludeEdge {
  relation: string;
  /** Field of the parent row whose values are the keys. */
  parentField: string;
  /** Field of the child row that matches them. */
  childField: string;
  many: boolean;
  node: ReadNode;
}

export interface CreateStep {
  insert: Omit<Insert, "rows">;
  /** How each column's value is made for one row: from the row's values or a default. */
  columns: ((row: readonly unknown[], values: readonly unknown[]) => unknown)[];
  /**
   * Column i is made from the row's value i alone (every field given, no
   * default-only column): an engine-owned row can be encoded in place.
   */
  inPlace: boolean;
  decode: RowDecoder;
  /** How to know the new row's key from the inserted values (or the id the database assigned). */
  key: ((params: readonly unknown[], lastInsertId: unknown) => unknown)[];
}

export type Plan =
  | { kind: "read"; mode: "many" | "first" | "unique"; orThrow: boolean; node: ReadNode }
  | { kind: "count"; step: SqlStep }
  | {
      kind: "create";
      create: CreateStep;
      rowOf: (values: readonly unknown[]) => readonly unknown[];
      after: ReadAfterWrite;
      /** Without RETURNING: read the row back by key. */
      readBack?: ReadNode;
    }
  | { kind: "createMany"; create: CreateStep }
  | { kind: "update"; step: SqlStep; decode: RowDecoder; after: ReadAfterWrite }
  | { kind: "affected"; step: SqlStep }
  | {
      /** Update without RETURNING: find the key, update by key, read back by (new) key. */
      kind: "updateByKey";
      find: SqlStep;
      update: SqlStep;
      newKey: (values: readonly unknown[], found: readonly unknown[]) => unknown[];
      read: ReadNode;
      after: ReadAfterWrite;
    }
  | { kind: "delete"; find: ReadNode; step: SqlStep }
  | { kind: "upsert"; find: ReadNode; update: Plan; create: Plan & { kind: "create" } }
  | {
      /** INSERT … ON CONFLICT DO UPDATE … RETURNING: one atomic statement. */
      kind: "upsertNative";
      step: SqlStep;
      decode: RowDecoder;
      after: ReadAfterWrite;
      /** The create data's unique values equal the where's (else the statement would target another row). */
      sameKey: (values: readonly unknown[]) => boolean;
      fallback: Plan;
      /** Without RETURNING: read the row back by the unique where. */
      readBack?: ReadNode;
    }
  | { kind: "kv"; kv: import("./kv/index.ts").KvPlan };

/** What to do with a written row: load includes, then keep only the selected fields. */
export interface ReadAfterWrite {
  model: string;
  includes: IncludeEdge[];
  keep: string[];
}

export interface CachedPlan {
  plan: Plan;
  /** The operations in order as templates (explain), with why a key-value access was chosen. */
  operations: { op: Operation; why?: string }[];
}
