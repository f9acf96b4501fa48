import {
  DeleteTableCommand,
  type TableDescription,
  UpdateTableCommand,
  waitUntilTableNotExists,
} from "@aws-sdk/client-dynamodb";
import type { DbSchema } from "@strata/core";
import { awsErrorName, classifyDynamoError } from "../errors.ts";
import { buildTableModel, UNIQUE_SUFFIX } from "../schema/model.ts";
import { type DynamoContext, request, sleep } from "./context.ts";
import { listTables } from "./introspect.ts";
import { describe } from "./push.ts";

const WAIT_SECONDS = 300;

/** One table, GSI or unique-item table that push would create, or that the schema no longer has. */
export interface DynamoSchemaChange {
  readonly action: "create" | "drop";
  readonly kind: "table" | "gsi" | "uniqueTable";
  /** The DynamoDB table (with the prefix). */
  readonly physical: string;
  /** The GSI, for kind "gsi". */
  readonly index?: string;
  /** e.g. "drop table app_users (its items are lost)". */
  readonly summary: string;
}

/**
 * What makes the tables under the driver's prefix match `schema`: tables, GSIs
 * and unique-item tables to create, and those to drop (every table under the
 * prefix the schema does not name — never when the prefix is empty, since
 * other applications' tables would qualify — and every GSI it does not
 * declare on its own tables). Sends only
 * ListTables and DescribeTable.
 */
export async function planSchemaChanges(ctx: DynamoContext, schema: DbSchema): Promise<DynamoSchemaChange[]> {
  const models = schema.tables.map((t) => buildTableModel(t, ctx.schema.prefix));
  const live = new Set((await listTables(ctx)).filter((n) => n.startsWith(ctx.schema.prefix)));
  const wanted = new Set(models.flatMap((m) => (m.uniqueTable ? [m.physical, m.uniqueTable] : [m.physical])));
  const changes: DynamoSchemaChange[] = [];
  for (const model of models) {
    const table = live.has(model.physical) ? await describe(ctx, model.physical) : undefined;
    if (!table) changes.push(create("table", model.physical));
    const liveGsis = gsiNames(table);
    for (const gsi of model.gsis)
      if (table && !liveGsis.includes(gsi.name)) changes.push(create("gsi", model.physical, gsi.name));
    for (const name of liveGsis)
      if (!model.gsis.some((g) => g.name === name)) changes.push(drop("gsi", model.physical, name));
    if (model.uniqueTable && !live.has(model.uniqueTable)) changes.push(create("uniqueTable", model.uniqueTable));
  }
  // Without a prefix every table of the account would look like ours: never plan dropping tables then.
  if (ctx.schema.prefix === "") return changes;
  for (const physical of [...live].sort()) {
    if (!wanted.has(physical)) changes.push(drop(physical.endsWith(UNIQUE_SUFFIX) ? "uniqueTable" : "table", physical));
  }
  return changes;
}

/** Deletes what `planSchemaChanges` lists as dropped, one at a time, waiting until each is gone. */
export async function applyDrops(
  ctx: DynamoContext,
  changes: readonly DynamoSchemaChange[],
  onStep: (text: string) => void = () => undefined,
): Promise<void> {
  for (const change of changes) {
    if (change.action !== "drop") continue;
    onStep(change.summary);
    if (change.index === undefined) await deleteTable(ctx, change.physical);
    else await deleteGsi(ctx, change.physical, change.index);
  }
}

async function deleteTable(ctx: DynamoContext, name: string): Promise<void> {
  try {
    await ctx.client.send(new DeleteTableCommand({ TableName: name }));
  } catch (err) {
    if (awsErrorName(err) !== "ResourceNotFoundException") throw classifyDynamoError(err, `DeleteTable ${name}`);
  }
  await request(`waiting for ${name} to be deleted`, () =>
    waitUntilTableNotExists(
      { client: ctx.client, maxWaitTime: WAIT_SECONDS, minDelay: 1, maxDelay: 5 },
      { TableName: name },
    ),
  );
}

async function deleteGsi(ctx: DynamoContext, table: string, index: string): Promise<void> {
  await request(`UpdateTable ${table} (delete GSI ${index})`, () =>
    ctx.client.send(
      new UpdateTableCommand({ TableName: table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: index } }] }),
    ),
  );
  const deadline = Date.now() + WAIT_SECONDS * 1000;
  for (;;) {
    const live = await describe(ctx, table);
    if (!gsiNames(live).includes(index) && live?.TableStatus === "ACTIVE") return;
    if (Date.now() > deadline) throw new Error(`GSI ${index} on ${table} was not deleted within ${WAIT_SECONDS} s`);
    await sleep(250);
  }
}

const gsiNames = (table: TableDescription | undefined): string[] =>
  (table?.GlobalSecondaryIndexes ?? []).flatMap((g) => (g.IndexName ? [g.IndexName] : []));

function create(kind: DynamoSchemaChange["kind"], physical: string, index?: string): DynamoSchemaChange {
  const what = index === undefined ? `${kindName(kind)} ${physical}` : `GSI ${index} on ${physical}`;
  return { action: "create", kind, physical, ...(index === undefined ? {} : { index }), summary: `create ${what}` };
}

function drop(kind: DynamoSchemaChange["kind"], physical: string, index?: string): DynamoSchemaChange {
  const what =
    index === undefined ? `${kindName(kind)} ${physical} (its items are lost)` : `GSI ${index} on ${physical}`;
  return { action: "drop", kind, physical, ...(index === undefined ? {} : { index }), summary: `drop ${what}` };
}

const kindName = (kind: DynamoSchemaChange["kind"]) => (kind === "uniqueTable" ? "unique-item table" : "table");
