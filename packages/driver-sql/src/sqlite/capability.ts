import { sqlCapability } from "../capability-base.ts";

/** SQLite's compile-time limit on bound parameters (SQLITE_MAX_VARIABLE_NUMBER in better-sqlite3's build). */
const MAX_PARAMETERS = 32766;

export const sqliteCapability = sqlCapability({
  returning: true,
  lateralJoin: false,
  selectForUpdate: false,
  isolationLevels: ["serializable"],
  maxKeysPerGet: MAX_PARAMETERS,
  arrayParameters: true,
  maxParameters: MAX_PARAMETERS,
  storageTypes: {
    string: "text",
    number: "real",
    int: "integer",
    bigint: "bigint",
    boolean: "boolean-int",
    date: "epoch-ms",
    bytes: "blob",
    json: "json-text",
    enum: "text",
  },
  // In-process B-trees: a key lookup and an index seek are both a few page reads; scans pay per row.
  cost: { keyLookup: 1, indexSeek: 2, scanPerRow: 0.05 },
  schemaMutations: {
    alterColumnType: false,
    alterColumnNullability: false,
    dropColumn: true,
    renameColumn: true,
    transactionalDdl: true,
    addForeignKey: false,
  },
  // SQLite keeps any name but NUL; `sqlite_` is its own; names of tables, columns and indexes ignore ASCII letter case.
  identifiers: {
    backend: "SQLite",
    table: { reservedPrefix: "sqlite_" },
    column: {},
    index: { reservedPrefix: "sqlite_" },
    foreignKey: {},
    caseInsensitiveColumns: true,
    caseInsensitiveTables: true,
    indexNamespace: "schema",
    foreignKeyNamespace: "table",
  },
});
