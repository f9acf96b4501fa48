import type { Capability } from "@strata/core";

/** The wire protocol counts bind parameters in an Int16: at most 65535 per statement. */
export const POSTGRES_MAX_PARAMETERS = 65535;
/** PostgreSQL transactions have no item limit; a large finite number keeps planner arithmetic simple. */
const UNBOUNDED = 1_000_000_000;

export const postgresCapability: Capability = Object.freeze({
  sql: true,
  returning: true,
  upsert: true,
  cte: true,
  lateralJoin: true,
  windowFunctions: true,
  jsonAggregation: true,
  selectForUpdate: true,
  savepoints: true,
  isolationLevels: Object.freeze(["read committed", "repeatable read", "serializable"] as const),
  readOnlyTransactions: true,
  interactiveTransactions: true,
  // Keys travel as one array parameter (`= ANY($1)`), so a lookup is not bounded by the parameter limit.
  maxKeysPerGet: UNBOUNDED,
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
  arrayParameters: true,
  maxParameters: POSTGRES_MAX_PARAMETERS,
  storageTypes: Object.freeze({
    string: "text",
    number: "real",
    int: "integer",
    bigint: "bigint",
    boolean: "boolean",
    date: "timestamp",
    bytes: "blob",
    json: "json",
    enum: "text",
  }),
  // A round trip to a server: key lookups and index seeks cost a few page reads plus the trip; scans pay per row.
  cost: Object.freeze({ keyLookup: 1, indexSeek: 2, scanPerRow: 0.02 }),
  schemaMutations: Object.freeze({
    alterColumnType: true,
    alterColumnNullability: true,
    dropColumn: true,
    renameColumn: true,
    transactionalDdl: true,
    addForeignKey: true,
  }),
});
