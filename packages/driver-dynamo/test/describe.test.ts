import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { expr } from "@strata/core";
import { describe, expect, it } from "vitest";
import { dynamo } from "../src/index.ts";
import { buildTableModel } from "../src/schema/model.ts";
import { readNumber, toRow } from "../src/values/item.ts";
import { posts, schema, users } from "./fixtures.ts";

// No request is sent: describe() only reads the schema.
const driver = dynamo({ client: new DynamoDBClient({ region: "local" }), tablePrefix: "app_" });
driver.useSchema?.(schema);

describe("describe (explain output, never values)", () => {
  it("queries name the table, index, key and filter attributes with ? for values", () => {
    const text = driver.describe({
      kind: "QueryIndex",
      table: "posts",
      index: "posts_authorId_idx",
      partition: { attribute: "authorId", value: "secret-author" },
      sort: { attribute: "createdAt", op: ">", values: ["2024"] },
      filter: expr.compare("=", expr.column("title"), expr.param(0)),
      filterParams: ["secret-title"],
      limit: 20,
      descending: true,
    });
    expect(text).toBe(
      "Query app_posts index posts_authorId_idx pk authorId = ? sk createdAt > ? filter title = ? descending limit 20",
    );
    expect(text).not.toMatch(/secret/);
  });

  it("key lookups, scans and writes", () => {
    expect(driver.describe({ kind: "GetByKey", table: "users", keys: [{ email: "a" }, { email: "b" }] })).toBe(
      "BatchGetItem app_users 2 key(s) by email via app_users__unique",
    );
    expect(driver.describe({ kind: "Scan", table: "posts", limit: 5 })).toBe("Scan app_posts limit 5");
    expect(driver.describe({ kind: "PutItem", table: "users", item: { id: "x" }, condition: "notExists" })).toBe(
      "PutItem app_users if not exists + unique items email, handle in app_users__unique",
    );
    expect(
      driver.describe({
        kind: "UpdateByKey",
        table: "posts",
        key: { feed: "f", seq: 1 },
        set: { title: "t", authorId: null },
        add: { score: 1 },
        condition: "exists",
      }),
    ).toBe("UpdateItem app_posts key feed, seq SET title = ? REMOVE authorId ADD score ? if exists");
    expect(
      driver.describe({
        kind: "TransactWrite",
        items: [{ kind: "DeleteByKey", table: "posts", key: { feed: "f", seq: 1 } }],
      }),
    ).toBe("TransactWriteItems 1 item(s): DeleteItem app_posts key feed, seq");
  });
});

describe("values", () => {
  it("numbers read back as number, integers beyond 2^53 as exact bigint", () => {
    expect(readNumber("42")).toBe(42);
    expect(readNumber("-0.5")).toBe(-0.5);
    expect(readNumber("9007199254740991")).toBe(9007199254740991);
    expect(readNumber("9007199254740993")).toBe(9007199254740993n);
    expect(readNumber("1E+30")).toBe(1e30);
  });

  it("rows carry every column, null where the attribute is absent", () => {
    const model = buildTableModel(posts, "");
    expect(toRow(model, { feed: "f", seq: 1, extra: "ignored" })).toEqual({
      feed: "f",
      seq: 1,
      authorId: null,
      createdAt: null,
      title: null,
      score: null,
    });
  });

  it("the unique index on the primary key itself needs no unique items", () => {
    const model = buildTableModel({ ...users, indexes: [{ name: "users_id_key", columns: ["id"], unique: true }] }, "");
    expect(model.uniqueTable).toBeUndefined();
  });
});
