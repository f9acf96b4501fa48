import { FULL_DATE_RANGE } from "@strata/core";
import { sqlCapability, UNBOUNDED } from "../capability-base.ts";

/** The wire protocol counts bind parameters in an Int16: at most 65535 per statement. */
export const POSTGRES_MAX_PARAMETERS = 65535;

export const postgresCapability = sqlCapability({
  returning: true,
  lateralJoin: true,
  selectForUpdate: true,
  isolationLevels: ["read committed", "repeatable read", "serializable"],
  // Keys travel as one array parameter (`= ANY($1)`), so a lookup is not bounded by the parameter limit.
  maxKeysPerGet: UNBOUNDED,
  arrayParameters: true,
  maxParameters: POSTGRES_MAX_PARAMETERS,
  // A btree index entry holds at most 2,704 bytes (a third of a page); random text past ~2,690 bytes
  // failed with 54000. 2,600 leaves room for the entry's header whatever the compression does.
  keyLimits: { stringBytes: 2600, bytes: 2600 },
  // timestamptz starts at 4713 BC (its end, 294276 AD, is past a JavaScript Date's).
  dateRange: { min: Date.parse("-004712-01-01T00:00:00.000Z"), max: FULL_DATE_RANGE.max },
  storageTypes: {
    string: "text",
    number: "real",
    int: "integer",
    bigint: "bigint",
    boolean: "boolean",
    date: "timestamp",
    bytes: "blob",
    json: "json",
    enum: "text",
  },
  // A round trip to a server: key lookups and index seeks cost a few page reads plus the trip; scans pay per row.
  cost: { keyLookup: 1, indexSeek: 2, scanPerRow: 0.02 },
  schemaMutations: {
    alterColumnType: true,
    alterColumnNullability: true,
    dropColumn: true,
    renameColumn: true,
    transactionalDdl: true,
    addForeignKey: true,
  },
  // NAMEDATALEN - 1: PostgreSQL cuts a longer name to 63 bytes without an error.
  identifiers: {
    backend: "PostgreSQL",
    table: { maxBytes: 63 },
    column: { maxBytes: 63 },
    index: { maxBytes: 63 },
    foreignKey: { maxBytes: 63 },
    caseInsensitiveColumns: false,
    caseInsensitiveTables: false,
    indexNamespace: "schema",
    foreignKeyNamespace: "table",
  },
});
