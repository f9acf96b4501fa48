import { expr, mutation, select } from "@strata/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MysqlDriver } from "../src/index.ts";
import { countRows, insertUsers, query, schema, selectUsers } from "./fixtures.ts";
import { type MysqlTestDb, mysqlTestDb, typesSchema } from "./mysql-fixtures.ts";

let t: MysqlTestDb;
let db: MysqlDriver;
beforeAll(async () => {
  t = await mysqlTestDb();
  db = t.open();
  await db.push(schema);
  await db.push(typesSchema);
});
afterAll(() => t?.dispose());

const insertType = (row: unknown[]) =>
  query(
    mutation.insert({
      table: select.table("types"),
      columns: ["label", "score", "big", "flag", "at", "bytes", "doc"],
      rows: [row.map((_, i) => expr.param(i))],
    }),
    row,
  );
const typeRow = () =>
  select.create({
    from: select.table("types"),
    selections: ["label", "score", "big", "flag", "at", "bytes", "doc", "note"].map((c) =>
      select.selection(expr.column(c)),
    ),
    where: expr.compare("=", expr.column("label"), expr.param(0)),
  });

describe("mysql driver: round trip", () => {
  it("stores and reads back every storage type exactly", async () => {
    const at = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    const big = 2n ** 62n + 1n;
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const inserted = await db.exec(insertType(["all", 1.25, big, 1, at, bytes, '{"a":[1,2]}']));
    expect(inserted.rowsAffected).toBe(1);
    expect(typeof inserted.lastInsertId).toBe("number");
    const { rows } = await db.exec(query(typeRow(), ["all"], true));
    expect(rows).toEqual([
      {
        label: "all",
        score: 1.25,
        big,
        flag: 1,
        at,
        bytes: Buffer.from(bytes),
        doc: '{"a":[1,2]}',
        note: "it's \\ fine",
      },
    ]);
    expect((rows[0]!.at as Date).getUTCMilliseconds()).toBe(678);
  });

  it("reads BIGINT as number without `bigints` and stores NULLs and false", async () => {
    await db.exec(insertType(["nulls", null, 5n, 0, null, null, null]));
    const { rows } = await db.exec(query(typeRow(), ["nulls"]));
    expect(rows[0]).toMatchObject({ big: 5, flag: 0, score: null, at: null, bytes: null, doc: null });
  });

  it("keeps a string column case-sensitive (binary collation) for = and LIKE", async () => {
    await db.exec(insertUsers([["Case@x.io", "Mixed", 1]]));
    const byEmail = (e: string) =>
      db.exec(query(selectUsers(expr.compare("=", expr.column("email"), expr.param(0))), [e]));
    expect((await byEmail("case@x.io")).rows).toEqual([]);
    expect((await byEmail("Case@x.io")).rows).toHaveLength(1);
    const like = selectUsers(expr.like(expr.column("email"), expr.param(0)));
    expect((await db.exec(query(like, ["case%"]))).rows).toEqual([]);
    expect((await db.exec(query(like, ["Case%"]))).rows).toHaveLength(1);
    expect((await db.exec(query(like, ["Case\\%"]))).rows).toEqual([]);
  });

  it("expands IN lists per element, including empty lists and NOT IN", async () => {
    await db.exec(
      insertUsers([
        ["in1@x.io", "a", 1],
        ["in2@x.io", "b", 2],
        ["in3@x.io", "c", 3],
      ]),
    );
    const inList = (negated: boolean) =>
      selectUsers(
        expr.and([
          expr.like(expr.column("email"), expr.param(1)),
          expr.inList(expr.column("email"), expr.paramList(0), negated),
        ]),
        ["email"],
      );
    const emails = async (negated: boolean, list: string[]) =>
      (await db.exec(query(inList(negated), [list, "in%"]))).rows.map((r) => r.email);
    expect(await emails(false, ["in1@x.io", "in3@x.io"])).toEqual(["in1@x.io", "in3@x.io"]);
    expect(await emails(false, [])).toEqual([]);
    expect(await emails(true, [])).toEqual(["in1@x.io", "in2@x.io", "in3@x.io"]);
    expect(await emails(true, ["in2@x.io"])).toEqual(["in1@x.io", "in3@x.io"]);
    // 20 elements print as a bucket of 32 placeholders, padded with the last element.
    const many = Array.from({ length: 20 }, (_, i) => `in${i}@x.io`);
    expect(await emails(false, many)).toEqual(["in1@x.io", "in2@x.io", "in3@x.io"]);
    expect(db.describe(query(inList(false), [many, "in%"])).match(/\?/g)).toHaveLength(33);
  });

  it("counts matched rows for an UPDATE that sets a value to itself (CLIENT_FOUND_ROWS)", async () => {
    await db.exec(insertUsers([["same@x.io", "Same", 7]]));
    const update = mutation.update({
      table: select.table("users"),
      set: [mutation.assignment("name", expr.param(0))],
      where: expr.compare("=", expr.column("email"), expr.param(1)),
    });
    const res = await db.exec({
      kind: "QuerySql",
      statement: update,
      params: ["Same", "same@x.io"],
      result: "affected",
    });
    expect(res).toEqual({ rows: [], rowsAffected: 1 });
  });

  it("upserts with ON DUPLICATE KEY UPDATE and VALUES(col)", async () => {
    const upsert = (name: string) =>
      query(
        mutation.insert({
          table: select.table("users"),
          columns: ["email", "name"],
          rows: [[expr.param(0), expr.param(1)]],
          onConflict: mutation.onConflict(["email"], [mutation.assignment("name", expr.column("name", "excluded"))]),
        }),
        ["up@x.io", name],
      );
    await db.exec(upsert("first"));
    await db.exec(upsert("second"));
    const { rows } = await db.exec(
      query(selectUsers(expr.compare("=", expr.column("email"), expr.param(0)), ["name"]), ["up@x.io"]),
    );
    expect(rows).toEqual([{ name: "second" }]);
  });

  it("inserts many rows in chunks atomically and reports the first id of the last chunk", async () => {
    const before = Number((await db.exec(countRows("users"))).rows[0]?.n);
    // 48 statements of 1,024 rows, then 512 + 256 + 64 + 16: 52 statements, the last one from row 49,984.
    const rows = Array.from({ length: 50_000 }, (_, i) => [`bulk${i}@x.io`, null, i]);
    const op = insertUsers(rows);
    expect(db.describe(op)).toContain("50000 rows in 52 statements");
    const res = await db.exec(op);
    expect(res.rowsAffected).toBe(50_000);
    const lastChunkFirst = await db.exec(
      query(selectUsers(expr.compare("=", expr.column("email"), expr.param(0)), ["id"]), ["bulk49984@x.io"]),
    );
    expect(res.lastInsertId).toBe(lastChunkFirst.rows[0]?.id);
    expect(Number((await db.exec(countRows("users"))).rows[0]?.n)).toBe(before + 50_000);

    // A duplicate in the last chunk: nothing of the earlier chunks stays.
    const failing = Array.from({ length: 50_000 }, (_, i) => [`again${i}@x.io`, null, i]);
    failing[49_999] = ["bulk0@x.io", null, 0];
    await expect(db.exec(insertUsers(failing))).rejects.toThrow(/Unique/);
    expect(Number((await db.exec(countRows("users"))).rows[0]?.n)).toBe(before + 50_000);
  });

  it("reports version and answers ping", async () => {
    expect(await db.version()).toMatch(/^\d+\.\d+\.\d+/);
    await expect(db.ping()).resolves.toBeUndefined();
  });
});
