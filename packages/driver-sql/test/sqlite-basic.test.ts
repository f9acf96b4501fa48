import { expr, mutation, select, UnsupportedError } from "@strata/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SqliteDriver, sqlite, sqliteCapability } from "../src/index.ts";
import { countRows, insertUsers, query, schema, selectUsers } from "./fixtures.ts";

let db: SqliteDriver;
beforeEach(async () => {
  db = sqlite(":memory:");
  await db.push(schema);
});
afterEach(() => db.close());

describe("sqlite driver: round trip", () => {
  it("pushes the schema, inserts with RETURNING and selects rows keyed by alias", async () => {
    const inserted = await db.exec(
      insertUsers(
        [
          ["a@x.io", "Ann", 31],
          ["b@x.io", null, null],
        ],
        [{ column: "id", alias: "userId" }],
      ),
    );
    expect(inserted).toEqual({ rows: [{ userId: 1 }, { userId: 2 }], rowsAffected: 2 });

    const byEmail = select.create({
      from: select.table("users", "u"),
      selections: [select.selection(expr.column("name", "u"), "who"), select.selection(expr.column("active", "u"))],
      where: expr.compare("=", expr.column("email", "u"), expr.param(0)),
    });
    expect(await db.exec(query(byEmail, ["a@x.io"]))).toEqual({ rows: [{ who: "Ann", active: 1 }], rowsAffected: 1 });
  });

  it("is idempotent on push and creates the declared indexes and foreign keys", async () => {
    await db.push(schema);
    const master = select.create({
      from: select.table("sqlite_master"),
      selections: [select.selection(expr.column("name"))],
      where: expr.compare("=", expr.column("type"), expr.param(0)),
      orderBy: [select.orderItem(expr.column("name"), "asc")],
    });
    const indexes = await db.exec(query(master, ["index"]));
    expect(indexes.rows.map((r) => r.name)).toEqual(expect.arrayContaining(["posts_author_idx", "users_email_key"]));
    const tables = await db.exec(query(master, ["table"]));
    expect(tables.rows.map((r) => r.name)).toEqual(expect.arrayContaining(["posts", "users"]));
  });

  it("reports rowsAffected for update and delete, and RETURNING rows from them", async () => {
    await db.exec(
      insertUsers([
        ["a@x.io", "Ann", 1],
        ["b@x.io", "Bob", 2],
        ["c@x.io", "Cy", 3],
      ]),
    );
    const bump = mutation.update({
      table: select.table("users"),
      set: [mutation.assignment("age", expr.arithmetic("+", expr.column("age"), expr.param(0)))],
      where: expr.compare(">=", expr.column("age"), expr.param(1)),
    });
    expect(await db.exec({ ...query(bump, [10, 2]), result: "affected" })).toEqual({ rows: [], rowsAffected: 2 });
    const del = mutation.delete({
      table: select.table("users"),
      where: expr.compare(">", expr.column("age"), expr.param(0)),
      returning: [select.selection(expr.column("email"))],
    });
    const deleted = await db.exec(query(del, [11]));
    expect(deleted.rows).toEqual([{ email: "b@x.io" }, { email: "c@x.io" }]);
    expect(deleted.rowsAffected).toBe(2);
  });

  it("upserts with excluded.col as the proposed row", async () => {
    await db.exec(insertUsers([["a@x.io", "Ann", 1]]));
    const upsert = mutation.insert({
      table: select.table("users"),
      columns: ["email", "age"],
      rows: [[expr.param(0), expr.param(1)]],
      onConflict: mutation.onConflict(
        ["email"],
        [mutation.assignment("age", expr.arithmetic("+", expr.column("age", "users"), expr.column("age", "excluded")))],
      ),
      returning: [select.selection(expr.column("age"))],
    });
    expect((await db.exec(query(upsert, ["a@x.io", 5]))).rows).toEqual([{ age: 6 }]);
  });

  it("binds a ParamList of 1,000 values as one JSON parameter", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`u${i}@x.io`, `n${i}`, i]);
    await db.exec(insertUsers(rows));
    const ids = Array.from({ length: 1000 }, (_, i) => i * 2 + 1); // odd ids 1..1999: 500 exist
    const inList = selectUsers(expr.inList(expr.column("id"), expr.paramList(0)), ["id"]);
    const res = await db.exec(query(inList, [ids]));
    expect(res.rowsAffected).toBe(500);
    expect(res.rows[0]).toEqual({ id: 1 });
    const names = selectUsers(expr.inList(expr.column("name"), expr.paramList(0), true), ["id"]);
    const notIn = await db.exec(query(names, [rows.slice(0, 990).map((r) => r[1])]));
    expect(notIn.rows.map((r) => r.id)).toEqual([991, 992, 993, 994, 995, 996, 997, 998, 999, 1000]);
  });

  it("matches LIKE case-sensitively with backslash escapes", async () => {
    await db.exec(
      insertUsers([
        ["a@x.io", "Ann", 1],
        ["b@x.io", "ann", 2],
        ["c@x.io", "50%_off", 3],
      ]),
    );
    const like = selectUsers(expr.like(expr.column("name"), expr.param(0)), ["email"]);
    expect((await db.exec(query(like, ["A%"]))).rows).toEqual([{ email: "a@x.io" }]);
    expect((await db.exec(query(like, ["%0\\%\\_%"]))).rows).toEqual([{ email: "c@x.io" }]);
  });

  it("reads 64-bit integers exactly when the operation asks for bigints", async () => {
    const big = 9007199254740993n; // 2^53 + 1, not representable as a number
    const ins = mutation.insert({
      table: select.table("users"),
      columns: ["email", "big"],
      rows: [[expr.param(0), expr.param(1)]],
    });
    await db.exec(query(ins, ["big@x.io", big]));
    const read = selectUsers(undefined, ["big"]);
    expect((await db.exec(query(read, [], true))).rows).toEqual([{ big }]);
    expect((await db.exec(query(read, []))).rows).toEqual([{ big: Number(big) }]);
  });

  it("orders NULLs first on ascending and last on descending", async () => {
    await db.exec(
      insertUsers([
        ["a@x.io", "A", 2],
        ["b@x.io", "B", null],
        ["c@x.io", "C", 1],
      ]),
    );
    const ordered = (direction: "asc" | "desc") =>
      select.create({
        from: select.table("users"),
        selections: [select.selection(expr.column("age"))],
        orderBy: [select.orderItem(expr.column("age"), direction)],
      });
    expect((await db.exec(query(ordered("asc")))).rows.map((r) => r.age)).toEqual([null, 1, 2]);
    expect((await db.exec(query(ordered("desc")))).rows.map((r) => r.age)).toEqual([2, 1, null]);
  });

  it("pages with OFFSET alone (LIMIT -1)", async () => {
    await db.exec(
      insertUsers([
        ["a@x.io", "A", 1],
        ["b@x.io", "B", 2],
        ["c@x.io", "C", 3],
      ]),
    );
    const s = select.cloneWith(selectUsers(undefined, ["id"]), { offset: expr.param(0) });
    expect((await db.exec(query(s, [1]))).rows).toEqual([{ id: 2 }, { id: 3 }]);
  });
});

