import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DbSchema } from "@strata/core";
import { afterAll, beforeAll } from "vitest";
import { type DynamoDriver, dynamo } from "../src/index.ts";
import { type DynamoLocal, startDynamoLocal } from "../src/local.ts";
import { countRequests, schema as defaultSchema, makeClient, uniquePrefix } from "./fixtures.ts";

export interface Live {
  local: DynamoLocal;
  client: DynamoDBClient;
  driver: DynamoDriver;
  /** Requests sent through `client`, by command name (reset it in a test). */
  requests: Map<string, number>;
  prefix: string;
}

/**
 * Starts DynamoDB Local for the test file (or uses STRATA_DYNAMO_ENDPOINT),
 * a driver on its own table prefix, and pushes the schema; stops it all after.
 */
export function useDynamoLocal(
  name: string,
  options: { schema?: DbSchema; pageSize?: number; push?: boolean } = {},
): Live {
  const live = {} as Live;
  beforeAll(async () => {
    live.local = await startDynamoLocal();
    live.prefix = uniquePrefix(name);
    live.client = makeClient(live.local.endpoint);
    live.requests = countRequests(live.client);
    live.driver = dynamo({
      client: live.client,
      tablePrefix: live.prefix,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    });
    if (options.push !== false) await live.driver.push(options.schema ?? defaultSchema);
  });
  afterAll(async () => {
    await live.driver?.close();
    await live.local?.stop();
  });
  return live;
}
