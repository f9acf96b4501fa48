import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DriverError,
  expr,
  ForeignKeyViolationError,
  mutation,
  ReadOnlyTransactionError,
  SerializationFailureError,
  select,
  UniqueViolationError,
} from "@strata/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type SqliteDriver, sqlite } from "../src/index.ts";
import { countRows, insertUsers, query, schema, tx } from "./fixtures.ts";

let dir: string;
const open: SqliteDriver[] = [];
const driver = (file: string, options?: Parameters<typeof sqlite>[1]): SqliteDriver => {
  const d = sqlite(file, options);
  open.push(d);
  return d;
};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "strata-sqlite-errors-"));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const insertPost = (authorId: number) =>
  query(mutation.insert({ table: select.table("posts"), columns: ["author_id"], rows: [[expr.param(0)]] }), [authorId]);

describe("sqlite driver: error classification", () => {
  it("writes nothing when row 3 of 5 is a duplicate, and names table and columns", async () => {
    const db = driver(":memory:");
    await db.push(schema);
    await db.exec(insertUsers([["dup@x.io", "first", 1]]));
    const rows = [
      ["a@x.io", "A", 1],
      ["b@x.io", "B", 2],
      ["dup@x.io", "secret-value", 3],
      ["d@x.io", "D", 4],
      ["e@x.io", "E", 5],
    ];
    const err = await db.exec(insertUsers(rows)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect(err).toMatchObject({ table: "users", columns: ["email"], backendCode: "SQLITE_CONSTRAINT_UNIQUE" });
    expect((err as Error).cause).toBeInstanceOf(Error);
    expect((err as Error).message).not.toContain("dup@x.io");
    expect((await db.exec(countRows("users"))).rows).toEqual([{ n: 1 }]);
  });

  it("classifies a duplicate primary key as a unique violation", async () => {
    const db = driver(":memory:");
    await db.push(schema);
    const withId = (id: number) =>
      query(
        mutation.insert({
          table: select.table("users"),
          columns: ["id", "email"],
          rows: [[expr.param(0), expr.param(1)]],
        }),
        [id, `${id}@x.io`],
      );
    await db.exec(withId(7));
    await expect(db.exec({ ...withId(7), params: [7, "other@x.io"] })).rejects.toMatchObject({
      constructor: UniqueViolationError,
      table: "users",
      columns: ["id"],
      backendCode: "SQLITE_CONSTRAINT_PRIMARYKEY",
    });
  });

  it("classifies a missing parent row as a foreign key violation", async () => {
    const db = driver(":memory:");
    await db.push(schema);
    const err = await db.exec(insertPost(999)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForeignKeyViolationError);
    expect(err).toMatchObject({ table: "posts", backendCode: "SQLITE_CONSTRAINT_FOREIGNKEY" });
  });

  it("refuses a write inside a read-only transaction, then allows writes again after it ends", async () => {
    const db = driver(":memory:");
    await db.push(schema);
    const conn = await db.connect();
    try {
      await conn.exec(tx.begin(true));
      expect((await conn.exec(countRows("users"))).rows).toEqual([{ n: 0 }]);
      const err = await conn.exec(insertUsers([["a@x.io", "A", 1]])).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReadOnlyTransactionError);
      expect(err).toMatchObject({ backendCode: "SQLITE_READONLY", retryable: false });
      await conn.exec(tx.rollback());
      await conn.exec(insertUsers([["a@x.io", "A", 1]]));
      expect((await conn.exec(countRows("users"))).rows).toEqual([{ n: 1 }]);
    } finally {
      await conn.close();
    }
  });

  it("turns SQLITE_BUSY past the busy timeout into a retryable SerializationFailureError", async () => {
    const file = join(dir, "busy.db");
    const holder = driver(file);
    await holder.push(schema);
    const waiter = driver(file, { busyTimeoutMs: 50 });
    const conn = await holder.connect();
    try {
      await conn.exec(tx.begin());
      const started = Date.now();
      const err = await waiter.exec(insertUsers([["b@x.io", "B", 1]])).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SerializationFailureError);
      expect(err).toMatchObject({ retryable: true, backendCode: "SQLITE_BUSY" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    } finally {
      await conn.exec(tx.rollback());
      await conn.close();
    }
    await expect(waiter.exec(insertUsers([["b@x.io", "B", 1]]))).resolves.toMatchObject({ rowsAffected: 1 });
  });

  it("wraps other SQLite errors in DriverError with the SQLite code", async () => {
    const db = driver(":memory:");
    const err = await db.exec(countRows("missing_table")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect(err).toMatchObject({ backendCode: "SQLITE_ERROR" });
    expect((err as Error).message).toContain("no such table: missing_table");
  });

  it("names only the type of a parameter it cannot bind", async () => {
    const db = driver(":memory:");
    await db.push(schema);
    const err = await db.exec(insertUsers([["a@x.io", new Date(0), 1]])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect((err as Error).message).toContain("Date");
    expect((err as Error).message).not.toContain("1970");
  });
});
