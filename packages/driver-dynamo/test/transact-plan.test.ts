import { UniqueViolationError, UnsupportedError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { type CurrentItems, currentKey, planTransactWrite, type TransactOp } from "../src/requests/transact.ts";
import { buildTableModel } from "../src/schema/model.ts";
import { posts, users } from "./fixtures.ts";

const models = new Map([users, posts].map((t) => [t.name, buildTableModel(t, "p_")]));
const tableOf = (name: string) => {
  const model = models.get(name);
  if (!model) throw new Error(name);
  return model;
};
const userModel = tableOf("users");
const plan = (ops: TransactOp[], current: CurrentItems = new Map(), max = 100) =>
  planTransactWrite(tableOf, ops, current, max);

describe("TransactWriteItems planning", () => {
  it("a new user claims its unique values with attribute_not_exists(k), in the same transaction", () => {
    const { items, roles } = plan([
      { kind: "PutItem", table: "users", item: { id: "u1", email: "a@x", handle: null }, condition: "notExists" },
    ]);
    expect(items).toEqual([
      {
        Put: {
          TableName: "p_users",
          Item: { id: "u1", email: "a@x" },
          ConditionExpression: "attribute_not_exists(#n0)",
          ExpressionAttributeNames: { "#n0": "id" },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        },
      },
      {
        Put: {
          TableName: "p_users__unique",
          Item: { k: "email#a@x", ref: { id: "u1" } },
          ConditionExpression: "attribute_not_exists(#k)",
          ExpressionAttributeNames: { "#k": "k" },
        },
      },
    ]);
    expect(roles.map((r) => (r.kind === "main" ? "main" : `${r.kind}:${r.column}`))).toEqual([
      "main",
      "uniquePut:email",
    ]);
  });

  it("an update moving a unique value deletes the old item, claims the new one, and is guarded on what was read", () => {
    const current = new Map([[currentKey(userModel, { id: "u1" }), { id: "u1", email: "old@x", handle: "h" }]]);
    const { items } = plan(
      [{ kind: "UpdateByKey", table: "users", key: { id: "u1" }, set: { email: "new@x" }, condition: "exists" }],
      current,
    );
    expect(items).toEqual([
      {
        Update: {
          TableName: "p_users",
          Key: { id: "u1" },
          UpdateExpression: "SET #n0 = :v0",
          ConditionExpression: "(attribute_exists(#n1)) AND (#n0 = :v1) AND (#n2 = :v2)",
          ExpressionAttributeNames: { "#n0": "email", "#n1": "id", "#n2": "handle" },
          ExpressionAttributeValues: { ":v0": "new@x", ":v1": "old@x", ":v2": "h" },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        },
      },
      { Delete: { TableName: "p_users__unique", Key: { k: "email#old@x" } } },
      {
        Put: {
          TableName: "p_users__unique",
          Item: { k: "email#new@x", ref: { id: "u1" } },
          ConditionExpression: "attribute_not_exists(#k)",
          ExpressionAttributeNames: { "#k": "k" },
        },
      },
    ]);
  });

  it("a delete removes the unique items of the item it read; a write on a table without uniques is one item", () => {
    const current = new Map([[currentKey(userModel, { id: "u1" }), { id: "u1", email: "a@x", handle: "h" }]]);
    const { items } = plan(
      [
        { kind: "DeleteByKey", table: "users", key: { id: "u1" } },
        { kind: "PutItem", table: "posts", item: { feed: "f", seq: 1 } },
      ],
      current,
    );
    expect(items.map((i) => Object.keys(i)[0])).toEqual(["Delete", "Delete", "Delete", "Put"]);
    expect(items.slice(1, 3).map((i) => i.Delete?.Key)).toEqual([{ k: "email#a@x" }, { k: "handle#h" }]);
  });

  it("counts unique items against the 100-item limit", () => {
    const ops: TransactOp[] = Array.from({ length: 51 }, (_, i) => ({
      kind: "PutItem",
      table: "users",
      item: { id: `u${i}`, email: `e${i}@x` },
      condition: "notExists",
    }));
    expect(() => plan(ops)).toThrow(UnsupportedError);
    expect(() => plan(ops)).toThrow(
      /needs 102 DynamoDB items \(51 writes and 51 unique index items\); TransactWriteItems takes at most 100/,
    );
    expect(plan(ops.slice(0, 50)).items).toHaveLength(100);
  });

  it("two writes claiming the same unique value clash before anything is sent", () => {
    const ops: TransactOp[] = ["u1", "u2"].map((id) => ({
      kind: "PutItem",
      table: "users",
      item: { id, email: "same@x" },
      condition: "notExists",
    }));
    const err = (() => {
      try {
        plan(ops);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect(err).toMatchObject({ table: "users", columns: ["email"] });
  });

  it("a condition check compares one attribute", () => {
    const { items } = plan([
      { kind: "ConditionCheck", table: "posts", key: { feed: "f", seq: 1 }, attribute: "score", equals: 3 },
    ]);
    expect(items).toEqual([
      {
        ConditionCheck: {
          TableName: "p_posts",
          Key: { feed: "f", seq: 1 },
          ConditionExpression: "#n0 = :v0",
          ExpressionAttributeNames: { "#n0": "score" },
          ExpressionAttributeValues: { ":v0": 3 },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        },
      },
    ]);
  });
});
