import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SerializationFailureError } from "@strata/core";
import { dynamo } from "@strata/driver-dynamo";
import { localClientConfig, startDynamoLocal } from "@strata/driver-dynamo/local";
import { type Bank, openAccounts, openBank, runTransfers } from "bank-example/app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomSchemaName } from "../support/databases.js";

/** DynamoDB transactions: buffered writes plus optimistic checks on a model's `version` field. */
describe("optimistic checks in DynamoDB transactions", () => {
  let db: Bank;

  beforeAll(async () => {
    const { endpoint } = await startDynamoLocal();
    const driver = dynamo({
      client: new DynamoDBClient(localClientConfig(endpoint)),
      tablePrefix: `${randomSchemaName()}_`,
    });
    db = openBank(driver, { allowScan: true });
    await db.push();
  });
  afterAll(() => db.close());

  it("a read-modify-write whose item changed since it was read fails with SerializationFailureError and writes nothing", async () => {
    const [a] = await openAccounts(db, 2, 100);
    const err = await db
      .transaction(async (tx) => {
        const read = await tx.account.findUniqueOrThrow({ where: { id: a! } });
        // Someone else changes the account after this transaction read it.
        await db.account.update({ where: { id: a! }, data: { balance: { increment: 1 } } });
        await tx.account.update({ where: { id: a! }, data: { balance: read.balance - 10 } });
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(SerializationFailureError);
    const after = await db.account.findUniqueOrThrow({ where: { id: a! } });
    expect(after.balance).toBe(101);
    expect(after.version).toBe(1);
  });

  it("concurrent transfers with retry keep the total exact, and conflicts were seen", async () => {
    const ids = await openAccounts(db, 4, 1000);
    const result = await runTransfers(db, ids, 4, 15);
    expect(result.committed).toBe(60);
    expect(result.total).toBe(4000);
    expect(result.conflictsRetried).toBeGreaterThan(0);
  }, 60_000);
});
