import { expr } from "@strata/core";
import { describe, expect, it } from "vitest";
import { batchGetParams } from "../src/requests/batch-get.ts";
import { queryParams, scanParams } from "../src/requests/read.ts";
import { createGsiParams, createTableParams, createUniqueTableParams } from "../src/requests/tables.ts";
import { deleteParams, getParams, putParams, updateParams } from "../src/requests/write.ts";
import { buildTableModel } from "../src/schema/model.ts";
import { posts, users } from "./fixtures.ts";

const userModel = buildTableModel(users, "app_");
const postModel = buildTableModel(posts, "app_");

describe("single-item write requests", () => {
  it("PutItem drops null attributes and guards the key with notExists", () => {
    const params = putParams(postModel, {
      kind: "PutItem",
      table: "posts",
      item: { feed: "f", seq: 1, title: null, score: 2 },
      condition: "notExists",
    });
    expect(params).toEqual({
      TableName: "app_posts",
      Item: { feed: "f", seq: 1, score: 2 },
      ConditionExpression: "attribute_not_exists(#n0)",
      ExpressionAttributeNames: { "#n0": "feed" },
    });
  });

  it("PutItem without a condition overwrites", () => {
    expect(putParams(postModel, { kind: "PutItem", table: "posts", item: { feed: "f", seq: 1 } })).toEqual({
      TableName: "app_posts",
      Item: { feed: "f", seq: 1 },
    });
  });

  it("UpdateItem: SET values, REMOVE nulls and remove, ADD increments, key attributes left out, ALL_NEW", () => {
    const params = updateParams(postModel, {
      kind: "UpdateByKey",
      table: "posts",
      key: { feed: "f", seq: 1 },
      set: { feed: "f", title: "T", authorId: null },
      add: { score: 5 },
      remove: ["createdAt"],
      condition: "exists",
    });
    expect(params).toEqual({
      TableName: "app_posts",
      Key: { feed: "f", seq: 1 },
      UpdateExpression: "SET #n0 = :v0 REMOVE #n1, #n2 ADD #n3 :v1",
      ConditionExpression: "attribute_exists(#n4)",
      ExpressionAttributeNames: {
        "#n0": "title",
        "#n1": "authorId",
        "#n2": "createdAt",
        "#n3": "score",
        "#n4": "feed",
      },
      ExpressionAttributeValues: { ":v0": "T", ":v1": 5 },
      ReturnValues: "ALL_NEW",
    });
  });

  it("UpdateItem refuses to change a key attribute and builds nothing for an empty update", () => {
    expect(() =>
      updateParams(postModel, { kind: "UpdateByKey", table: "posts", key: { feed: "f", seq: 1 }, set: { seq: 2 } }),
    ).toThrow(/part of the DynamoDB key/);
    expect(updateParams(postModel, { kind: "UpdateByKey", table: "posts", key: { feed: "f", seq: 1 }, set: {} })).toBe(
      undefined,
    );
  });

  it("DeleteItem returns ALL_OLD; GetItem is strongly consistent; a missing key part is refused", () => {
    expect(deleteParams(userModel, { kind: "DeleteByKey", table: "users", key: { id: "u1" } })).toEqual({
      TableName: "app_users",
      Key: { id: "u1" },
      ReturnValues: "ALL_OLD",
    });
    expect(getParams(postModel, { feed: "f", seq: 2 })).toEqual({
      TableName: "app_posts",
      Key: { feed: "f", seq: 2 },
      ConsistentRead: true,
    });
    expect(() => getParams(postModel, { feed: "f" })).toThrow(/posts.seq is part of the key/);
  });
});

describe("BatchGetItem requests", () => {
  it("chunks 250 keys into 100 + 100 + 50 and removes duplicate keys", () => {
    const keys = Array.from({ length: 260 }, (_, i) => ({ id: `u${i % 250}` }));
    const requests = batchGetParams("app_users", keys, { consistent: true });
    expect(requests.map((r) => r.RequestItems?.app_users?.Keys?.length)).toEqual([100, 100, 50]);
    expect(requests[0]?.RequestItems?.app_users?.ConsistentRead).toBe(true);
  });

  it("projects through name placeholders", () => {
    const [request] = batchGetParams("app_users", [{ id: "a" }], { projection: ["id", "name"], consistent: false });
    expect(request).toEqual({
      RequestItems: {
        app_users: {
          Keys: [{ id: "a" }],
          ConsistentRead: false,
          ProjectionExpression: "#n0, #n1",
          ExpressionAttributeNames: { "#n0": "id", "#n1": "name" },
        },
      },
    });
  });
});

