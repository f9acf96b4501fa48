import type { QueryCommandInput, ScanCommandInput } from "@aws-sdk/lib-dynamodb";
import { type QueryIndex, type QueryPk, type Scan, UnsupportedError } from "@strata/core";
import { translateFilter } from "../expression/filter.ts";
import { keyCondition } from "../expression/key-condition.ts";
import { Placeholders } from "../expression/placeholders.ts";
import type { TableModel } from "../schema/model.ts";
import type { Item } from "../values/item.ts";

export type ReadOp = QueryPk | QueryIndex | Scan;

export interface Page {
  /** LastEvaluatedKey of the previous page. */
  readonly startKey?: Item | undefined;
  /** Items DynamoDB evaluates in this request (its Limit, applied before the filter). */
  readonly limit?: number | undefined;
  readonly consistent: boolean;
}

/**
 * One Query request of a paged read (KeyConditionExpression, FilterExpression,
 * index, direction). Undefined when the filter can never hold (e.g. `x =
 * NULL`): the read returns nothing without a request.
 */
export function queryParams(model: TableModel, op: QueryPk | QueryIndex, page: Page): QueryCommandInput | undefined {
  const ph = new Placeholders();
  const shared = commonParams(ph, model, op, page);
  if (!shared) return undefined;
  return {
    ...shared,
    ...(op.kind === "QueryIndex" ? { IndexName: gsiName(model, op.index) } : {}),
    KeyConditionExpression: keyCondition(ph, op.partition, op.sort),
    ...(op.descending ? { ScanIndexForward: false } : {}),
    // GSIs are eventually consistent only.
    ...(page.consistent && op.kind === "QueryPk" ? { ConsistentRead: true } : {}),
    ...ph.fields(),
  };
}

/** One Scan request of a paged read; undefined when the filter can never hold. */
export function scanParams(model: TableModel, op: Scan, page: Page): ScanCommandInput | undefined {
  const ph = new Placeholders();
  const shared = commonParams(ph, model, op, page);
  if (!shared) return undefined;
  return { ...shared, ...(page.consistent ? { ConsistentRead: true } : {}), ...ph.fields() };
}

function commonParams(ph: Placeholders, model: TableModel, op: ReadOp, page: Page) {
  const filter = op.filter ? translateFilter(ph, op.filter, op.filterParams ?? []) : true;
  if (filter === false) return undefined;
  return {
    TableName: model.physical,
    ...(typeof filter === "string" ? { FilterExpression: filter } : {}),
    ...(page.limit !== undefined ? { Limit: page.limit } : {}),
    ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}),
  };
}

function gsiName(model: TableModel, index: string): string {
  if (model.gsis.some((g) => g.name === index)) return index;
  throw new UnsupportedError(
    "secondaryIndexes",
    `Table ${model.name} has no secondary index ${index} (its GSIs: ${model.gsis.map((g) => g.name).join(", ") || "none"}).`,
  );
}
