import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { UniqueViolationError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { useDynamoLocal } from "./live.ts";

const live = useDynamoLocal("unique");

const put = (id: string, email: string | null, extra: Record<string, unknown> = {}) =>
  live.driver.exec({ kind: "PutItem", table: "users", item: { id, email, ...extra }, condition: "notExists" });
const byEmail = async (email: string) =>
  (await live.driver.exec({ kind: "GetByKey", table: "users", keys: [{ email }] })).rows.map((r) => r.id);
const uniqueKeys = async () => {
  const out = await live.client.send(
    new ScanCommand({ TableName: `${live.prefix}users__unique`, ConsistentRead: true }),
  );
  return (out.Items ?? []).map((i) => i.k?.S).sort();
};

describe("unique columns through unique index items", () => {
  it("a second user with the same email is a UniqueViolationError naming the column; nothing of it is written", async () => {
    await put("a1", "ann@x", { handle: "ann" });
    const err = await put("a2", "ann@x", { handle: "ann2" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect(err).toMatchObject({ table: "users", columns: ["email"], backendCode: "ConditionalCheckFailed" });
    expect((await live.driver.exec({ kind: "GetByKey", table: "users", keys: [{ id: "a2" }] })).rows).toEqual([]);
    expect(await byEmail("ann@x")).toEqual(["a1"]);
    expect(await uniqueKeys()).not.toContain("handle#ann2");
  });

  it("the clash names the right column when another unique column is free", async () => {
    await put("b1", "bob@x", { handle: "bob" });
    await expect(put("b2", "bob2@x", { handle: "bob" })).rejects.toMatchObject({ columns: ["handle"] });
  });

  it("50 concurrent puts of one email: exactly 1 succeeds, 49 get UniqueViolationError", async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => put(`race${i}`, "race@x")));
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(49);
    expect(failed.every((e) => e instanceof UniqueViolationError && e.columns[0] === "email")).toBe(true);
    expect(await byEmail("race@x")).toHaveLength(1);
  });

  it("an update moving a unique value frees the old one and claims the new one", async () => {
    await put("c1", "old@x");
    const res = await live.driver.exec({
      kind: "UpdateByKey",
      table: "users",
      key: { id: "c1" },
      set: { email: "new@x", name: "Cy" },
      condition: "exists",
    });
    expect(res.rows).toMatchObject([{ id: "c1", email: "new@x", name: "Cy" }]);
    expect(await byEmail("old@x")).toEqual([]);
    expect(await byEmail("new@x")).toEqual(["c1"]);
    await put("c2", "old@x");
    await expect(put("c3", "new@x")).rejects.toBeInstanceOf(UniqueViolationError);
  });

  it("an update onto a taken value fails and changes nothing", async () => {
    await put("d1", "d1@x");
    await put("d2", "d2@x");
    await expect(
      live.driver.exec({ kind: "UpdateByKey", table: "users", key: { id: "d2" }, set: { email: "d1@x", name: "X" } }),
    ).rejects.toMatchObject({ name: "UniqueViolationError", columns: ["email"] });
    const { rows } = await live.driver.exec({ kind: "GetByKey", table: "users", keys: [{ id: "d2" }] });
    expect(rows).toMatchObject([{ email: "d2@x", name: null }]);
  });

  it("setting a unique column to null frees its value; a missing item with condition exists is 0 rows", async () => {
    await put("e1", "e1@x");
    await live.driver.exec({ kind: "UpdateByKey", table: "users", key: { id: "e1" }, set: { email: null } });
    expect(await uniqueKeys()).not.toContain("email#e1@x");
    const missing = await live.driver.exec({
      kind: "UpdateByKey",
      table: "users",
      key: { id: "ghost" },
      set: { email: "ghost@x" },
      condition: "exists",
    });
    expect(missing).toEqual({ rows: [], rowsAffected: 0 });
    expect(await uniqueKeys()).not.toContain("email#ghost@x");
  });

  it("a delete removes the item's unique items in the same transaction and returns the old row", async () => {
    await put("f1", "f1@x", { handle: "f1" });
    const res = await live.driver.exec({ kind: "DeleteByKey", table: "users", key: { id: "f1" } });
    expect(res.rows).toMatchObject([{ id: "f1", email: "f1@x", handle: "f1" }]);
    expect(await uniqueKeys()).not.toEqual(expect.arrayContaining(["email#f1@x"]));
    expect(await uniqueKeys()).not.toContain("handle#f1");
    expect(await live.driver.exec({ kind: "DeleteByKey", table: "users", key: { id: "f1" } })).toEqual({
      rows: [],
      rowsAffected: 0,
    });
  });

  it("an overwriting put (no condition) moves the unique items too", async () => {
    await put("g1", "g-old@x");
    await live.driver.exec({ kind: "PutItem", table: "users", item: { id: "g1", email: "g-new@x" } });
    expect(await byEmail("g-new@x")).toEqual(["g1"]);
    expect(await uniqueKeys()).not.toContain("email#g-old@x");
  });

  it("GetByKey mixes primary and unique keys; unknown values are simply absent", async () => {
    await put("h1", "h1@x");
    await put("h2", "h2@x");
    const { rows } = await live.driver.exec({
      kind: "GetByKey",
      table: "users",
      keys: [{ id: "h1" }, { email: "h2@x" }, { email: "nobody@x" }, { id: "h1" }],
    });
    expect(rows.map((r) => r.id).sort()).toEqual(["h1", "h2"]);
  });

  it("a TransactWrite with one clash writes nothing at all", async () => {
    await put("i0", "i-taken@x");
    const err = await live.driver
      .exec({
        kind: "TransactWrite",
        items: [
          { kind: "PutItem", table: "users", item: { id: "i1", email: "i1@x" }, condition: "notExists" },
          { kind: "PutItem", table: "users", item: { id: "i2", email: "i-taken@x" }, condition: "notExists" },
          { kind: "UpdateByKey", table: "users", key: { id: "i0" }, set: { name: "changed" }, condition: "exists" },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "UniqueViolationError", columns: ["email"] });
    const { rows } = await live.driver.exec({ kind: "GetByKey", table: "users", keys: [{ id: "i1" }, { id: "i0" }] });
    expect(rows).toMatchObject([{ id: "i0", name: null }]);
    expect(await byEmail("i1@x")).toEqual([]);
  });
});
