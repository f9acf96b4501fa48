import type { Row } from "@strata/core";
import { describe, expect, it } from "vitest";
import { useDynamoLocal } from "./live.ts";

const live = useDynamoLocal("roundtrip");

const big = 2n ** 62n + 1n;
const bytes = new Uint8Array([0, 1, 2, 250, 255]);
const born = "2024-02-29T12:34:56.789Z";

function full(id: string): Row {
  return {
    id,
    email: `${id}@x.test`,
    handle: null,
    name: "Ada",
    age: 36.5,
    big,
    active: true,
    born,
    avatar: bytes,
    prefs: JSON.stringify({ theme: "dark", n: [1, 2] }),
  };
}

describe("round trips of every storage type", () => {
  it("put then get returns every column with exact values, null for absent attributes", async () => {
    const { driver } = live;
    await driver.exec({ kind: "PutItem", table: "users", item: full("u1"), condition: "notExists" });
    const { rows } = await driver.exec({ kind: "GetByKey", table: "users", keys: [{ id: "u1" }] });
    expect(rows).toHaveLength(1);
    const row = rows[0] as Row;
    expect(row).toEqual({ ...full("u1"), avatar: expect.any(Uint8Array) });
    expect(row.big).toBe(big);
    expect(typeof row.big).toBe("bigint");
    expect([...(row.avatar as Uint8Array)]).toEqual([...bytes]);
    expect(new Date(row.born as string).getUTCMilliseconds()).toBe(789);
    expect(JSON.parse(row.prefs as string)).toEqual({ theme: "dark", n: [1, 2] });
    expect(row.handle).toBeNull();
  });

  it("null attributes are not stored at all", async () => {
    const { driver, client, prefix } = live;
    await driver.exec({ kind: "PutItem", table: "users", item: { ...full("u2"), name: null, big: null } });
    const { GetItemCommand } = await import("@aws-sdk/client-dynamodb");
    const raw = await client.send(new GetItemCommand({ TableName: `${prefix}users`, Key: { id: { S: "u2" } } }));
    expect(Object.keys(raw.Item ?? {}).sort()).toEqual(["active", "age", "avatar", "born", "email", "id", "prefs"]);
    expect(raw.Item?.active).toEqual({ BOOL: true });
    const { rows } = await driver.exec({ kind: "GetByKey", table: "users", keys: [{ id: "u2" }] });
    expect(rows[0]).toMatchObject({ name: null, big: null, handle: null, age: 36.5 });
  });

  it("safe integers come back as numbers, beyond 2^53 as exact bigints, negative too", async () => {
    const { driver } = live;
    await driver.exec({ kind: "PutItem", table: "users", item: { id: "n1", age: 42, big: -(2n ** 63n) + 1n } });
    await driver.exec({ kind: "PutItem", table: "users", item: { id: "n2", age: 0.1, big: 7n } });
    const { rows } = await driver.exec({ kind: "GetByKey", table: "users", keys: [{ id: "n1" }, { id: "n2" }] });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get("n1")).toMatchObject({ age: 42, big: -(2n ** 63n) + 1n });
    expect(byId.get("n2")).toMatchObject({ age: 0.1, big: 7 });
  });

  it("doubles keep 17 significant digits; numbers beyond 2^53 are sent as decimal text, not refused", async () => {
    const { driver } = live;
    const values = [0.1 + 0.2, 123456789.12345679, 1e21, -3e25, 1e-120];
    for (const [i, age] of values.entries()) {
      await driver.exec({ kind: "PutItem", table: "users", item: { id: `d${i}`, age } });
    }
    const { rows } = await driver.exec({
      kind: "GetByKey",
      table: "users",
      keys: values.map((_, i) => ({ id: `d${i}` })),
    });
    const back = new Map(rows.map((r) => [r.id, Number(r.age)]));
    expect(values.map((_, i) => back.get(`d${i}`))).toEqual(values);
    for (const age of [Number.NaN, Number.MAX_VALUE, 1e-200]) {
      await expect(driver.exec({ kind: "PutItem", table: "users", item: { id: "nan", age } })).rejects.toMatchObject({
        name: "UnsupportedError",
        capability: "numberRange",
      });
    }
  });

  it("update: SET, null → REMOVE, ADD on a bigint stays exact, returns ALL_NEW as a full row", async () => {
    const { driver } = live;
    await driver.exec({ kind: "PutItem", table: "users", item: full("u3") });
    const res = await driver.exec({
      kind: "UpdateByKey",
      table: "users",
      key: { id: "u3" },
      set: { name: "Grace", prefs: null, active: false },
      add: { big: 2n },
      condition: "exists",
    });
    expect(res.rowsAffected).toBe(1);
    expect(res.rows[0]).toMatchObject({
      id: "u3",
      name: "Grace",
      prefs: null,
      active: false,
      big: big + 2n,
      handle: null,
    });
    expect(Object.keys(res.rows[0] ?? {}).sort()).toEqual(Object.keys(full("x")).sort());
  });

  it("update with condition exists on a missing key changes nothing", async () => {
    const { driver } = live;
    const res = await driver.exec({
      kind: "UpdateByKey",
      table: "users",
      key: { id: "nope" },
      set: { name: "x" },
      condition: "exists",
    });
    expect(res).toEqual({ rows: [], rowsAffected: 0 });
    const { rows } = await driver.exec({ kind: "GetByKey", table: "users", keys: [{ id: "nope" }] });
    expect(rows).toEqual([]);
  });

  it("delete returns the old row; a second delete affects nothing", async () => {
    const { driver } = live;
    await driver.exec({ kind: "PutItem", table: "posts", item: { feed: "d", seq: 1, title: "bye", score: 3 } });
    const first = await driver.exec({ kind: "DeleteByKey", table: "posts", key: { feed: "d", seq: 1 } });
    expect(first).toEqual({
      rows: [{ feed: "d", seq: 1, title: "bye", score: 3, authorId: null, createdAt: null }],
      rowsAffected: 1,
    });
    const second = await driver.exec({ kind: "DeleteByKey", table: "posts", key: { feed: "d", seq: 1 } });
    expect(second).toEqual({ rows: [], rowsAffected: 0 });
  });

  it("put with notExists on a taken primary key is a UniqueViolationError on the key columns", async () => {
    const { driver } = live;
    await driver.exec({ kind: "PutItem", table: "posts", item: { feed: "k", seq: 1 }, condition: "notExists" });
    await expect(
      driver.exec({ kind: "PutItem", table: "posts", item: { feed: "k", seq: 1 }, condition: "notExists" }),
    ).rejects.toMatchObject({ name: "UniqueViolationError", table: "posts", columns: ["feed", "seq"] });
  });

  it("GetByKey with a projection returns only those columns", async () => {
    const { driver } = live;
    await driver.exec({ kind: "PutItem", table: "users", item: full("p1") });
    const { rows } = await driver.exec({
      kind: "GetByKey",
      table: "users",
      keys: [{ id: "p1" }],
      projection: ["id", "big", "handle"],
    });
    expect(rows).toEqual([{ id: "p1", big, handle: null }]);
  });
});
