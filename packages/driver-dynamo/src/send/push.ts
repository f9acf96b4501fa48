import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type TableDescription,
  UpdateTableCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { type DbSchema, UnsupportedError } from "@strata/core";
import { awsErrorName, classifyDynamoError } from "../errors.ts";
import { createGsiParams, createTableParams, createUniqueTableParams } from "../requests/tables.ts";
import type { TableModel } from "../schema/model.ts";
import { type DynamoContext, request, sleep } from "./context.ts";

const WAIT_SECONDS = 300;

/** Creates missing tables, GSIs and unique-item tables, and waits until all are ACTIVE. Idempotent. */
export async function pushSchema(
  ctx: DynamoContext,
  schema: DbSchema,
  onStep: (text: string) => void = () => undefined,
): Promise<void> {
  const models = ctx.schema.use(schema);
  for (const model of models) {
    await ensureTable(ctx, model, onStep);
    if (model.uniqueTable) await ensureUniqueTable(ctx, model.uniqueTable, onStep);
  }
}

async function ensureTable(ctx: DynamoContext, model: TableModel, onStep: (text: string) => void): Promise<void> {
  let table = await describe(ctx, model.physical);
  if (!table) {
    onStep(`create table ${model.physical} (waiting for ACTIVE)`);
    await create(ctx, createTableParams(model));
    table = await waitActive(ctx, model.physical);
  }
  checkKeys(model, table);
  for (const gsi of model.gsis) {
    if (table.GlobalSecondaryIndexes?.some((g) => g.IndexName === gsi.name)) continue;
    onStep(`create GSI ${gsi.name} on ${model.physical} (waiting for ACTIVE)`);
    await request(`UpdateTable ${model.physical}`, () =>
      ctx.client.send(new UpdateTableCommand(createGsiParams(model, gsi))),
    );
    table = await waitActive(ctx, model.physical);
  }
}

async function ensureUniqueTable(ctx: DynamoContext, name: string, onStep: (text: string) => void): Promise<void> {
  if (await describe(ctx, name)) return;
  onStep(`create unique-item table ${name} (waiting for ACTIVE)`);
  await create(ctx, createUniqueTableParams(name));
  await waitActive(ctx, name);
}

async function create(ctx: DynamoContext, input: CreateTableCommandInput): Promise<void> {
  try {
    await ctx.client.send(new CreateTableCommand(input));
  } catch (err) {
    // Another push created it first: fine, wait for it below.
    if (awsErrorName(err) !== "ResourceInUseException") {
      throw classifyDynamoError(err, `CreateTable ${input.TableName}`);
    }
  }
}

export async function describe(ctx: DynamoContext, name: string): Promise<TableDescription | undefined> {
  try {
    return (await ctx.client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (err) {
    if (awsErrorName(err) === "ResourceNotFoundException") return undefined;
    throw classifyDynamoError(err, `DescribeTable ${name}`);
  }
}

/** The SDK waiter for the table, then polling until every GSI is ACTIVE too (backfills take a while). */
async function waitActive(ctx: DynamoContext, name: string): Promise<TableDescription> {
  await request(`waiting for ${name}`, () =>
    waitUntilTableExists(
      { client: ctx.client, maxWaitTime: WAIT_SECONDS, minDelay: 1, maxDelay: 5 },
      { TableName: name },
    ),
  );
  const deadline = Date.now() + WAIT_SECONDS * 1000;
  for (;;) {
    const table = await describe(ctx, name);
    const ready =
      table?.TableStatus === "ACTIVE" && (table.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === "ACTIVE");
    if (table && ready) return table;
    if (Date.now() > deadline) throw new Error(`DynamoDB table ${name} did not become ACTIVE within ${WAIT_SECONDS} s`);
    await sleep(250);
  }
}

function checkKeys(model: TableModel, table: TableDescription): void {
  const live = (table.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(", ");
  const wanted = model.keyColumns.map((c, i) => `${c}:${i === 0 ? "HASH" : "RANGE"}`).join(", ");
  if (live !== wanted) {
    throw new UnsupportedError(
      "alterKey",
      `DynamoDB table ${model.physical} is keyed on (${live}) but the schema wants (${wanted}); DynamoDB cannot change a table's key. Drop the table or copy its items into a new table.`,
    );
  }
}
