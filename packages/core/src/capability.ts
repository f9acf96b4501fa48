import type { ScalarType } from "./schema/app.ts";
import type { IdentifierRules } from "./schema/identifiers.ts";

/**
 * How a backend stores one scalar type. The engine encodes values into the
 * storage form before they become parameters and decodes them from rows.
 */
export type StorageType =
  | "text"
  | "integer"
  | "bigint"
  | "real"
  | "boolean"
  | "boolean-int" // 0/1 integers
  | "timestamp" // native timestamp with milliseconds
  | "epoch-ms" // integer milliseconds since the epoch
  | "iso-string" // ISO-8601 text
  | "blob"
  | "json"
  | "json-text" // JSON kept as text
  | "bigint-text" // decimal text
  | "number"; // key-value backends: a JSON/document number

export type IsolationLevel = "read uncommitted" | "read committed" | "repeatable read" | "snapshot" | "serializable";

export interface CostModel {
  /** Cost of fetching one row by its full key. */
  keyLookup: number;
  /** Cost of one seek into a secondary index. */
  indexSeek: number;
  /** Cost per row read by a full scan. */
  scanPerRow: number;
}

export interface SchemaMutations {
  alterColumnType: boolean;
  alterColumnNullability: boolean;
  dropColumn: boolean;
  renameColumn: boolean;
  addForeignKey: boolean;
  /**
   * DDL runs inside a transaction and rolls back with it (PostgreSQL, SQLite);
   * absent or false: every DDL statement commits on its own (MySQL/MariaDB).
   */
  transactionalDdl?: boolean;
}

/**
 * A flat, constant description of what one backend can do. The planner reads
 * it; nothing in the engine asks which backend it talks to.
 */
/** The instants a backend stores exactly, as epoch milliseconds (inclusive). */
export interface DateRange {
  readonly min: number;
  readonly max: number;
}

/** Every instant a JavaScript Date can hold. */
export const FULL_DATE_RANGE: DateRange = Object.freeze({ min: -8.64e15, max: 8.64e15 });

export interface Capability {
  /** The backend executes SQL statements (QuerySql / Insert operations). */
  sql: boolean;
  /**
   * The dates a date field can hold here and read back the same, and compare
   * in time order; others are refused with a ValidationError before they are
   * written or compared (MySQL's DATETIME stops at years 1000–9999 and changes
   * others silently).
   */
  dateRange: DateRange;
  returning: boolean;
  upsert: boolean;
  cte: boolean;
  lateralJoin: boolean;
  windowFunctions: boolean;
  jsonAggregation: boolean;
  selectForUpdate: boolean;
  savepoints: boolean;
  isolationLevels: readonly IsolationLevel[];
  readOnlyTransactions: boolean;
  interactiveTransactions: boolean;
  /** Most keys one batched key lookup may carry. */
  maxKeysPerGet: number;
  maxItemsPerTransaction: number;
  maxItemsPerBatchWrite: number;
  secondaryIndexes: boolean;
  orderByAnyField: boolean;
  /** LIKE-style pattern matching (contains / startsWith / endsWith) in the backend. */
  likePatterns: boolean;
  /** Conditions on related rows in the same request (relation filters some/none/every/is/isNot). */
  joins: boolean;
  /** The backend enforces foreign keys (ForeignKeyViolationError). */
  foreignKeys: boolean;
  /** The backend assigns increasing number ids (autoincrement). */
  autoincrement: boolean;
  /** multiply/divide as atomic updates (increment/decrement are always available). */
  arithmeticUpdates: boolean;
  /** Doubles over the whole IEEE-754 range (DynamoDB numbers stop at ±1e126). */
  fullDoubleRange: boolean;
  /** Array parameters bound as one value (e.g. `= ANY($1)` or `json_each(?)`). */
  arrayParameters: boolean;
  /** Largest number of bound parameters in one statement. */
  maxParameters: number;
  /**
   * Without arrayParameters: an `in` list too long to expand into
   * placeholders is bound as one JSON text parameter instead (MySQL's
   * JSON_TABLE), so it counts as one parameter.
   */
  jsonListParameters?: boolean;
  /**
   * Key-value filters and write conditions: the most one expression may
   * hold (DynamoDB: IN lists of 100 values, 300 operators, 4 KB of text).
   * A filter past them is tested in memory instead; a write condition past
   * them checks the values the write found instead.
   */
  filterLimits?: { readonly inList: number; readonly operators: number; readonly bytes: number };
  /**
   * The longest value a key field (id, indexed, belongsTo foreign key) can
   * hold: strings in characters or UTF-8 bytes, bytes values in bytes.
   * Longer is a ValidationError before I/O, in data and in filters.
   */
  keyLimits?: { readonly stringChars?: number; readonly stringBytes?: number; readonly bytes?: number };
  storageTypes: Readonly<Record<ScalarType, StorageType>>;
  cost: CostModel;
  schemaMutations: SchemaMutations;
  /** The names the backend can keep; checked when a client is created or a migration planned, before any I/O. */
  identifiers?: IdentifierRules;
}
