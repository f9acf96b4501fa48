import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { type DbSchema, DriverError, rowsOf, type TableDef, UnsupportedError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { dynamo } from "../src/index.ts";
import { startDynamoLocal } from "../src/local.ts";
import { makeClient, schema, users } from "./fixtures.ts";
import { useDynamoLocal } from "./live.ts";

const live = useDynamoLocal("push", { push: false });

const describeTable = (name: string) =>
  live.client.send(new DescribeTableCommand({ TableName: `${live.prefix}${name}` })).then((r) => r.Table);

describe("push", () => {
  it("creates the tables, their GSIs and the unique-item table, all ACTIVE", async () => {
    await live.driver.push(schema);
    const table = await describeTable("users");
    expect(table?.TableStatus).toBe("ACTIVE");
    expect(table?.KeySchema).toEqual([{ AttributeName: "id", KeyType: "HASH" }]);
    expect(table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(table?.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.IndexStatus])).toEqual([
      ["users_name_idx", "ACTIVE"],
    ]);
    expect((await describeTable("users__unique"))?.KeySchema).toEqual([{ AttributeName: "k", KeyType: "HASH" }]);
    expect((await describeTable("posts"))?.KeySchema?.map((k) => k.AttributeName)).toEqual(["feed", "seq"]);
  });

  it("is idempotent: a second push creates nothing", async () => {
    live.requests.clear();
    await live.driver.push(schema);
    expect(live.requests.get("CreateTableCommand") ?? 0).toBe(0);
    expect(live.requests.get("UpdateTableCommand") ?? 0).toBe(0);
  });

  it("adds a GSI that an existing table lacks (UpdateTable) and waits until it serves queries", async () => {
    const tags: TableDef = {
      name: "tags",
      columns: [
        { name: "id", storage: "number", nullable: false, autoincrement: false },
        { name: "label", storage: "text", nullable: true, autoincrement: false },
      ],
      primaryKey: ["id"],
      indexes: [],
      foreignKeys: [],
    };
    await live.driver.push({ tables: [tags] });
    await live.driver.exec({ kind: "PutItem", table: "tags", item: { id: 1, label: "red" } });
    live.requests.clear();
    await live.driver.push({
      tables: [{ ...tags, indexes: [{ name: "tags_label_idx", columns: ["label"], unique: false }] }],
    });
    expect(live.requests.get("UpdateTableCommand")).toBe(1);
    const { rows } = await live.driver.exec({
      kind: "QueryIndex",
      table: "tags",
      index: "tags_label_idx",
      partition: { attribute: "label", value: "red" },
    });
    expect(rows).toEqual([{ id: 1, label: "red" }]);
  });

  it("introspect maps keys, GSIs and unique indexes into the core shape", async () => {
    const found = await live.driver.introspect();
    const names = found.tables.map((t) => t.name).sort();
    expect(names).toEqual(["posts", "tags", "users"]);
    const u = found.tables.find((t) => t.name === "users");
    expect(u?.primaryKey).toEqual(["id"]);
    expect(u?.columns).toEqual(
      expect.arrayContaining([{ name: "id", type: "S", nullable: false, default: null, autoincrement: false }]),
    );
    expect(u?.indexes).toEqual([
      { name: "PRIMARY", columns: ["id"], unique: true, primary: true },
      { name: "users_name_idx", columns: ["name"], unique: false, primary: false },
      { name: "users_email_key", columns: ["email"], unique: true, primary: false },
      { name: "users_handle_key", columns: ["handle"], unique: true, primary: false },
    ]);
  });

  it("refuses keys of more than two columns and composite unique indexes, at push and useSchema", async () => {
    const wide: DbSchema = { tables: [{ ...users, name: "wide", primaryKey: ["id", "email", "name"] }] };
    await expect(live.driver.push(wide)).rejects.toMatchObject({
      name: "UnsupportedError",
      capability: "compositeKeys",
    });
    const pair: DbSchema = {
      tables: [{ ...users, name: "pair", indexes: [{ name: "pair_key", columns: ["email", "handle"], unique: true }] }],
    };
    expect(() => live.driver.useSchema?.(pair)).toThrow(UnsupportedError);
    expect(() => live.driver.useSchema?.(pair)).toThrow(/single-column unique/);
    const listed = (await live.driver.introspect()).tables.map((t) => t.name);
    expect(listed).not.toContain("wide");
  });

  it("ping, version; after close every call rejects with a StrataError", async () => {
    await expect(live.driver.ping()).resolves.toBeUndefined();
    expect(await live.driver.version()).toBe("DynamoDB");
    const other = dynamo({ client: makeClient(live.local.endpoint), tablePrefix: live.prefix });
    other.useSchema?.(schema);
    await other.close();
    await expect(other.exec({ kind: "GetByKey", table: "users", keys: [{ id: "x" }] })).rejects.toThrow(DriverError);
    await expect(other.ping()).rejects.toThrow(/closed/);
    await expect(
      rowsOf(other.streamPages({ kind: "Scan", table: "users" }, { batchSize: 1 }))
        [Symbol.asyncIterator]()
        .next(),
    ).rejects.toThrow(/closed/);
  });
});

describe("startDynamoLocal", () => {
  it("uses STRATA_DYNAMO_ENDPOINT instead of spawning, and fails clearly when nothing answers", async () => {
    const saved = process.env.STRATA_DYNAMO_ENDPOINT;
    try {
      process.env.STRATA_DYNAMO_ENDPOINT = live.local.endpoint;
      const reused = await startDynamoLocal();
      expect(reused.endpoint).toBe(live.local.endpoint);
      await reused.stop();
      await expect(live.driver.ping()).resolves.toBeUndefined(); // stop() killed nothing
      process.env.STRATA_DYNAMO_ENDPOINT = "http://127.0.0.1:1";
      await expect(startDynamoLocal({ timeoutMs: 300 })).rejects.toThrow(/did not answer ListTables within 300 ms/);
    } finally {
      if (saved === undefined) delete process.env.STRATA_DYNAMO_ENDPOINT;
      else process.env.STRATA_DYNAMO_ENDPOINT = saved;
    }
  });
});
