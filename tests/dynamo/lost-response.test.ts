import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { TransactionOutcomeUnknownError, UnsupportedError } from "@strata/core";
import { dynamo } from "@strata/driver-dynamo";
import { localClientConfig, startDynamoLocal } from "@strata/driver-dynamo/local";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { at, caught, clean, userData } from "../conformance/fixtures.js";
import { createClient } from "../conformance/generated/index.js";
import { randomSchemaName } from "../support/databases.js";

/** A DynamoDB action as the request names it (the X-Amz-Target header), e.g. "UpdateItem". */
type Action = "PutItem" | "UpdateItem" | "DeleteItem" | "TransactWriteItems";

interface HttpArgs {
  request?: { headers?: Record<string, string> };
}

/**
 * What the network does to the next request of one action: `lose` lets it
 * reach DynamoDB (it is applied) and then drops the response, as a reset
 * connection would; `throttle` refuses it before it is applied, as DynamoDB
 * does when throughput is exceeded.
 */
let fault: { action: Action; kind: "lose" | "throttle" } | undefined;
const sent: Action[] = [];

function actionOf(args: HttpArgs): string | undefined {
  const headers = args.request?.headers ?? {};
  const target = headers["x-amz-target"] ?? headers["X-Amz-Target"];
  return target?.split(".")[1];
}

function faultyClient(endpoint: string): DynamoDBClient {
  const client = new DynamoDBClient({ ...localClientConfig(endpoint), maxAttempts: 3 });
  client.middlewareStack.add(
    (next) => async (args) => {
      const action = actionOf(args as HttpArgs);
      if (action) sent.push(action as Action);
      const f = fault;
      if (f && f.action === action && f.kind === "throttle") {
        fault = undefined;
        throw Object.assign(new Error("Rate of requests exceeds the allowed throughput."), {
          name: "ProvisionedThroughputExceededException",
          $fault: "client",
          $metadata: { httpStatusCode: 400 },
        });
      }
      const result = await next(args);
      if (f && f.action === action && f.kind === "lose") {
        fault = undefined;
        throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      }
      return result;
    },
    { step: "deserialize", priority: "low", name: "testNetworkFaults" },
  );
  return client;
}

describe("DynamoDB: a write whose response is lost is never applied twice", () => {
  let db: ReturnType<typeof createClient>;

  beforeAll(async () => {
    const { endpoint } = await startDynamoLocal();
    db = createClient({
      driver: dynamo({ client: faultyClient(endpoint), tablePrefix: `${randomSchemaName()}_` }),
      allowScan: true,
    });
    await db.push();
  });
  beforeEach(async () => {
    fault = undefined;
    await clean(db);
    sent.length = 0;
  });
  afterAll(() => db.close());

  async function post(views = 0) {
    const author = await db.user.create({ data: userData(1) });
    return db.post.create({ data: { authorId: author.id, title: "p", createdAt: at(0), views } });
  }

  it("an increment whose response is lost: TransactionOutcomeUnknownError, applied exactly once, not re-sent", async () => {
    const p = await post();
    sent.length = 0;
    fault = { action: "UpdateItem", kind: "lose" };
    const err = await caught(db.post.update({ where: { id: p.id }, data: { views: { increment: 1 } } }));
    expect(err).toBeInstanceOf(TransactionOutcomeUnknownError);
    expect((err as TransactionOutcomeUnknownError).retryable).toBe(false);
    expect(sent.filter((a) => a === "UpdateItem")).toHaveLength(1);
    expect((await db.post.findUniqueOrThrow({ where: { id: p.id } })).views).toBe(1);
  });

  it("a create whose response is lost (a plain PutItem): outcome unknown, not reported as a unique violation", async () => {
    const author = await db.user.create({ data: userData(1) });
    fault = { action: "PutItem", kind: "lose" };
    const err = await caught(db.post.create({ data: { authorId: author.id, title: "p", createdAt: at(0) } }));
    expect(err).toBeInstanceOf(TransactionOutcomeUnknownError);
    expect(await db.post.count()).toBe(1);
  });

  it("a create with unique index items (TransactWriteItems) is re-sent with its request token: it succeeds, once", async () => {
    fault = { action: "TransactWriteItems", kind: "lose" };
    const created = await db.user.create({ data: userData(2) });
    expect(created.email).toBe("user2@x.io");
    expect(sent.filter((a) => a === "TransactWriteItems")).toHaveLength(2);
    expect(await db.user.count()).toBe(1);
  });

  it("a transaction's commit whose response is lost is re-sent idempotently: both increments applied once", async () => {
    const p = await post();
    const q = await db.post.create({ data: { authorId: p.authorId, title: "q", createdAt: at(1) } });
    fault = { action: "TransactWriteItems", kind: "lose" };
    await db.transaction(async (tx) => {
      await tx.post.update({ where: { id: p.id }, data: { views: { increment: 5 } } });
      await tx.post.update({ where: { id: q.id }, data: { views: { increment: 7 } } });
    });
    expect((await db.post.findUniqueOrThrow({ where: { id: p.id } })).views).toBe(5);
    expect((await db.post.findUniqueOrThrow({ where: { id: q.id } })).views).toBe(7);
  });

  it("a write refused before it was applied (throttled) is still re-sent by the SDK, and succeeds once", async () => {
    const p = await post();
    sent.length = 0;
    fault = { action: "UpdateItem", kind: "throttle" };
    await db.post.update({ where: { id: p.id }, data: { views: { increment: 1 } } });
    expect(sent.filter((a) => a === "UpdateItem")).toHaveLength(2);
    expect((await db.post.findUniqueOrThrow({ where: { id: p.id } })).views).toBe(1);
  });

  it("a second write of one item in a transaction is refused at that write, and nothing is written", async () => {
    const p = await post();
    const seen: unknown[] = [];
    const err = await caught(
      db.transaction(async (tx) => {
        await tx.post.update({ where: { id: p.id }, data: { views: { increment: 1 } } });
        seen.push(await caught(tx.post.update({ where: { id: p.id }, data: { title: "again" } })));
        throw seen[0];
      }),
    );
    expect(seen[0]).toBeInstanceOf(UnsupportedError);
    expect((seen[0] as Error).message).toMatch(/cannot touch one item twice/);
    expect(err).toBe(seen[0]);
    const after = await db.post.findUniqueOrThrow({ where: { id: p.id } });
    expect([after.views, after.title]).toEqual([0, "p"]);
  });
});
