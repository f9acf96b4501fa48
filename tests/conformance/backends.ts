import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Capability, Driver } from "@strata/core";
import { dynamo } from "@strata/driver-dynamo";
import { localClientConfig, startDynamoLocal } from "@strata/driver-dynamo/local";
import { mysql, postgres, sqlite } from "@strata/driver-sql";
import { it } from "vitest";
import { createMysqlDatabase, dropSchema, findPostgres, randomSchemaName } from "../support/databases.js";

/**
 * Every backend the conformance suite runs on. A new driver joins the suite by
 * adding an entry here; cases a backend cannot run are skipped by capability.
 */
export interface Backend {
  name: string;
  /** Client options this backend runs the suite with (DynamoDB: allowScan, since the suite reads whole tables). */
  clientOptions?: { allowScan?: boolean };
  /** A fresh, empty database for one test file. */
  open(): Promise<{ driver: Driver; cleanup(): Promise<void> }>;
}

export const backends: Backend[] = [
  {
    name: "sqlite",
    async open() {
      const driver = sqlite(":memory:");
      return { driver, cleanup: () => driver.close() };
    },
  },
  {
    name: "postgres",
    async open() {
      // One schema per test file (push creates it), dropped with everything in it afterwards.
      const { url } = await findPostgres();
      const schema = randomSchemaName();
      const driver = postgres(url, { schema, name: "conformance", max: 4 });
      return {
        driver,
        async cleanup() {
          await driver.close();
          await dropSchema(url, schema);
        },
      };
    },
  },
  {
    name: "mysql",
    async open() {
      // One database per test file (strata_t_<random>), dropped after the driver is closed.
      const database = await createMysqlDatabase();
      const driver = mysql(database.url, { poolSize: 4 });
      return {
        driver,
        async cleanup() {
          await driver.close();
          await database.drop();
        },
      };
    },
  },
  {
    name: "dynamodb",
    clientOptions: { allowScan: true },
    async open() {
      // One table prefix per test file on the run's DynamoDB Local (tests/support/global-setup.ts).
      const { endpoint } = await startDynamoLocal();
      const client = new DynamoDBClient(localClientConfig(endpoint));
      const driver = dynamo({ client, tablePrefix: `${randomSchemaName()}_` });
      return { driver, cleanup: () => driver.close() };
    },
  },
];

type CapabilityFlag = { [K in keyof Capability]-?: Capability[K] extends boolean ? K : never }[keyof Capability];

/**
 * A test that needs a capability: it runs where the backend has it and is
 * reported as skipped, with the capability's name, where it does not.
 */
export function itWith(
  capability: () => Capability,
  flag: CapabilityFlag,
  name: string,
  fn: () => Promise<void>,
): void {
  it(name, async (ctx) => {
    if (!capability()[flag]) ctx.skip(`backend lacks capability "${flag}"`);
    await fn();
  });
}
