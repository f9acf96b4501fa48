import type { ColumnDef, StorageType, TableDef } from "@strata/core";
import { identifierProblem, UnsupportedError, ValidationError } from "@strata/core";

/** A global secondary index: one per non-unique index of the db schema. */
export interface GsiModel {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string | undefined;
}

/** One db-schema table as this driver lays it out in DynamoDB. */
export interface TableModel {
  /** The db schema's table name (what operations name). */
  readonly name: string;
  /** The DynamoDB table: tablePrefix + name. */
  readonly physical: string;
  /** The table of unique index items (tablePrefix + name + "__unique"), when the table has unique columns. */
  readonly uniqueTable: string | undefined;
  readonly partitionKey: string;
  readonly sortKey: string | undefined;
  /** The primary key columns, partition key first. */
  readonly keyColumns: readonly string[];
  readonly columns: readonly ColumnDef[];
  readonly storage: ReadonlyMap<string, StorageType>;
  readonly gsis: readonly GsiModel[];
  /** Single-column unique indexes (column → db index name). */
  readonly uniques: ReadonlyMap<string, string>;
}

export const UNIQUE_SUFFIX = "__unique";

/** Lays out one table; refuses what DynamoDB cannot key (more than two key columns, composite unique indexes). */
export function buildTableModel(table: TableDef, prefix: string): TableModel {
  const [partitionKey, sortKey, ...rest] = table.primaryKey;
  if (partitionKey === undefined) {
    throw new UnsupportedError("primaryKey", `Table ${table.name} has no primary key; DynamoDB needs a partition key.`);
  }
  if (rest.length > 0) {
    throw new UnsupportedError(
      "compositeKeys",
      `Table ${table.name} has a ${table.primaryKey.length}-column primary key (${table.primaryKey.join(", ")}); DynamoDB keys have at most two attributes (partition and sort key). Use at most two id fields, or one id field that combines them.`,
    );
  }
  const physical = prefix + table.name;
  const problem = identifierProblem(physical + UNIQUE_SUFFIX, { minChars: 3, maxChars: 255 }, "DynamoDB");
  if (problem !== undefined || physical.length < 3) {
    throw new ValidationError(
      [
        {
          path: [table.name],
          code: "invalid_identifier",
          message: `table name ${JSON.stringify(physical)} (prefix + table) ${problem ?? "has fewer than 3 characters; DynamoDB needs at least 3"}: change the table name or the tablePrefix`,
        },
      ],
      "schema names DynamoDB cannot keep",
    );
  }
  const keyColumns = sortKey === undefined ? [partitionKey] : [partitionKey, sortKey];
  const gsis: GsiModel[] = [];
  const uniques = new Map<string, string>();
  for (const index of table.indexes) {
    if (!index.unique) {
      const [pk, sk, ...more] = index.columns;
      if (pk === undefined || more.length > 0) {
        throw new UnsupportedError(
          "secondaryIndexes",
          `Index ${index.name} on ${table.name} has ${index.columns.length} columns; a DynamoDB GSI keys on one or two attributes.`,
        );
      }
      gsis.push({ name: index.name, partitionKey: pk, sortKey: sk });
      continue;
    }
    if (sameColumns(index.columns, keyColumns)) continue; // the primary key is unique already
    const [column, ...others] = index.columns;
    if (column === undefined || others.length > 0) {
      throw new UnsupportedError(
        "compositeUnique",
        `Unique index ${index.name} on ${table.name} spans ${index.columns.join(", ")}; DynamoDB enforces only single-column unique indexes here. Store the combination in one field and make that unique.`,
      );
    }
    uniques.set(column, index.name);
  }
  return {
    name: table.name,
    physical,
    uniqueTable: uniques.size > 0 ? prefix + table.name + UNIQUE_SUFFIX : undefined,
    partitionKey,
    sortKey,
    keyColumns,
    columns: table.columns,
    storage: new Map(table.columns.map((c) => [c.name, c.storage])),
    gsis,
    uniques,
  };
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}

/** The DynamoDB scalar type of a key attribute with this storage type. */
export function keyAttributeType(table: string, column: string, storage: StorageType | undefined): "S" | "N" | "B" {
  switch (storage) {
    case "text":
    case "iso-string":
    case "json-text":
    case "bigint-text":
      return "S";
    case "number":
    case "integer":
    case "real":
    case "bigint":
    case "epoch-ms":
    case "boolean-int":
      return "N";
    case "blob":
      return "B";
    case "boolean":
    case "json":
    case "timestamp":
    case undefined:
      throw new UnsupportedError(
        "keyType",
        `${table}.${column} (${storage ?? "unknown column"}) cannot be a DynamoDB key attribute; keys are strings, numbers or bytes.`,
      );
  }
}
