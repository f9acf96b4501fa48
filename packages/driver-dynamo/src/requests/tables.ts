import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  KeySchemaElement,
  UpdateTableCommandInput,
} from "@aws-sdk/client-dynamodb";
import { type GsiModel, keyAttributeType, type TableModel } from "../schema/model.ts";

function keySchema(partitionKey: string, sortKey: string | undefined): KeySchemaElement[] {
  const schema: KeySchemaElement[] = [{ AttributeName: partitionKey, KeyType: "HASH" }];
  if (sortKey !== undefined) schema.push({ AttributeName: sortKey, KeyType: "RANGE" });
  return schema;
}

function attributeDefinitions(model: TableModel, names: readonly string[]): AttributeDefinition[] {
  return [...new Set(names)].map((name) => ({
    AttributeName: name,
    AttributeType: keyAttributeType(model.name, name, model.storage.get(name)),
  }));
}

function gsiKeys(gsi: GsiModel): string[] {
  return gsi.sortKey === undefined ? [gsi.partitionKey] : [gsi.partitionKey, gsi.sortKey];
}

function gsiDefinition(gsi: GsiModel): GlobalSecondaryIndex {
  return {
    IndexName: gsi.name,
    KeySchema: keySchema(gsi.partitionKey, gsi.sortKey),
    Projection: { ProjectionType: "ALL" },
  };
}

/** CreateTable of a main table: key schema from the primary key, one GSI per non-unique index, on demand. */
export function createTableParams(model: TableModel): CreateTableCommandInput {
  return {
    TableName: model.physical,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: keySchema(model.partitionKey, model.sortKey),
    AttributeDefinitions: attributeDefinitions(model, [...model.keyColumns, ...model.gsis.flatMap(gsiKeys)]),
    ...(model.gsis.length > 0 ? { GlobalSecondaryIndexes: model.gsis.map(gsiDefinition) } : {}),
  };
}

/** UpdateTable adding one GSI to an existing table (DynamoDB creates one GSI per UpdateTable call). */
export function createGsiParams(model: TableModel, gsi: GsiModel): UpdateTableCommandInput {
  return {
    TableName: model.physical,
    AttributeDefinitions: attributeDefinitions(model, [...model.keyColumns, ...gsiKeys(gsi)]),
    GlobalSecondaryIndexUpdates: [{ Create: gsiDefinition(gsi) }],
  };
}

/** CreateTable of the unique index items of a table: key `k` (`<column>#<value>`). */
export function createUniqueTableParams(table: string): CreateTableCommandInput {
  return {
    TableName: table,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: [{ AttributeName: "k", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "k", AttributeType: "S" }],
  };
}
