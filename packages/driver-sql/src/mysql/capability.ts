import { sqlCapability } from "../capability-base.ts";

/** Placeholders in one prepared statement (the protocol counts them in 16 bits). */
const MAX_PARAMETERS = 65535;

const MYSQL_NAME = { maxChars: 64, noTrailingWhitespace: true, bmpOnly: true } as const;

export const mysqlCapability = sqlCapability({
  // MariaDB has INSERT/DELETE ... RETURNING but not UPDATE, and MySQL has none: the engine reads back by key.
  returning: false,
  lateralJoin: false,
  selectForUpdate: true,
  isolationLevels: ["read uncommitted", "read committed", "repeatable read", "serializable"],
  maxKeysPerGet: MAX_PARAMETERS,
  // An array cannot be bound as one value; the driver expands IN lists to one placeholder per element.
  arrayParameters: false,
  maxParameters: MAX_PARAMETERS,
  jsonListParameters: true,
  // Key, indexed and foreign-key columns are VARCHAR(191) and VARBINARY(255) (dialects/mysql.ts).
  keyLimits: { stringChars: 191, bytes: 255 },
  // DATETIME(3): years 1000–9999; MariaDB changes other dates silently (0001 reads back as 1901).
  dateRange: { min: Date.parse("1000-01-01T00:00:00.000Z"), max: Date.parse("9999-12-31T23:59:59.999Z") },
  storageTypes: {
    string: "text",
    number: "real",
    int: "integer",
    bigint: "bigint",
    boolean: "boolean-int",
    date: "timestamp",
    bytes: "blob",
    json: "json-text",
    enum: "text",
  },
  // A network round trip dominates a key lookup; scans pay per row read.
  cost: { keyLookup: 1, indexSeek: 2, scanPerRow: 0.1 },
  schemaMutations: {
    alterColumnType: true,
    alterColumnNullability: true,
    dropColumn: true,
    renameColumn: true,
    // Every DDL statement commits implicitly: a failed migration stops at a recorded step.
    transactionalDdl: false,
    addForeignKey: true,
  },
  // 64 characters, no trailing white space, nothing above U+FFFF; column names ignore case; foreign key names are per database.
  identifiers: {
    backend: "MySQL",
    table: MYSQL_NAME,
    column: MYSQL_NAME,
    index: MYSQL_NAME,
    foreignKey: MYSQL_NAME,
    caseInsensitiveColumns: true,
    caseInsensitiveTables: false,
    indexNamespace: "table",
    foreignKeyNamespace: "schema",
  },
});
