import type { BatchGetCommandInput } from "@aws-sdk/lib-dynamodb";
import { Placeholders } from "../expression/placeholders.ts";
import { type Item, keyText } from "../values/item.ts";

/** BatchGetItem takes at most 100 keys per request. */
export const MAX_KEYS_PER_BATCH_GET = 100;

/**
 * The BatchGetItem requests for a set of keys of one table: duplicates
 * removed (DynamoDB refuses them), chunked by 100, strongly consistent when
 * asked, with a ProjectionExpression through name placeholders.
 */
export function batchGetParams(
  table: string,
  keys: readonly Item[],
  options: { projection?: readonly string[] | undefined; consistent: boolean },
): BatchGetCommandInput[] {
  const unique = dedupeKeys(keys);
  const ph = new Placeholders();
  const projection = options.projection?.map((name) => ph.name(name)).join(", ");
  const requests: BatchGetCommandInput[] = [];
  for (let i = 0; i < unique.length; i += MAX_KEYS_PER_BATCH_GET) {
    requests.push({
      RequestItems: {
        [table]: {
          Keys: unique.slice(i, i + MAX_KEYS_PER_BATCH_GET),
          ConsistentRead: options.consistent,
          ...(projection ? { ProjectionExpression: projection, ExpressionAttributeNames: ph.names } : {}),
        },
      },
    });
  }
  return requests;
}

export function dedupeKeys(keys: readonly Item[]): Item[] {
  const seen = new Map<string, Item>();
  for (const key of keys) seen.set(keyText(key), key);
  return [...seen.values()];
}
