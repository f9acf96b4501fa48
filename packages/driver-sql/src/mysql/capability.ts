import type { Capability } from "@strata/core";

/** Placeholders in one prepared statement (the protocol counts them in 16 bits). */
const MAX_PARAMETERS = 65535;
/** InnoDB transactions have no item limit; a large finite number keeps arithmetic in planners simple. */
const UNBOUNDED = 1_000_000_000;

export const mysqlCapability: Capability = Object.freeze({
  sql: true,
  // MariaDB has INSERT/DELETE ... RETURNING but not UPDATE, and MySQL has none: the engine reads back by key.
  returning: false,
  upsert: true,
  cte: true,
  lateralJoin: false,
  windowFunctions: true,
  jsonAggregation: true,
  selectForUpdate: true,
  savepoints: true,
  isolationLevels: Object.freeze(["read uncommitted", "read committed", "repeatable read", "serializable"] as const),
  readOnlyTransactions: true,
  interactiveTransactions: true,
  maxKeysPerGet: MAX_PARAMETERS,
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
  // An array cannot be bound as one value; the driver expands IN lists to one placeholder per element.
  arrayParameters: false,
  maxParameters: MAX_PARAMETERS,
  storageTypes: Object.freeze({
    string: "text",
    number: "real",
    int: "integer",
    bigint: "bigint",
    boolean: "boolean-int",
    date: "timestamp",
    bytes: "blob",
    json: "json-text",
    enum: "text",
  }),
  // A network round trip dominates a key lookup; scans pay per row read.
  cost: Object.freeze({ keyLookup: 1, indexSeek: 2, scanPerRow: 0.1 }),
  schemaMutations: Object.freeze({
    alterColumnType: true,
    alterColumnNullability: true,
    dropColumn: true,
    renameColumn: true,
    addForeignKey: true,
    // Every DDL statement commits implicitly: a failed migration stops at a recorded step.
    transactionalDdl: false,
  }),
});
