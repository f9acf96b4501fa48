import { BatchGetCommand, type BatchGetCommandInput } from "@aws-sdk/lib-dynamodb";
import { DriverError, type GetByKey, type Row, UnsupportedError } from "@strata/core";
import { batchGetParams } from "../requests/batch-get.ts";
import { uniqueKey } from "../requests/unique.ts";
import { type Item, toRow } from "../values/item.ts";
import { backoffDelay, type DynamoContext, mapLimited, request, sleep } from "./context.ts";

/** BatchGetItem requests of one read in flight at once. */
const PARALLEL_REQUESTS = 4;

/**
 * GetByKey: full primary keys go straight to the table; single-column unique
 * keys are first resolved through the unique index items (consistently), then
 * read from the table. Missing keys are simply absent from the rows.
 */
export async function getByKey(ctx: DynamoContext, op: GetByKey): Promise<Row[]> {
  const model = ctx.schema.table(op.table);
  const primary: Item[] = [];
  const unique: Item[] = [];
  for (const key of op.keys) {
    const names = Object.keys(key);
    if (names.length === model.keyColumns.length && model.keyColumns.every((c) => names.includes(c))) {
      primary.push({ ...key });
    } else if (names.length === 1 && model.uniques.has(names[0] as string)) {
      const [column] = names as [string];
      const value = key[column];
      if (value !== null && value !== undefined) unique.push({ k: uniqueKey(column, value) });
    } else {
      throw new UnsupportedError(
        "getByKey",
        `GetByKey on ${model.name} with key attributes (${names.join(", ")}): a key is the primary key (${model.keyColumns.join(", ")}) or one unique column (${[...model.uniques.keys()].join(", ") || "none"}).`,
      );
    }
  }
  if (unique.length > 0 && model.uniqueTable) {
    const refs = await batchGetItems(ctx, model.uniqueTable, unique, undefined, true);
    for (const item of refs) {
      if (item.ref && typeof item.ref === "object") primary.push({ ...item.ref });
    }
  }
  if (primary.length === 0) return [];
  const items = await batchGetItems(
    ctx,
    model.physical,
    primary,
    op.projection,
    ctx.consistentRead || unique.length > 0,
  );
  return items.map((item) => toRow(model, item, op.projection));
}

/** Reads the items of some keys of one table, chunked by 100 and retrying UnprocessedKeys with backoff. */
export async function batchGetItems(
  ctx: DynamoContext,
  table: string,
  keys: readonly Item[],
  projection: readonly string[] | undefined,
  consistent: boolean,
): Promise<Item[]> {
  const requests = batchGetParams(table, keys, { projection, consistent });
  const pages = await mapLimited(requests, PARALLEL_REQUESTS, (input) => untilProcessed(ctx, table, input));
  return pages.flat();
}

async function untilProcessed(ctx: DynamoContext, table: string, first: BatchGetCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let input: BatchGetCommandInput = first;
  for (let attempt = 0; ; attempt++) {
    const out = await request(`BatchGetItem ${table}`, () => ctx.doc.send(new BatchGetCommand(input)));
    items.push(...(out.Responses?.[table] ?? []));
    const left = out.UnprocessedKeys?.[table];
    const count = left?.Keys?.length ?? 0;
    if (!left || count === 0) return items;
    if (attempt + 1 >= ctx.batchGetAttempts) {
      throw new DriverError(
        `BatchGetItem ${table}: ${count} key(s) still unprocessed after ${ctx.batchGetAttempts} attempts (DynamoDB is throttling); retry later`,
        { retryable: true, backendCode: "UnprocessedKeys" },
      );
    }
    await sleep(backoffDelay(attempt));
    input = { RequestItems: { [table]: left } };
  }
}
