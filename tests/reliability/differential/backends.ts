import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Driver } from "@strata/core";
import { dynamo } from "@strata/driver-dynamo";
import { localClientConfig, startDynamoLocal } from "@strata/driver-dynamo/local";
import { type Backend, backends } from "../../conformance/backends.js";

let run = 0;

/** DynamoDB Local started (and stopped) by this file, queried with allowScan: true. */
export const dynamoBackend: Backend = {
  name: "dynamodb",
  clientOptions: { allowScan: true },
  async open() {
    const local = await startDynamoLocal();
    const client = new DynamoDBClient({ ...localClientConfig(local.endpoint), maxAttempts: 2 });
    const driver: Driver = dynamo({ client, tablePrefix: `diff${process.pid}_${Date.now().toString(36)}_${run++}_` });
    return {
      driver,
      async cleanup() {
        await driver.close();
        client.destroy();
        await local.stop();
      },
    };
  },
};

/** The conformance SQL backends plus DynamoDB Local (this file's own, so it can stop it). */
export const diffBackends: Backend[] = [...backends.filter((b) => b.name !== dynamoBackend.name), dynamoBackend];
