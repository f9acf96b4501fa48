import type { ModelTypes } from "./map.ts";
import type { StrictShape } from "./payload.ts";

/**
 * Arguments of the delegate methods. All but select/include are plain
 * generated interfaces, so object literals get TypeScript's ordinary
 * excess-property checks.
 */

/** One `{ field: "asc" | "desc" }` object or an array of them. */
export type OrderByArg<M extends ModelTypes> = M["orderBy"] | readonly M["orderBy"][];

/**
 * `select` and `include`, inferred as S and I for the result type; `include`
 * is refused (typed `never`) when `select` is given at the same level.
 */
export interface Shaping<M extends ModelTypes, S, I> {
  select?: S & StrictShape<S, M["select"]>;
  include?: [S] extends [undefined] ? I & StrictShape<I, M["include"]> : never;
}

export interface FindManyArgs<M extends ModelTypes> {
  where?: M["where"];
  // Spelled out rather than OrderByArg<M> so errors name UserOrderByInput, not the whole map entry.
  orderBy?: M["orderBy"] | readonly M["orderBy"][];
  /** Keyset paging: start at the row with this unique key. */
  cursor?: M["uniqueKey"];
  take?: number;
  skip?: number;
  /** Key-value backends: allow a scan or an in-memory sort for this query. */
  allowScan?: boolean;
}

export interface FindUniqueArgs<M extends ModelTypes> {
  where: M["whereUnique"];
  allowScan?: boolean;
}

export interface CountArgs<M extends ModelTypes> {
  where?: M["where"];
  cursor?: M["uniqueKey"];
  take?: number;
  skip?: number;
  allowScan?: boolean;
}

export interface CreateArgs<M extends ModelTypes> {
  data: M["create"];
}

export interface CreateManyArgs<M extends ModelTypes> {
  data: readonly M["create"][];
}

export interface UpdateArgs<M extends ModelTypes> {
  where: M["whereUnique"];
  data: M["update"];
}

export interface UpdateManyArgs<M extends ModelTypes> {
  where?: M["where"];
  data: M["update"];
  /** Key-value backends: allow a scan to find the records. */
  allowScan?: boolean;
}

export interface UpsertArgs<M extends ModelTypes> {
  where: M["whereUnique"];
  create: M["create"];
  update: M["update"];
}

export interface DeleteArgs<M extends ModelTypes> {
  where: M["whereUnique"];
}

export interface DeleteManyArgs<M extends ModelTypes> {
  where?: M["where"];
  /** Key-value backends: allow a scan to find the records. */
  allowScan?: boolean;
}

export interface StreamOptionsArgs {
  /** Rows fetched per round trip. */
  batchSize?: number;
  signal?: AbortSignal;
  /**
   * A stream with no `next()` call for this long is closed and its pooled
   * connection released (one abandoned without `break` would hold it
   * forever); later calls reject with CancelledError. Default 60000.
   */
  idleTimeoutMs?: number;
}

/** `createMany`, `updateMany` and `deleteMany` report how many rows they touched. */
export interface BatchResult {
  count: number;
}
