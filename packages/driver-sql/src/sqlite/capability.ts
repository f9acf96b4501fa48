import type { Capability } from "@strata/core";

/** SQLite's compile-time limit on bound parameters (SQLITE_MAX_VARIABLE_NUMBER in better-sqlite3's build). */
const MAX_PARAMETERS = 32766;
/** SQLite transactions have no item limit; a large finite number keeps arithmetic in planners simple. */
const UNBOUNDED = 1_000_000_000;

export const sqliteCapability: Capability = Object.freeze({
  sql: true,
  returning: true,
  upsert: true,
  cte: true,
  lateralJoin: false,
  windowFunctions: true,
  jsonAggregation: true,
  selectForUpdate: false,
  savepoints: true,
  isolationLevels: Object.freeze(["serializable"] as const),
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
  arrayParameters: true,
  maxParameters: MAX_PARAMETERS,
  storageTypes: Object.freeze({
    string: "text",
    number: "real",
    int: "integer",
    bigint: "bigint",
    boolean: "boolean-int",
    date: "epoch-ms",
    bytes: "blob",
    json: "json-text",
    enum: "text",
  }),
  // In-process B-trees: a key lookup and an index seek are both a few page reads; scans pay per row.
  cost: Object.freeze({ keyLookup: 1, indexSeek: 2, scanPerRow: 0.05 }),
  schemaMutations: Object.freeze({
    alterColumnType: false,
    alterColumnNullability: false,
    dropColumn: true,
    renameColumn: true,
    transactionalDdl: true,
    addForeignKey: false,
  }),
});
