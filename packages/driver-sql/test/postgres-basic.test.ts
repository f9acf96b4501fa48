import { expr, type Insert, select } from "@strata/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostgresDriver } from "../src/index.ts";
import { type PgTestDb, pgTestDb, typesSchema } from "./postgres-fixtures.ts";

let db: PgTestDb;
let driver: PostgresDriver;
beforeAll(async () => {
  db = await pgTestDb();
  driver = db.open({ name: "basic" });
  await driver.push(typesSchema);
});
afterAll(() => db.dispose());

const all = ["id", "t", "r", "i", "big", "b", "ts", "bytes", "j"];
const selectThings = (where?: Parameters<typeof select.create>[0]["where"]) =>
  select.create({
    from: select.table("things"),
    selections: all.map((c) => select.selection(expr.column(c))),
    where,
    orderBy: [select.orderItem(expr.column("id"), "asc")],
  });
const insertThings = (rows: unknown[][], returning: Insert["returning"] = []): Insert => ({
  kind: "Insert",
  table: "things",
  columns: ["t", "r", "i", "big", "b", "ts", "bytes", "j"],
  rows,
  returning,
});
const clear = () => driver.exec({ kind: "QuerySql", statement: deleteAll(), params: [], result: "affected" });
const deleteAll = () => ({ kind: "DeleteStatement", table: select.table("things"), returning: [] }) as const;

describe("postgres driver: storage round trips", () => {
  it("round-trips every storage type in the form the engine binds and decodes", async () => {
    await clear();
    const when = new Date("2024-02-29T12:34:56.789Z");
    const big = 9007199254740993n; // beyond Number.MAX_SAFE_INTEGER
    const bytes = new Uint8Array([0, 1, 254, 255]);
    await driver.exec(insertThings([["a", 1.5, 42, big, true, when, bytes, JSON.stringify({ k: [1, "x"] })]]));
    await driver.exec(insertThings([["b", null, null, 7n, false, null, null, JSON.stringify("just a string")]]));
    const { rows } = await driver.exec({
      kind: "QuerySql",
      statement: selectThings(),
      params: [],
      result: "rows",
      bigints: true,
    });
    expect(rows[0]).toMatchObject({ t: "a", r: 1.5, i: 42, big, b: true, ts: when });
    expect(new Uint8Array(rows[0]?.bytes as Uint8Array)).toEqual(bytes);
    // jsonb comes back as JSON text, so the engine's decoder parses it exactly once.
    expect(JSON.parse(String(rows[0]?.j))).toEqual({ k: [1, "x"] });
    expect(rows[1]).toMatchObject({ t: "b", r: null, i: null, big: 7n, b: false, ts: null, bytes: null });
    expect(JSON.parse(String(rows[1]?.j))).toBe("just a string");
  });

  it("reads int8 as a number when exact, as bigint when asked or when a number would round", async () => {
    await clear();
    await driver.exec(
      insertThings([
        ["x", 0, 0, 5n, true, null, null, null],
        ["y", 0, 0, 2n ** 62n, true, null, null, null],
      ]),
    );
    const plain = await driver.exec({ kind: "QuerySql", statement: selectThings(), params: [], result: "rows" });
    expect(plain.rows.map((r) => r.big)).toEqual([5, 2n ** 62n]);
    const exact = await driver.exec({
      kind: "QuerySql",
      statement: selectThings(),
      params: [],
      result: "rows",
      bigints: true,
    });
    expect(exact.rows.map((r) => r.big)).toEqual([5n, 2n ** 62n]);
  });

  it("binds an IN list as one array parameter of any length, and NOT IN", async () => {
    await clear();
    const res = await driver.exec(
      insertThings(
        [
          ["a", 0, 1, 1n, true, null, null, null],
          ["b", 0, 2, 1n, true, null, null, null],
          ["c", 0, 3, 1n, true, null, null, null],
        ],
        [{ column: "id", alias: "id" }],
      ),
    );
    const ids = res.rows.map((r) => r.id);
    const where = (negated: boolean) => expr.inList(expr.column("id"), expr.paramList(0), negated);
    const list = [ids[0], ids[2], ...Array.from({ length: 5000 }, (_, i) => -i - 1)];
    const inRows = await driver.exec({
      kind: "QuerySql",
      statement: selectThings(where(false)),
      params: [list],
      result: "rows",
    });
    expect(inRows.rows.map((r) => r.t)).toEqual(["a", "c"]);
    const notIn = await driver.exec({
      kind: "QuerySql",
      statement: selectThings(where(true)),
      params: [list],
      result: "rows",
    });
    expect(notIn.rows.map((r) => r.t)).toEqual(["b"]);
  });
});

