import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  type Connection,
  type DbSchema,
  type Driver,
  DriverError,
  type Operation,
  type StreamOptions,
} from "@strata/core";
import { dynamoCapability } from "./capability.ts";
import { describeOperation } from "./describe.ts";
import { execOperation } from "./exec.ts";
import { SchemaRegistry } from "./schema/registry.ts";
import { type DynamoContext, request } from "./send/context.ts";
import { introspectTables } from "./send/introspect.ts";
import { pushSchema } from "./send/push.ts";
import { applyDrops, type DynamoSchemaChange, planSchemaChanges } from "./send/schema-changes.ts";
import { streamPages as streamOperation } from "./send/stream.ts";
import { readNumber } from "./values/item.ts";

export interface DynamoOptions {
  /** The SDK client (region, credentials, endpoint are yours); the driver wraps it in a DynamoDBDocumentClient. */
  client: DynamoDBClient;
  /** Prepended to every table name (one DynamoDB table per db-schema table, e.g. "dev_"). Default "". */
  tablePrefix?: string;
  /** Strongly consistent reads of tables and Query on them (default true; GSIs are eventually consistent). */
  consistentRead?: boolean;
  /** Items DynamoDB evaluates per Query/Scan request (its Limit). Default: DynamoDB's 1 MB pages. */
  pageSize?: number;
  /** BatchGetItem rounds for UnprocessedKeys before a retryable error (default 8, with exponential backoff and jitter). */
  batchGetAttempts?: number;
}

export interface DynamoDriver extends Driver {
  readonly name: "dynamodb";
  /** The document client the driver sends through (marshalling with exact numbers). */
  readonly documentClient: DynamoDBDocumentClient;
  /** The DynamoDB table name of a db-schema table. */
  tableName(table: string): string;
  /** Learns the tables (always present here, unlike Driver's optional one). */
  useSchema(schema: DbSchema): void;
  /** What push would create and what the schema no longer has (tables, GSIs, unique-item tables under the prefix). */
  schemaChanges(schema: DbSchema): Promise<DynamoSchemaChange[]>;
  /**
   * Deletes the dropped entries of `changes` (waiting until each is gone),
   * then pushes `schema` (waiting until everything is ACTIVE). `onStep` hears each step.
   */
  applySchemaChanges(
    schema: DbSchema,
    changes: readonly DynamoSchemaChange[],
    onStep?: (text: string) => void,
  ): Promise<void>;
}

/** A Strata driver on DynamoDB: one table per model, unique columns as unique index items, GSIs for indexes. */
export function dynamo({ client, tablePrefix = "", ...options }: DynamoOptions): DynamoDriver {
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    unmarshallOptions: { wrapNumbers: readNumber },
  });
  const ctx: DynamoContext = {
    client,
    doc,
    schema: new SchemaRegistry(tablePrefix),
    pageSize: options.pageSize,
    consistentRead: options.consistentRead ?? true,
    maxItemsPerTransaction: dynamoCapability.maxItemsPerTransaction,
    batchGetAttempts: options.batchGetAttempts ?? 8,
  };
  let closed = false;
  /** After close() every call rejects (the SDK would quietly open new sockets). */
  const open = () => {
    if (closed) throw new DriverError("the DynamoDB driver is closed");
  };
  const exec = async (op: Operation) => {
    open();
    return execOperation(ctx, op);
  };
  const streamPages = async function* (op: Operation, opts: StreamOptions) {
    open();
    yield* streamOperation(ctx, op, opts, exec);
  };
  const ping = async () => {
    open();
    await request("ListTables", () => client.send(new ListTablesCommand({ Limit: 1 })));
  };
  // DynamoDB is stateless HTTP: a "connection" just runs operations (no interactive transactions).
  const connection: Connection = { exec, streamPages, ping, close: async () => undefined };
  return {
    name: "dynamodb",
    capability: dynamoCapability,
    documentClient: doc,
    exec,
    streamPages,
    connect: async () => {
      open();
      return connection;
    },
    push: async (schema: DbSchema) => {
      open();
      await pushSchema(ctx, schema);
    },
    schemaChanges: async (schema: DbSchema) => {
      open();
      return planSchemaChanges(ctx, schema);
    },
    applySchemaChanges: async (schema, changes, onStep) => {
      open();
      await applyDrops(ctx, changes, onStep);
      await pushSchema(ctx, schema, onStep);
    },
    useSchema: (schema: DbSchema) => {
      ctx.schema.use(schema);
    },
    describe: (op: Operation) => describeOperation(ctx.schema, op),
    introspect: async () => {
      open();
      return introspectTables(ctx);
    },
    ping,
    version: async () => "DynamoDB",
    tableName: (table: string) => ctx.schema.find(table)?.physical ?? tablePrefix + table,
    close: async () => {
      closed = true;
      doc.destroy();
      client.destroy();
    },
  };
}
