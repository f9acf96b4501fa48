import { CancelledError, expr, type Row, rowsOf } from "@strata/core";
import { beforeAll, describe, expect, it } from "vitest";
import { useDynamoLocal } from "./live.ts";

// Small pages, so paging through LastEvaluatedKey happens with little data.
const live = useDynamoLocal("read", { pageSize: 10 });

const reset = () => live.requests.clear();
const count = (name: string) => live.requests.get(name) ?? 0;

beforeAll(async () => {
  const items = Array.from({ length: 60 }, (_, i) => ({
    kind: "PutItem" as const,
    table: "posts",
    item: {
      feed: "main",
      seq: i,
      authorId: i % 2 === 0 ? "even" : "odd",
      createdAt: `2024-01-${String((i % 28) + 1).padStart(2, "0")}T00:00:00.000Z`,
      title: i % 3 === 0 ? null : `post ${i}`,
      score: i,
    },
  }));
  for (let i = 0; i < items.length; i += 25)
    await live.driver.exec({ kind: "TransactWrite", items: items.slice(i, i + 25) });
  const users = Array.from({ length: 250 }, (_, i) => ({
    kind: "PutItem" as const,
    table: "users",
    item: { id: `u${i}`, age: i },
  }));
  for (let i = 0; i < users.length; i += 100)
    await live.driver.exec({ kind: "TransactWrite", items: users.slice(i, i + 100) });
});

describe("GetByKey", () => {
  it("250 keys are 3 BatchGetItem requests (100 + 100 + 50)", async () => {
    reset();
    const keys = Array.from({ length: 250 }, (_, i) => ({ id: `u${i}` }));
    const { rows } = await live.driver.exec({ kind: "GetByKey", table: "users", keys });
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.id)).size).toBe(250);
    expect(count("BatchGetItemCommand")).toBe(3);
  });
});

describe("Query and Scan", () => {
  it("QueryPk with a sort range, descending, limit: one request when there is no filter", async () => {
    reset();
    const { rows } = await live.driver.exec({
      kind: "QueryPk",
      table: "posts",
      partition: { attribute: "feed", value: "main" },
      sort: { attribute: "seq", op: "between", values: [10, 40] },
      descending: true,
      limit: 5,
    });
    expect(rows.map((r) => r.seq)).toEqual([40, 39, 38, 37, 36]);
    expect(count("QueryCommand")).toBe(1);
  });

  it("a filter and a limit page through LastEvaluatedKey until enough items match", async () => {
    reset();
    // score >= 20 AND title IS NULL: seq 21, 24, 27, 30, 33 … (every third), 10 items evaluated per page.
    const filter = expr.and([
      expr.compare(">=", expr.column("score"), expr.param(0)),
      expr.isNull(expr.column("title")),
    ]);
    const { rows } = await live.driver.exec({
      kind: "QueryPk",
      table: "posts",
      partition: { attribute: "feed", value: "main" },
      filter,
      filterParams: [20],
      limit: 4,
    });
    expect(rows.map((r) => r.seq)).toEqual([21, 24, 27, 30]);
    expect(rows.every((r: Row) => r.title === null)).toBe(true);
    expect(count("QueryCommand")).toBe(4); // pages 0-9, 10-19, 20-29, 30-39
  });

  it("QueryIndex on the GSI with a sort-key prefix and a NOT IN filter", async () => {
    const { rows } = await live.driver.exec({
      kind: "QueryIndex",
      table: "posts",
      index: "posts_authorId_idx",
      partition: { attribute: "authorId", value: "odd" },
      sort: { attribute: "createdAt", op: "beginsWith", values: ["2024-01-0"] },
      filter: expr.inList(expr.column("score"), expr.paramList(0), true),
      filterParams: [[1, 3]],
    });
    // Odd seqs whose day (seq % 28 + 1) is 01..09: 1, 3, 5, 7, 29, 31, 33, 35, 57, 59; minus 1 and 3.
    expect(rows.map((r) => r.seq).sort((a, b) => Number(a) - Number(b))).toEqual([5, 7, 29, 31, 33, 35, 57, 59]);
  });

  it("NOT (title = x) keeps out items without a title (SQL NULL semantics)", async () => {
    const { rows } = await live.driver.exec({
      kind: "Scan",
      table: "posts",
      filter: expr.not(expr.compare("=", expr.column("title"), expr.param(0))),
      filterParams: ["post 1"],
    });
    expect(rows).toHaveLength(60 - 20 - 1);
    expect(rows.some((r) => r.title === null)).toBe(false);
  });

  it("Scan pages through the whole table; with a limit it stops early", async () => {
    reset();
    const all = await live.driver.exec({ kind: "Scan", table: "posts" });
    expect(all.rows).toHaveLength(60);
    expect(count("ScanCommand")).toBe(7); // 6 full pages of 10, then an empty last page
    reset();
    const some = await live.driver.exec({ kind: "Scan", table: "posts", limit: 15 });
    expect(some.rows).toHaveLength(15);
    expect(count("ScanCommand")).toBe(2);
  });

  it("a filter that can never hold sends no request", async () => {
    reset();
    const filter = expr.compare("=", expr.column("title"), expr.param(0));
    const { rows } = await live.driver.exec({ kind: "Scan", table: "posts", filter, filterParams: [null] });
    expect(rows).toEqual([]);
    expect(count("ScanCommand")).toBe(0);
  });
});

describe("stream", () => {
  it("pages with Limit = batchSize: one request per batch", async () => {
    reset();
    const seen: unknown[] = [];
    const op = { kind: "QueryPk", table: "posts", partition: { attribute: "feed", value: "main" }, limit: 25 } as const;
    for await (const row of rowsOf(live.driver.streamPages(op, { batchSize: 7 }))) seen.push(row.seq);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(count("QueryCommand")).toBe(4); // 7 + 7 + 7 + 4
  });

  it("stops with CancelledError on abort and sends no further request (the page in hand is still handed out)", async () => {
    reset();
    const controller = new AbortController();
    const seen: unknown[] = [];
    const run = async () => {
      for await (const row of rowsOf(
        live.driver.streamPages({ kind: "Scan", table: "posts" }, { batchSize: 5, signal: controller.signal }),
      )) {
        seen.push(row.seq);
        if (seen.length === 8) controller.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toHaveLength(10);
    expect(count("ScanCommand")).toBe(2);
  });

  it("streams key lookups from one exec, and refuses a bad batchSize", async () => {
    const rows: Row[] = [];
    for await (const row of rowsOf(
      live.driver.streamPages(
        { kind: "GetByKey", table: "users", keys: [{ id: "u1" }, { id: "u2" }] },
        { batchSize: 1 },
      ),
    )) {
      rows.push(row);
    }
    expect(rows.map((r) => r.id).sort()).toEqual(["u1", "u2"]);
    const bad = rowsOf(live.driver.streamPages({ kind: "Scan", table: "posts" }, { batchSize: 0 }));
    await expect(bad[Symbol.asyncIterator]().next()).rejects.toThrow(/batchSize/);
  });
});