describe("sqlite driver: statement cache", () => {
  it("reuses the prepared statement for the same AST object without printing again", async () => {
    const s = selectUsers(expr.compare("=", expr.column("id"), expr.param(0)));
    await db.exec(query(s, [1]));
    const before = db.statementCacheStats();
    for (let i = 0; i < 5; i++) await db.exec(query(s, [i]));
    const after = db.statementCacheStats();
    expect(after.astHits - before.astHits).toBe(5);
    expect(after.prepared).toBe(before.prepared);
    // A different AST object with the same SQL hits the text cache instead of preparing again.
    await db.exec(query(selectUsers(expr.compare("=", expr.column("id"), expr.param(0))), [1]));
    expect(db.statementCacheStats().textHits).toBe(after.textHits + 1);
    expect(db.statementCacheStats().prepared).toBe(before.prepared);
  });

  it("prepares each insert size once per shape: multi-row VALUES in bucketed sizes, the rest single-row", async () => {
    await db.exec(insertUsers([["a@x.io", "A", 1]]));
    const before = db.statementCacheStats().prepared;
    const rows = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => [`u${from + i}@x.io`, `U${from + i}`, from + i] as [string, string, number]);
    // 3 rows = one 2-row statement (new) + the 1-row statement (cached).
    await db.exec(insertUsers(rows(2, 3)));
    expect(db.statementCacheStats().prepared).toBe(before + 1);
    // 7 rows = 4 + 2 + 1: only the 4-row statement is new.
    await db.exec(insertUsers(rows(5, 7)));
    expect(db.statementCacheStats().prepared).toBe(before + 2);
    await db.exec(insertUsers(rows(12, 7)));
    expect(db.statementCacheStats().prepared).toBe(before + 2);
    const all = (await db.exec(query(selectUsers(), []))).rows as { email: string; age: number }[];
    expect(all).toHaveLength(18);
    expect(all.map((r) => r.age)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(all.map((r) => r.email).slice(1)).toEqual(rows(2, 17).map((r) => r[0]));
  });
});

