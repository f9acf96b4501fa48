import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { classifyDynamoError } from "../errors.ts";
import type { SchemaRegistry } from "../schema/registry.ts";

/** What every request sender needs: the clients, the known tables and the driver's settings. */
export interface DynamoContext {
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  readonly schema: SchemaRegistry;
  /** Items DynamoDB evaluates per Query/Scan request (its Limit); undefined = its 1 MB pages. */
  readonly pageSize: number | undefined;
  /** Strongly consistent reads of tables (GSIs are always eventually consistent). */
  readonly consistentRead: boolean;
  readonly maxItemsPerTransaction: number;
  /** Rounds of BatchGetItem for keys DynamoDB left unprocessed, before giving up. */
  readonly batchGetAttempts: number;
}

/** Runs one request, classifying what it throws (ARCHITECTURE.md error table). */
export async function request<T>(what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    throw classifyDynamoError(err, what);
  }
}

/** Exponential backoff with full jitter: up to 50 ms · 2^attempt, capped at 2 s. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return Math.round(Math.min(2_000, 50 * 2 ** attempt) * random());
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs tasks with at most `limit` in flight, keeping their order in the result. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
