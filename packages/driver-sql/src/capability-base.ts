import { type Capability, FULL_DATE_RANGE } from "@strata/core";

/** SQL transactions have no item limit; a large finite number keeps planner arithmetic simple. */
export const UNBOUNDED = 1_000_000_000;

/** What differs between the SQL backends; everything else they share. */
export type SqlCapabilityParts = Pick<
  Capability,
  | "returning"
  | "lateralJoin"
  | "selectForUpdate"
  | "isolationLevels"
  | "maxKeysPerGet"
  | "arrayParameters"
  | "maxParameters"
  | "storageTypes"
  | "cost"
  | "schemaMutations"
  | "identifiers"
> &
  Partial<Pick<Capability, "dateRange" | "jsonListParameters" | "keyLimits">>;

/** A SQL backend's Capability: the shared SQL abilities plus its own parts, frozen. */
export function sqlCapability(parts: SqlCapabilityParts): Capability {
  return Object.freeze({
    sql: true,
    upsert: true,
    cte: true,
    windowFunctions: true,
    jsonAggregation: true,
    savepoints: true,
    readOnlyTransactions: true,
    interactiveTransactions: true,
    maxItemsPerTransaction: UNBOUNDED,
    maxItemsPerBatchWrite: UNBOUNDED,
    secondaryIndexes: true,
    orderByAnyField: true,
    likePatterns: true,
    joins: true,
    foreignKeys: true,
    autoincrement: true,
    arithmeticUpdates: true,
    fullDoubleRange: true,
    dateRange: FULL_DATE_RANGE,
    ...parts,
    isolationLevels: Object.freeze([...parts.isolationLevels]),
    storageTypes: Object.freeze({ ...parts.storageTypes }),
    cost: Object.freeze({ ...parts.cost }),
    schemaMutations: Object.freeze({ ...parts.schemaMutations }),
  });
}
