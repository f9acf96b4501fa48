import { type AppSchema, type Capability, type Driver, FULL_DATE_RANGE, UnsupportedError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { Engine } from "../src/client/engine.ts";
import type { KvPlan } from "../src/plan/kv/index.ts";

/** A key-value capability (the planner reads only this; nothing here runs). */
const kv: Capability = {
  sql: false,
  dateRange: FULL_DATE_RANGE,
  returning: false,
  upsert: true,
  cte: false,
  lateralJoin: false,
  windowFunctions: false,
  jsonAggregation: false,
  selectForUpdate: false,
  savepoints: false,
  isolationLevels: ["serializable"],
  readOnlyTransactions: false,
  interactiveTransactions: false,
  maxKeysPerGet: 100,
  maxItemsPerTransaction: 100,
  maxItemsPerBatchWrite: 25,
  secondaryIndexes: true,
  orderByAnyField: false,
  likePatterns: false,
  joins: false,
  foreignKeys: false,
  autoincrement: false,
  arithmeticUpdates: false,
  fullDoubleRange: false,
  arrayParameters: false,
  maxParameters: 100,
  storageTypes: {
    string: "text",
    number: "number",
    int: "number",
    bigint: "bigint",
    boolean: "boolean",
    date: "iso-string",
    bytes: "blob",
    json: "json-text",
    enum: "text",
  },
  cost: { keyLookup: 1, indexSeek: 4, scanPerRow: 1 },
  schemaMutations: {
    alterColumnType: false,
    alterColumnNullability: false,
    dropColumn: true,
    renameColumn: false,
    addForeignKey: false,
  },
};

const planner: Driver = {
  name: "planner-only",
  capability: kv,
  exec: () => Promise.reject(new Error("planning tests run nothing")),
  streamPages: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error("no")) }) }),
  connect: () => Promise.reject(new Error("no")),
  push: () => Promise.resolve(),
  describe: (op) => op.kind,
  introspect: () => Promise.reject(new Error("no")),
  ping: () => Promise.resolve(),
  version: () => Promise.resolve("planner"),
  close: () => Promise.resolve(),
};

const schema: AppSchema = {
  models: [
    {
      name: "User",
      table: "users",
      id: ["id"],
      fields: [
        { name: "id", type: "string", nullable: false },
        { name: "email", type: "string", nullable: false },
        { name: "team", type: "string", nullable: false },
        { name: "age", type: "int", nullable: true },
      ],
      indexes: [
        { name: "users_email_key", fields: ["email"], unique: true },
        { name: "users_team_age_idx", fields: ["team", "age"], unique: false },
      ],
      relations: [{ name: "posts", kind: "hasMany", target: "Post", foreignKey: ["authorId"], references: ["id"] }],
    },
    {
      name: "Post",
      table: "posts",
      id: ["id"],
      fields: [
        { name: "id", type: "string", nullable: false },
        { name: "authorId", type: "string", nullable: false },
        { name: "title", type: "string", nullable: false },
      ],
      indexes: [{ name: "posts_authorId_idx", fields: ["authorId"], unique: false }],
      relations: [{ name: "author", kind: "belongsTo", target: "User", foreignKey: ["authorId"], references: ["id"] }],
    },
  ],
};

const engine = new Engine({ schema }, planner, { driver: planner });
const planOf = (model: string, op: "findMany" | "findUnique" | "count", args: unknown, allowScan = false) => {
  const { plan, values } = engine.prepare(model, op, args, allowScan);
  if (plan.plan.kind !== "kv") throw new Error("expected a key-value plan");
  return { kv: plan.plan.kv as KvPlan & { kind: "read" | "count" }, values, operations: plan.operations };
};
const firstOps = (model: string, op: "findMany" | "findUnique", args: unknown, allowScan = false) => {
  const { kv: p, values } = planOf(model, op, args, allowScan);
  return p.node.access.build(values, {});
};

describe("key-value planner", () => {
  it("reads by the full key with one GetByKey", () => {
    expect(firstOps("User", "findUnique", { where: { id: "u1" } })).toEqual([
      { kind: "GetByKey", table: "users", keys: [{ id: "u1" }] },
    ]);
  });

  it("reads by a unique field through a unique key", () => {
    expect(firstOps("User", "findUnique", { where: { email: "a@x.io" } })).toEqual([
      { kind: "GetByKey", table: "users", keys: [{ email: "a@x.io" }] },
    ]);
  });

  it("fans an `in` over the key out into one batched lookup", () => {
    expect(firstOps("User", "findMany", { where: { id: { in: ["a", "b", "c"] } } })).toEqual([
      { kind: "GetByKey", table: "users", keys: [{ id: "a" }, { id: "b" }, { id: "c" }] },
    ]);
  });

  it("queries a secondary index with its sort key condition and pushes the rest down as a filter", () => {
    const [op] = firstOps("User", "findMany", { where: { team: "red", age: { gte: 18 }, email: { not: "x" } } });
    expect(op).toMatchObject({
      kind: "QueryIndex",
      index: "users_team_age_idx",
      partition: { attribute: "team", value: "red" },
      sort: { attribute: "age", op: ">=", values: [18] },
      filterParams: ["x"],
    });
  });

  it("fans an OR of keys out and explains why", () => {
    const {
      kv: p,
      values,
      operations,
    } = planOf("User", "findMany", { where: { OR: [{ id: "a" }, { email: "b@x.io" }] } });
    expect(p.node.access.build(values, {}).map((o) => o.kind)).toEqual(["GetByKey", "GetByKey"]);
    expect(operations[0]?.why).toContain("OR fanned out over 2 key accesses");
  });

  it("refuses a scan and names the index that would serve it", () => {
    expect(() => planOf("User", "findMany", { where: { age: 3 } })).toThrow(UnsupportedError);
    expect(() => planOf("User", "findMany", { where: { age: 3 } })).toThrow(/@index\(\["age"\]\) to User/);
    expect(firstOps("User", "findMany", { where: { age: 3 } }, true)).toMatchObject([{ kind: "Scan", table: "users" }]);
  });

  it("refuses an in-memory sort of a query result unless scans are allowed", () => {
    expect(() => planOf("User", "findMany", { where: { team: "red" }, orderBy: { email: "asc" } })).toThrow(
      /sort key is email/,
    );
    const sorted = planOf("User", "findMany", { where: { team: "red" }, orderBy: { age: "desc" } });
    expect(sorted.kv.node.access.ordered).toBe(true);
    expect(sorted.kv.node.access.build(sorted.values, {})[0]).toMatchObject({ descending: true });
  });

  it("plans one batched key read for a to-one include and index queries for a to-many include", () => {
    const { kv: p, values } = planOf("Post", "findMany", { where: { authorId: "u1" }, include: { author: true } });
    const include = p.node.includes[0]!;
    expect(include.node.access.build(values, { parentKeys: ["u1", "u2"] })).toEqual([
      { kind: "GetByKey", table: "users", keys: [{ id: "u1" }, { id: "u2" }] },
    ]);
    const users = planOf("User", "findMany", { where: { team: "red" }, include: { posts: true } });
    expect(
      users.kv.node.includes[0]!.node.access.build(users.values, { parentKeys: ["u1", "u2"] }).map((o) => o.kind),
    ).toEqual(["QueryIndex", "QueryIndex"]);
  });

  it("refuses relation filters with a way out", () => {
    expect(() => planOf("User", "findMany", { where: { id: "a", posts: { some: { title: "x" } } } })).toThrow(
      /Query the related model first/,
    );
  });
});