describe("sqlite driver: surface", () => {
  it("exposes the capability, version, ping and describe", async () => {
    expect(db.name).toBe("sqlite");
    expect(db.capability).toBe(sqliteCapability);
    expect(sqliteCapability.storageTypes.date).toBe("epoch-ms");
    expect(await db.version()).toMatch(/^3\.\d+\.\d+$/);
    await expect(db.ping()).resolves.toBeUndefined();
    const s = selectUsers(expr.compare("=", expr.column("id"), expr.param(0)));
    expect(db.describe(query(s, [42]))).toBe(
      'SELECT "id", "email", "name", "age" FROM "users" WHERE "id" = ? ORDER BY "id" ASC',
    );
    expect(db.describe(insertUsers([["a", "b", 1]], [{ column: "id", alias: "id" }]))).toBe(
      'INSERT INTO "users" ("email", "name", "age") VALUES (?, ?, ?) RETURNING "id" AS "id" -- once per row, 1 row(s) in one transaction',
    );
    expect(db.describe({ kind: "Transaction", action: "savepoint", name: "s1" })).toBe('SAVEPOINT "s1"');
  });

  it("refuses key-value operations with UnsupportedError", async () => {
    const err = await db.exec({ kind: "GetByKey", table: "users", keys: [{ id: 1 }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedError);
    expect(err).toMatchObject({ capability: "sql" });
  });

  it("fails after close", async () => {
    await db.close();
    await expect(db.exec(countRows("users"))).rejects.toThrow(/closed/);
  });
});

describe("sqlite introspect", () => {
  it("reports tables, columns, keys, indexes and foreign keys", async () => {
    const d = sqlite(":memory:");
    await d.push({
      tables: [
        {
          name: "owners",
          columns: [
            { name: "id", storage: "integer", nullable: false, autoincrement: true },
            { name: "email", storage: "text", nullable: false, autoincrement: false },
            { name: "nick", storage: "text", nullable: true, autoincrement: false, defaultLiteral: "anon" },
          ],
          primaryKey: ["id"],
          indexes: [{ name: "owners_email_key", columns: ["email"], unique: true }],
          foreignKeys: [],
        },
        {
          name: "pets",
          columns: [
            { name: "id", storage: "text", nullable: false, autoincrement: false },
            { name: "ownerId", storage: "integer", nullable: false, autoincrement: false },
          ],
          primaryKey: ["id"],
          indexes: [],
          foreignKeys: [
            { name: "pets_owner_fkey", columns: ["ownerId"], referencesTable: "owners", referencesColumns: ["id"] },
          ],
        },
      ],
    });
    const info = await d.introspect();
    expect(info.tables.map((t) => t.name)).toEqual(["owners", "pets"]);
    const owners = info.tables[0]!;
    expect(owners.primaryKey).toEqual(["id"]);
    expect(owners.columns.map((c) => [c.name, c.nullable, c.autoincrement])).toEqual([
      ["id", false, true],
      ["email", false, false],
      ["nick", true, false],
    ]);
    expect(owners.columns[2]?.default).toBe("'anon'");
    expect(owners.indexes.find((i) => i.name === "owners_email_key")).toEqual({
      name: "owners_email_key",
      columns: ["email"],
      unique: true,
      primary: false,
    });
    expect(info.tables[1]?.foreignKeys).toEqual([
      expect.objectContaining({ columns: ["ownerId"], referencesTable: "owners", referencesColumns: ["id"] }),
    ]);
    await d.close();
  });
});
