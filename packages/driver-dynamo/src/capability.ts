import type { Capability } from "@strata/core";
import { UNIQUE_SUFFIX } from "./schema/model.ts";

const DYNAMO_NAME_CHARS = { pattern: /^[A-Za-z0-9_.-]$/, description: "letters A–Z and a–z, digits, _ . and -" };

/**
 * What DynamoDB offers the planner: no SQL, batched key lookups of 100
 * (BatchGetItem), transactions of 100 items (TransactWriteItems, unique index
 * items included), batch writes of 25, GSIs, no interactive transactions.
 */
export const dynamoCapability: Capability = {
  sql: false,
  // Dates are stored as ISO-8601 text, which sorts in time order only for years 0000–9999.
  dateRange: { min: Date.parse("0000-01-01T00:00:00.000Z"), max: Date.parse("9999-12-31T23:59:59.999Z") },
  returning: false,
  upsert: true,
  cte: false,
  lateralJoin: false,
  windowFunctions: false,
  jsonAggregation: false,
  selectForUpdate: false,
  savepoints: false,
  isolationLevels: ["serializable"],
  readOnlyTransactions: false,
  interactiveTransactions: false,
  maxKeysPerGet: 100,
  maxItemsPerTransaction: 100,
  maxItemsPerBatchWrite: 25,
  secondaryIndexes: true,
  orderByAnyField: false,
  likePatterns: false,
  joins: false,
  foreignKeys: false,
  autoincrement: false,
  arithmeticUpdates: false,
  fullDoubleRange: false,
  arrayParameters: false,
  maxParameters: 100,
  // The documented expression limits, with room for the key condition and the names/values placeholders.
  filterLimits: { inList: 100, operators: 280, bytes: 3500 },
  // Sort keys (and index sort keys) stop at 1,024 bytes, partition keys at 2,048: one limit for every key field.
  keyLimits: { stringBytes: 1024, bytes: 1024 },
  storageTypes: {
    string: "text",
    number: "number",
    int: "number",
    bigint: "bigint",
    boolean: "boolean",
    date: "iso-string",
    bytes: "blob",
    json: "json-text",
    enum: "text",
  },
  cost: { keyLookup: 1, indexSeek: 4, scanPerRow: 1 },
  schemaMutations: {
    alterColumnType: false,
    alterColumnNullability: false,
    dropColumn: true,
    renameColumn: false,
    addForeignKey: false,
  },
  // Table and index names: 3–255 of [A-Za-z0-9_.-] (the driver checks the prefixed physical names too);
  // attribute names: key attributes at most 255 bytes, and any column may key an index.
  identifiers: {
    backend: "DynamoDB",
    table: { allowed: DYNAMO_NAME_CHARS, maxChars: 255 - UNIQUE_SUFFIX.length },
    column: { maxBytes: 255 },
    index: { allowed: DYNAMO_NAME_CHARS, minChars: 3, maxChars: 255 },
    foreignKey: {},
    caseInsensitiveColumns: false,
    caseInsensitiveTables: false,
    indexNamespace: "table",
    foreignKeyNamespace: "table",
  },
};
