import { QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { CancelledError, type Row } from "@strata/core";
import { type Page, queryParams, type ReadOp, scanParams } from "../requests/read.ts";
import { type Item, toRow } from "../values/item.ts";
import { type DynamoContext, request } from "./context.ts";

export interface PagingOptions {
  /** Items per request (a stream's batchSize); otherwise the driver's pageSize. */
  readonly batchSize?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Pages a Query or Scan through LastEvaluatedKey, yielding rows page by page,
 * until `limit` matching items or the end. Without a filter the request Limit
 * is what is still wanted, so a limited read costs one request.
 */
export async function* readPages(ctx: DynamoContext, op: ReadOp, options: PagingOptions = {}): AsyncGenerator<Row[]> {
  const model = ctx.schema.table(op.table);
  const what = `${op.kind === "Scan" ? "Scan" : "Query"} ${model.physical}`;
  let remaining = op.limit ?? Number.POSITIVE_INFINITY;
  let startKey: Item | undefined;
  while (remaining > 0) {
    if (options.signal?.aborted) throw new CancelledError(`${what} was aborted`, { cause: options.signal.reason });
    const perRequest = options.batchSize ?? ctx.pageSize;
    const wanted = op.filter ? perRequest : Math.min(remaining, perRequest ?? Number.POSITIVE_INFINITY);
    const page: Page = {
      startKey,
      limit: Number.isFinite(wanted) ? wanted : undefined,
      consistent: ctx.consistentRead,
    };
    const httpOptions = options.signal ? { abortSignal: options.signal } : {};
    let out: { Items?: Item[] | undefined; LastEvaluatedKey?: Item | undefined };
    if (op.kind === "Scan") {
      const input = scanParams(model, op, page);
      if (!input) return;
      out = await request(what, () => ctx.doc.send(new ScanCommand(input), httpOptions));
    } else {
      const input = queryParams(model, op, page);
      if (!input) return;
      out = await request(what, () => ctx.doc.send(new QueryCommand(input), httpOptions));
    }
    const items = (out.Items ?? []).slice(0, remaining);
    remaining -= items.length;
    if (items.length > 0) yield items.map((item) => toRow(model, item));
    startKey = out.LastEvaluatedKey;
    if (!startKey) return;
  }
}

/** The whole result of a paged read. */
export async function readAll(ctx: DynamoContext, op: ReadOp): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const page of readPages(ctx, op)) rows.push(...page);
  return rows;
}
