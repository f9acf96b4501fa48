import { CancelledError, type Operation, pagesOf, type Row, type StreamOptions } from "@strata/core";
import type { DynamoContext } from "./context.ts";
import { readPages } from "./read.ts";

/**
 * Streams pages of rows: Query and Scan page through DynamoDB with Limit = batchSize
 * (one request per batch, none after an abort); other operations run once
 * and hand out their rows.
 */
export async function* streamPages(
  ctx: DynamoContext,
  op: Operation,
  options: StreamOptions,
  exec: (op: Operation) => Promise<{ rows: Row[] }>,
): AsyncGenerator<Row[]> {
  const { batchSize, signal } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`stream batchSize must be a positive integer, got ${batchSize}`);
  const aborted = () => new CancelledError(`DynamoDB ${op.kind} stream was aborted`, { cause: signal?.reason });
  if (signal?.aborted) throw aborted();
  if (op.kind === "QueryPk" || op.kind === "QueryIndex" || op.kind === "Scan") {
    for await (const page of readPages(ctx, op, { batchSize, signal })) {
      if (signal?.aborted) throw aborted();
      if (page.length > 0) yield page;
    }
    return;
  }
  const { rows } = await exec(op);
  for (const page of pagesOf(rows, batchSize)) {
    if (signal?.aborted) throw aborted();
    yield page;
  }
}
