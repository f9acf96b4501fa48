import { expr, mutation, select } from "@strata/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MysqlDriver } from "../src/index.ts";
import { countRows, insertUsers, query, schema, tx } from "./fixtures.ts";
import { type MysqlTestDb, mysqlTestDb } from "./mysql-fixtures.ts";

let t: MysqlTestDb;
let db: MysqlDriver;
beforeAll(async () => {
  t = await mysqlTestDb();
  db = t.open({ poolSize: 2 });
  await db.push(schema);
});
afterAll(() => t?.dispose());

const count = async (on: { exec: MysqlDriver["exec"] } = db) => Number((await on.exec(countRows("users"))).rows[0]?.n);
const setAge = (email: string, age: number) =>
  query(
    mutation.update({
      table: select.table("users"),
      set: [mutation.assignment("age", expr.param(0))],
      where: expr.compare("=", expr.column("email"), expr.param(1)),
    }),
    [age, email],
  );
const byEmail = (email: string) =>
  query(
    select.create({
      from: select.table("users"),
      selections: [select.selection(expr.column("id"))],
      where: expr.compare("=", expr.column("email"), expr.param(0)),
    }),
    [email],
  );

describe("mysql driver: transactions on a reserved connection", () => {
  it("commits, rolls back, nests savepoints, and refuses a second begin", async () => {
    const before = await count();
    const conn = await db.connect();
    try {
      await conn.exec(tx.begin());
      await conn.exec(insertUsers([["t1@x.io", null, 1]]));
      await conn.exec(tx.savepoint("sp1"));
      await conn.exec(insertUsers([["t2@x.io", null, 2]]));
      await conn.exec(tx.rollbackTo("sp1"));
      await conn.exec(tx.release("sp1"));
      await expect(conn.exec(tx.begin())).rejects.toThrow(/already open/);
      expect(await count(conn)).toBe(before + 1);
      expect(await count()).toBe(before); // not visible outside yet
      await conn.exec(tx.commit());
      expect(await count()).toBe(before + 1);
    } finally {
      await conn.close();
    }
  });

  it("sets the isolation level for the next transaction only", async () => {
    // SERIALIZABLE turns a plain SELECT into a locking read: a concurrent UPDATE of that row must wait.
    await db.exec(insertUsers([["iso@x.io", null, 1]]));
    const other = t.open({ poolSize: 1, sessionVariables: { innodb_lock_wait_timeout: 1 } });
    const conn = await db.connect();
    try {
      await conn.exec({ kind: "Transaction", action: "begin", isolation: "serializable" });
      await conn.exec(byEmail("iso@x.io"));
      await expect(other.exec(setAge("iso@x.io", 2))).rejects.toMatchObject({ backendCode: 1205 });
      await conn.exec(tx.commit());
      // The next transaction is back to the session's REPEATABLE READ: a plain SELECT locks nothing.
      await conn.exec(tx.begin());
      await conn.exec(byEmail("iso@x.io"));
      await expect(other.exec(setAge("iso@x.io", 3))).resolves.toMatchObject({ rowsAffected: 1 });
      await conn.exec(tx.commit());
      expect(db.describe({ kind: "Transaction", action: "begin", isolation: "read committed", readOnly: true })).toBe(
        "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION READ ONLY",
      );
    } finally {
      await conn.close();
    }
  });

  it("close() rolls back a transaction left open, and the connection goes back to the pool", async () => {
    const before = await count();
    const conn = await db.connect();
    await conn.exec(tx.begin());
    await conn.exec(insertUsers([["left@x.io", null, 1]]));
    await conn.close();
    expect(await count()).toBe(before);
    await expect(conn.exec(countRows("users"))).rejects.toThrow(/closed/);
  });

  it("Insert inside a transaction uses a savepoint: a failing chunk leaves the earlier writes of the transaction", async () => {
    const before = await count();
    const conn = await db.connect();
    try {
      await conn.exec(tx.begin());
      await conn.exec(insertUsers([["kept@x.io", null, 1]]));
      const rows = Array.from({ length: 30_000 }, (_, i) => [`sp${i}@x.io`, null, i]);
      rows.push(["kept@x.io", null, 0]);
      await expect(conn.exec(insertUsers(rows))).rejects.toThrow(/Unique/);
      await conn.exec(tx.commit());
    } finally {
      await conn.close();
    }
    expect(await count()).toBe(before + 1);
  });

  it("refuses Transaction operations on the shared driver", async () => {
    await expect(db.exec(tx.begin())).rejects.toThrow(/reserved session/);
  });
});

describe("mysql driver: introspection", () => {
  it("reports tables, columns, keys, unique indexes and foreign keys from information_schema", async () => {
    const info = await db.introspect();
    expect(info.databases).toContain(t.name);
    expect(info.schemas).toEqual(info.databases);
    const users = info.tables.find((x) => x.name === "users")!;
    expect(users.schema).toBe(t.name);
    expect(users.primaryKey).toEqual(["id"]);
    expect(users.columns.find((c) => c.name === "id")).toEqual({
      name: "id",
      type: "int(11)",
      nullable: false,
      default: null,
      autoincrement: true,
    });
    expect(users.columns.find((c) => c.name === "email")).toMatchObject({ type: "varchar(191)", nullable: false });
    expect(users.columns.find((c) => c.name === "active")).toMatchObject({ type: "tinyint(1)", default: "1" });
    expect(users.indexes).toContainEqual({ name: "users_email_key", columns: ["email"], unique: true, primary: false });
    const posts = info.tables.find((x) => x.name === "posts")!;
    expect(posts.foreignKeys).toEqual([
      {
        name: "posts_author_fkey",
        columns: ["author_id"],
        referencesSchema: t.name,
        referencesTable: "users",
        referencesColumns: ["id"],
        onDelete: "RESTRICT",
        onUpdate: "RESTRICT",
      },
    ]);
    expect(posts.columns.find((c) => c.name === "title")?.default).toBe("'untitled'");
  });
});
