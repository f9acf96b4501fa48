import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ReadOnlyTransactionError, StrataError, UniqueViolationError, UnsupportedError } from "@strata/core";
import { dynamo } from "@strata/driver-dynamo";
import { localClientConfig, startDynamoLocal } from "@strata/driver-dynamo/local";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createClient } from "../conformance/generated/index.js";
import { randomSchemaName } from "../support/databases.js";

/** The engine's key-value planning against DynamoDB Local, counted in real requests. */
describe("DynamoDB through the engine", () => {
  const requests = new Map<string, number>();
  /** Queries running at once, and the most seen since the last clear. */
  const queries = { running: 0, most: 0, seen: 0, failAt: -1 };
  /** Items DynamoDB returned to Query and Scan requests since the last clear. */
  const returned = { items: 0 };
  let db: ReturnType<typeof createClient>;
  let scanning: ReturnType<typeof createClient>;

  beforeAll(async () => {
    const { endpoint } = await startDynamoLocal();
    const client = new DynamoDBClient(localClientConfig(endpoint));
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = context.commandName ?? "?";
        requests.set(name, (requests.get(name) ?? 0) + 1);
        return next(args);
      },
      { step: "finalizeRequest", name: "countRequests" },
    );
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== "QueryCommand") return next(args);
        queries.most = Math.max(queries.most, ++queries.running);
        try {
          if (queries.seen++ === queries.failAt) {
            await new Promise((resolve) => setTimeout(resolve, 5));
            throw Object.assign(new Error("injected: this Query failed"), { name: "InternalServerError" });
          }
          return await next(args);
        } finally {
          queries.running--;
        }
      },
      { step: "finalizeRequest", name: "countRunningQueries" },
    );
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (context.commandName === "QueryCommand" || context.commandName === "ScanCommand") {
          returned.items += ((out.output as { Items?: unknown[] }).Items ?? []).length;
        }
        return out;
      },
      { step: "initialize", name: "countReturnedItems" },
    );
    const driver = dynamo({ client, tablePrefix: `${randomSchemaName()}_` });
    db = createClient({ driver });
    scanning = createClient({ driver, allowScan: true });
    await db.push();
  });
  afterAll(() => db.close());
  beforeEach(() => requests.clear());

  const user = (i: number) => ({ email: `u${i}@x.io`, name: `U${i}`, role: "member" as const });

  it("a create with a unique field is one TransactWriteItems (item + unique index item)", async () => {
    await db.user.create({ data: user(1) });
    expect(Object.fromEntries(requests)).toEqual({ TransactWriteItemsCommand: 1 });
  });

  it("50 concurrent creates of the same unique email: exactly 1 succeeds, 49 get UniqueViolationError", async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => db.user.create({ data: user(99) })));
    const failed = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(failed).toHaveLength(49);
    expect(
      failed.every((e) => e instanceof UniqueViolationError && e.model === "User" && e.fields.includes("email")),
    ).toBe(true);
  });

  it("findUnique by id and by a unique field read by key, never a scan", async () => {
    const u = await db.user.create({ data: user(2) });
    requests.clear();
    expect(await db.user.findUnique({ where: { id: u.id } })).toEqual(u);
    expect(await db.user.findUnique({ where: { email: "u2@x.io" } })).toEqual(u);
    expect(requests.get("ScanCommand")).toBeUndefined();
    expect(requests.get("BatchGetItemCommand")).toBeGreaterThanOrEqual(2);
  });

  it("a to-many include over an index sends its per-parent Queries together, at most 16 at a time", async () => {
    const users = [];
    for (let i = 0; i < 40; i++) {
      users.push(await db.user.create({ data: { email: `parent${i}@x.io`, name: `P${i}`, role: "member" } }));
    }
    for (const [i, u] of users.entries()) {
      await db.post.create({
        data: { authorId: u.id, title: `t${i}`, createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)) },
      });
    }
    requests.clear();
    queries.most = 0;
    const read = await scanning.user.findMany({
      where: { email: { startsWith: "parent" } },
      include: { posts: { orderBy: { createdAt: "asc" } } },
    });
    expect(read).toHaveLength(40);
    for (const u of read) {
      const i = users.findIndex((x) => x.id === u.id);
      expect(u.posts.map((p) => p.title)).toEqual([`t${i}`]);
    }
    expect(requests.get("QueryCommand")).toBe(40);
    expect(queries.most).toBeGreaterThan(1);
    expect(queries.most).toBeLessThanOrEqual(16);

    // One Query of the wave fails: the read rejects typed, and only after every Query it started has settled.
    queries.seen = 0;
    queries.failAt = 3;
    try {
      const err = await scanning.user
        .findMany({ where: { email: { startsWith: "parent" } }, include: { posts: true } })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(StrataError);
      expect(queries.running).toBe(0);
    } finally {
      queries.failAt = -1;
    }
  });

  it("take on a read whose key condition is the whole where (no order, or none asked) reads only what it returns", async () => {
    const u = await db.user.create({ data: { email: "limits@x.io", name: "L", role: "member" } });
    const post = await db.post.create({ data: { authorId: u.id, title: "p", createdAt: new Date(0) } });
    for (let i = 0; i < 60; i++) await db.comment.create({ data: { postId: post.id, body: `c${i}` } });
    requests.clear();
    returned.items = 0;
    const three = await db.comment.findMany({ where: { postId: post.id }, take: 3 });
    expect(three).toHaveLength(3);
    expect(new Set(three.map((c) => c.postId))).toEqual(new Set([post.id]));
    expect(requests.get("QueryCommand")).toBe(1);
    expect(returned.items).toBe(3);
    returned.items = 0;
    expect(await db.comment.findMany({ where: { postId: post.id }, skip: 2, take: 3 })).toHaveLength(3);
    expect(returned.items).toBe(5);
    expect(await db.comment.count({ where: { postId: post.id }, take: 10 })).toBe(10);
    // A filter beyond the key condition, or an order the index cannot break ties in: every match is read.
    returned.items = 0;
    const filtered = await db.comment.findMany({ where: { postId: post.id, body: { not: "c0" } }, take: 3 });
    expect(filtered).toHaveLength(3);
    expect(returned.items).toBe(59);
    returned.items = 0;
    expect(await scanning.comment.findMany({ where: { postId: post.id }, orderBy: { body: "asc" }, take: 2 })).toEqual(
      (await scanning.comment.findMany({ where: { postId: post.id }, orderBy: { body: "asc" } })).slice(0, 2),
    );
    expect(await db.comment.deleteMany({ where: { postId: post.id } })).toEqual({ count: 60 });
  });

  it("a 3-level include over 250 parents reads each to-one level in ⌈250/100⌉ = 3 BatchGetItem requests", async () => {
    const authors = Array.from({ length: 250 }, (_, i) => `author-${i}`);
    // A user with a unique email is two items in a TransactWriteItems (limit 100): 50 users per createMany.
    for (let i = 0; i < 250; i += 50) {
      const chunk = authors.slice(i, i + 50);
      await db.user.createMany({ data: chunk.map((id, j) => ({ ...user(1000 + i + j), id })) });
      await db.post.createMany({
        data: chunk.map((authorId) => ({ id: `post-${authorId}`, authorId, title: "t", createdAt: new Date() })),
      });
      await db.comment.createMany({ data: chunk.map((a) => ({ id: `c-${a}`, postId: `post-${a}`, body: "b" })) });
    }
    requests.clear();
    const comments = await scanning.comment.findMany({ include: { post: { include: { author: true } } } });
    expect(comments).toHaveLength(250);
    expect(comments.every((c) => c.post?.author?.id === c.post?.authorId)).toBe(true);
    // Level 1 scans comments; levels 2 and 3 each batch 250 keys into 3 requests.
    expect(requests.get("BatchGetItemCommand")).toBe(6);
    const plan = await scanning.comment.findMany({ include: { post: { include: { author: true } } } }).explain();
    expect(plan.operations.map((o) => o.kind)).toEqual(["Scan", "GetByKey", "GetByKey"]);
  });

  it("a query that needs a scan is refused and names the index that would serve it; explain says why a plan was chosen", async () => {
    const err = await db.user.findMany({ where: { name: "U2" } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnsupportedError);
    expect((err as Error).message).toContain('@index(["name"]) to User');
    const plan = await db.post.findMany({ where: { authorId: "author-1" }, orderBy: { createdAt: "desc" } }).explain();
    expect(plan.operations[0]?.kind).toBe("QueryIndex");
    expect(plan.text).toMatch(/posts_authorId_createdAt_idx/);
    expect(plan.text).toMatch(/partition key/);
  });

  it("transactions buffer writes into one TransactWriteItems at commit; a failing callback writes nothing", async () => {
    const a = await db.user.create({ data: user(3) });
    requests.clear();
    await db.transaction(async (tx) => {
      await tx.user.update({ where: { id: a.id }, data: { name: "renamed" } });
      await tx.post.create({ data: { authorId: a.id, title: "in tx", createdAt: new Date() } });
      // Reads run at once and do not see the buffered writes yet.
      expect((await tx.user.findUniqueOrThrow({ where: { id: a.id } })).name).toBe("U3");
    });
    expect(requests.get("TransactWriteItemsCommand")).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: a.id } })).name).toBe("renamed");

    await expect(
      db.transaction(async (tx) => {
        await tx.user.update({ where: { id: a.id }, data: { name: "lost" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect((await db.user.findUniqueOrThrow({ where: { id: a.id } })).name).toBe("renamed");
  });

  it("a write in a read-only transaction throws ReadOnlyTransactionError before any I/O", async () => {
    const a = await db.user.create({ data: user(4) });
    requests.clear();
    const err = await db
      .transaction(
        async (tx) => {
          await tx.user.findUniqueOrThrow({ where: { id: a.id } });
          await tx.user.update({ where: { id: a.id }, data: { name: "nope" } });
        },
        { readOnly: true },
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ReadOnlyTransactionError);
    expect(requests.get("TransactWriteItemsCommand")).toBeUndefined();
    expect(requests.get("UpdateItemCommand")).toBeUndefined();
    expect((await db.user.findUniqueOrThrow({ where: { id: a.id } })).name).toBe("U4");
  });
});