describe("Query and Scan requests", () => {
  it("QueryPk: partition and BETWEEN sort condition, descending, page limit, start key, consistent", () => {
    const params = queryParams(
      postModel,
      {
        kind: "QueryPk",
        table: "posts",
        partition: { attribute: "feed", value: "f" },
        sort: { attribute: "seq", op: "between", values: [1, 9] },
        descending: true,
        limit: 5,
      },
      { limit: 5, startKey: { feed: "f", seq: 3 }, consistent: true },
    );
    expect(params).toEqual({
      TableName: "app_posts",
      Limit: 5,
      ExclusiveStartKey: { feed: "f", seq: 3 },
      KeyConditionExpression: "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2",
      ScanIndexForward: false,
      ConsistentRead: true,
      ExpressionAttributeNames: { "#n0": "feed", "#n1": "seq" },
      ExpressionAttributeValues: { ":v0": "f", ":v1": 1, ":v2": 9 },
    });
  });

  it("QueryIndex names the GSI, filters, and is never a consistent read", () => {
    const params = queryParams(
      postModel,
      {
        kind: "QueryIndex",
        table: "posts",
        index: "posts_authorId_idx",
        partition: { attribute: "authorId", value: "a1" },
        sort: { attribute: "createdAt", op: "beginsWith", values: ["2024"] },
        filter: expr.compare(">", expr.column("score"), expr.param(0)),
        filterParams: [10],
      },
      { consistent: true },
    );
    expect(params).toEqual({
      TableName: "app_posts",
      IndexName: "posts_authorId_idx",
      FilterExpression: "#n0 > :v0",
      KeyConditionExpression: "#n1 = :v1 AND begins_with(#n2, :v2)",
      ExpressionAttributeNames: { "#n0": "score", "#n1": "authorId", "#n2": "createdAt" },
      ExpressionAttributeValues: { ":v0": 10, ":v1": "a1", ":v2": "2024" },
    });
  });

  it("QueryIndex on an index the table lacks is refused with the indexes it has", () => {
    const op = { kind: "QueryIndex", table: "posts", index: "nope", partition: { attribute: "x", value: 1 } } as const;
    expect(() => queryParams(postModel, op, { consistent: false })).toThrow(
      /no secondary index nope \(its GSIs: posts_authorId_idx\)/,
    );
  });

  it("Scan with a filter that can never hold sends nothing", () => {
    const never = expr.compare("=", expr.column("name"), expr.param(0));
    expect(
      scanParams(
        userModel,
        { kind: "Scan", table: "users", filter: never, filterParams: [null] },
        { consistent: true },
      ),
    ).toBe(undefined);
    expect(scanParams(userModel, { kind: "Scan", table: "users" }, { consistent: true, limit: 7 })).toEqual({
      TableName: "app_users",
      Limit: 7,
      ConsistentRead: true,
    });
  });
});

describe("table requests", () => {
  it("CreateTable: key schema, key and GSI attribute definitions, GSIs with ALL projection, on demand", () => {
    expect(createTableParams(postModel)).toEqual({
      TableName: "app_posts",
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "feed", KeyType: "HASH" },
        { AttributeName: "seq", KeyType: "RANGE" },
      ],
      AttributeDefinitions: [
        { AttributeName: "feed", AttributeType: "S" },
        { AttributeName: "seq", AttributeType: "N" },
        { AttributeName: "authorId", AttributeType: "S" },
        { AttributeName: "createdAt", AttributeType: "S" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "posts_authorId_idx",
          KeySchema: [
            { AttributeName: "authorId", KeyType: "HASH" },
            { AttributeName: "createdAt", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    });
  });

  it("UpdateTable adds one GSI; the unique table is keyed on k", () => {
    const gsi = userModel.gsis[0];
    if (!gsi) throw new Error("fixture has a GSI");
    expect(createGsiParams(userModel, gsi)).toEqual({
      TableName: "app_users",
      AttributeDefinitions: [
        { AttributeName: "id", AttributeType: "S" },
        { AttributeName: "name", AttributeType: "S" },
      ],
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: "users_name_idx",
            KeySchema: [{ AttributeName: "name", KeyType: "HASH" }],
            Projection: { ProjectionType: "ALL" },
          },
        },
      ],
    });
    expect(createUniqueTableParams("app_users__unique")).toEqual({
      TableName: "app_users__unique",
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [{ AttributeName: "k", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "k", AttributeType: "S" }],
    });
  });
});
