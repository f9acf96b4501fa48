import {
  type DynamoDBClient,
  ProvisionedThroughputExceededException,
  ThrottlingException,
} from "@aws-sdk/client-dynamodb";
import { ConnectionLostError, DriverError, SerializationFailureError, UnsupportedError } from "@strata/core";
import { afterEach, describe, expect, it } from "vitest";
import { dynamo } from "../src/index.ts";
import { conflictCancellation, makeClient, schema } from "./fixtures.ts";
import { useDynamoLocal } from "./live.ts";

const live = useDynamoLocal("faults");

/** Throws `error` instead of sending the next request of `command` (what DynamoDB Local cannot provoke). */
function inject(client: DynamoDBClient, command: string, error: () => Error): () => void {
  const name = `inject${command}${Math.random()}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === command) throw error();
      return next(args);
    },
    { step: "initialize", name },
  );
  return () => {
    client.middlewareStack.remove(name);
  };
}

let undo: (() => void) | undefined;
afterEach(() => {
  undo?.();
  undo = undefined;
});

describe("faults DynamoDB Local cannot produce, injected as the SDK throws them", () => {
  it("a TransactWriteItems cancelled by TransactionConflict is a retryable SerializationFailureError", async () => {
    undo = inject(live.client, "TransactWriteItemsCommand", conflictCancellation);
    const err = await live.driver
      .exec({ kind: "PutItem", table: "users", item: { id: "t1", email: "t1@x" }, condition: "notExists" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SerializationFailureError);
    expect(err).toMatchObject({ retryable: true, backendCode: "TransactionCanceledException" });
    undo();
    undo = undefined;
    // Nothing was written: the same put now succeeds.
    await live.driver.exec({
      kind: "PutItem",
      table: "users",
      item: { id: "t1", email: "t1@x" },
      condition: "notExists",
    });
  });

  it("throttling on Query and PutItem is a retryable DriverError", async () => {
    undo = inject(
      live.client,
      "QueryCommand",
      () => new ThrottlingException({ $metadata: {}, message: "Rate exceeded" }),
    );
    const query = { kind: "QueryPk", table: "posts", partition: { attribute: "feed", value: "x" } } as const;
    await expect(live.driver.exec(query)).rejects.toMatchObject({
      name: "DriverError",
      retryable: true,
      backendCode: "ThrottlingException",
    });
    undo();
    undo = inject(
      live.client,
      "PutItemCommand",
      () => new ProvisionedThroughputExceededException({ $metadata: {}, message: "throughput" }),
    );
    const err = await live.driver
      .exec({ kind: "PutItem", table: "posts", item: { feed: "x", seq: 1 } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect(err).toMatchObject({ retryable: true, backendCode: "ProvisionedThroughputExceededException" });
  });

  it("a refused connection is ConnectionLostError (a real socket, nothing listening)", async () => {
    const driver = dynamo({ client: makeClient("http://127.0.0.1:1", 1) });
    driver.useSchema?.(schema);
    await expect(driver.ping()).rejects.toBeInstanceOf(ConnectionLostError);
    await expect(driver.exec({ kind: "GetByKey", table: "users", keys: [{ id: "a" }] })).rejects.toMatchObject({
      name: "ConnectionLostError",
      retryable: true,
    });
    await driver.close();
  });
});

describe("limits and refusals", () => {
  it("a TransactWrite past 100 items (unique items included) is refused before any request", async () => {
    live.requests.clear();
    const items = Array.from({ length: 60 }, (_, i) => ({
      kind: "PutItem" as const,
      table: "users",
      item: { id: `big${i}`, email: `big${i}@x` },
      condition: "notExists" as const,
    }));
    const err = await live.driver.exec({ kind: "TransactWrite", items }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedError);
    expect(err).toMatchObject({ capability: "maxItemsPerTransaction" });
    expect(String(err)).toMatch(/needs 120 DynamoDB items \(60 writes and 60 unique index items\)/);
    expect(live.requests.get("TransactWriteItemsCommand") ?? 0).toBe(0);
    const { rows } = await live.driver.exec({ kind: "GetByKey", table: "users", keys: [{ id: "big0" }] });
    expect(rows).toEqual([]);
  });

  it("SQL operations and interactive transactions are UnsupportedError naming the capability", async () => {
    await expect(live.driver.exec({ kind: "Transaction", action: "begin" })).rejects.toMatchObject({
      name: "UnsupportedError",
      capability: "interactiveTransactions",
    });
    const conn = await live.driver.connect();
    await expect(
      conn.exec({ kind: "Insert", table: "users", columns: [], rows: [], returning: [] }),
    ).rejects.toMatchObject({
      capability: "sql",
    });
    await conn.close();
  });

  it("an unknown table is a clear error", async () => {
    await expect(live.driver.exec({ kind: "Scan", table: "nope" })).rejects.toThrow(/does not know table nope/);
  });
});