describe("postgres driver: Insert", () => {
  it("chunks into bucketed statements and returns RETURNING rows in input order", async () => {
    await clear();
    const n = 9000; // 8 × 1,024 + 512 + 256 + 32 + 8 rows: twelve statements
    const rows = Array.from({ length: n }, (_, i) => [`r${i}`, i, i, BigInt(i), i % 2 === 0, null, null, null]);
    const res = await driver.exec(insertThings(rows, [{ column: "t", alias: "t" }]));
    expect(res.rowsAffected).toBe(n);
    expect(res.rows.map((r) => r.t)).toEqual(rows.map((r) => r[0]));
    expect(driver.describe(insertThings(rows))).toMatch(/9000 rows in 12 statements, one transaction/);
  });

  it("is atomic across chunks: a failure in the second statement writes nothing", async () => {
    await clear();
    const rows = Array.from({ length: 9000 }, (_, i) => [`k${i}`, 0, 0, 0n, true, null, null, null]);
    rows[8500] = ["k1", 0, 0, 0n, true, null, null, null]; // duplicate of row 1, in the second chunk
    await expect(driver.exec(insertThings(rows))).rejects.toMatchObject({ name: "UniqueViolationError" });
    const count = await db.admin(`SELECT count(*)::int AS n FROM "${db.schema}".things`);
    expect(count.rows[0].n).toBe(0);
  });

  it("keeps the caller's transaction when a multi-statement insert fails inside it (savepoint)", async () => {
    await clear();
    const conn = await driver.connect();
    await conn.exec({ kind: "Transaction", action: "begin" });
    await conn.exec(insertThings([["kept", 0, 0, 0n, true, null, null, null]]));
    const rows = Array.from({ length: 9000 }, (_, i) => [`s${i}`, 0, 0, 0n, true, null, null, null]);
    rows[8999] = ["kept", 0, 0, 0n, true, null, null, null];
    await expect(conn.exec(insertThings(rows))).rejects.toMatchObject({ name: "UniqueViolationError" });
    await conn.exec({ kind: "Transaction", action: "commit" });
    await conn.close();
    const left = await db.admin(`SELECT t FROM "${db.schema}".things`);
    expect(left.rows).toEqual([{ t: "kept" }]);
  });
});

describe("postgres driver: transactions and lifecycle", () => {
  it("runs BEGIN ISOLATION LEVEL ... on a pooled connection; rollback undoes; close rolls back an open one", async () => {
    await clear();
    const conn = await driver.connect();
    await conn.exec({ kind: "Transaction", action: "begin", isolation: "repeatable read" });
    const level = await db.admin("SELECT 1"); // another session is unaffected
    expect(level.rowCount).toBe(1);
    await conn.exec(insertThings([["tx", 0, 0, 0n, true, null, null, null]]));
    await conn.exec({ kind: "Transaction", action: "savepoint", name: "sp" });
    await conn.exec(insertThings([["sp", 0, 0, 0n, true, null, null, null]]));
    await conn.exec({ kind: "Transaction", action: "rollbackToSavepoint", name: "sp" });
    await conn.exec({ kind: "Transaction", action: "commit" });
    await conn.exec({ kind: "Transaction", action: "begin" });
    await conn.exec(insertThings([["left open", 0, 0, 0n, true, null, null, null]]));
    await conn.close();
    const { rows } = await db.admin(`SELECT t FROM "${db.schema}".things ORDER BY t`);
    expect(rows).toEqual([{ t: "tx" }]);
  });

  it("refuses transaction operations on the pool itself", async () => {
    await expect(driver.exec({ kind: "Transaction", action: "begin" })).rejects.toThrow(/driver\.connect\(\)/);
  });

  it("answers ping() and version()", async () => {
    await expect(driver.ping()).resolves.toBeUndefined();
    expect(await driver.version()).toMatch(/^\d+\.\d+/);
  });
});
