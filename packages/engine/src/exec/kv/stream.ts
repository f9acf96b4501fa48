import { CancelledError, type Row, UnsupportedError } from "@strata/core";
import type { KvPlan } from "../../plan/kv/index.ts";
import type { Runtime } from "../runtime.ts";
import { evaluate } from "./evaluate.ts";
import { kvLoadIncludes, kvReadRows, project } from "./read.ts";

/**
 * Streams a key-value read, in pages. A single query or scan pages through the backend
 * (`batchSize` items per request, stopped by the signal) and is filtered row
 * by row; an access that fans out or sorts in memory is read whole first
 * (bounded by its keys), then handed out in batches.
 */
export async function* streamKv(
  rt: Runtime,
  plan: KvPlan,
  values: readonly unknown[],
  model: string,
  batchSize: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<Row[]> {
  if (plan.kind !== "read") throw new Error("stream plans a read");
  const node = plan.node;
  if (node.cursor) {
    throw new UnsupportedError(
      "cursorInStream",
      "stream() does not take a cursor; it already reads every matching row in batches.",
    );
  }
  const idFields = (m: string) => rt.idFields(m);
  const ops = node.access.build(values, {});
  const finish = async (batch: Row[]) => {
    await kvLoadIncludes(rt, node.includes, batch, values, idFields);
    for (const r of batch) project(r, node.fields, node.includes);
    return batch;
  };
  if (ops.length !== 1 || node.sortInMemory || node.cursor || node.orderBy.length > 0) {
    const rows = await kvReadRows(rt, node, values, idFields);
    for (let i = 0; i < rows.length; i += batchSize) {
      if (signal?.aborted) throw new CancelledError(`${model}.stream was aborted`);
      yield await finish(rows.slice(i, i + batchSize));
    }
    return;
  }
  let skip = node.skip === null ? 0 : (values[node.skip] as number);
  let left = node.take === null ? Number.POSITIVE_INFINITY : (values[node.take] as number);
  let batch: Row[] = [];
  pages: for await (const page of rt.target.streamPages(ops[0]!, { batchSize, signal })) {
    for (const item of page) {
      const row = node.decode(item);
      if (node.where && evaluate(node.where, row, values) !== true) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      if (left-- <= 0) break pages;
      batch.push(row);
      if (batch.length >= batchSize) {
        yield await finish(batch);
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield await finish(batch);
}
