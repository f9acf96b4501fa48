import {
  ConnectionLostError,
  DriverError,
  expr,
  ForeignKeyViolationError,
  mutation,
  ReadOnlyTransactionError,
  SerializationFailureError,
  select,
  UniqueViolationError,
} from "@strata/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MysqlDriver, mysql } from "../src/index.ts";
import { countRows, insertUsers, query, schema, tx } from "./fixtures.ts";
import { connectionsOn, type MysqlTestDb, mysqlTestDb } from "./mysql-fixtures.ts";

let t: MysqlTestDb;
let db: MysqlDriver;
beforeAll(async () => {
  t = await mysqlTestDb();
  db = t.open({ poolSize: 4 });
  await db.push(schema);
});
afterAll(() => t?.dispose());

const insertPost = (authorId: number) =>
  query(mutation.insert({ table: select.table("posts"), columns: ["author_id"], rows: [[expr.param(0)]] }), [authorId]);
const setAge = (email: string, age: number) =>
  query(
    mutation.update({
      table: select.table("users"),
      set: [mutation.assignment("age", expr.param(0))],
      where: expr.compare("=", expr.column("email"), expr.param(1)),
    }),
    [age, email],
  );
const caught = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (err: unknown) => err,
  );

describe("mysql driver: error classification (provoked on the server)", () => {
  it("1062 → UniqueViolationError with table and columns from the index, no value in the message", async () => {
    await db.exec(insertUsers([["dup@x.io", "first", 1]]));
    const err = await caught(
      db.exec(
        insertUsers([
          ["a@x.io", "A", 1],
          ["dup@x.io", "secret", 2],
        ]),
      ),
    );
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect(err).toMatchObject({ table: "users", columns: ["email"], backendCode: 1062, retryable: false });
    expect((err as Error).message).not.toContain("dup@x.io");
    expect((err as Error).cause).toBeInstanceOf(Error);
    // The multi-row statement wrote nothing.
    expect((await db.exec(countRows("users"))).rows).toEqual([{ n: 1 }]);
  });

  it("1062 on the primary key names the key column", async () => {
    const withId = (id: number) =>
      query(
        mutation.insert({
          table: select.table("users"),
          columns: ["id", "email"],
          rows: [[expr.param(0), expr.param(1)]],
        }),
        [id, `id${id}-${Math.random()}@x.io`],
      );
    await db.exec(withId(900));
    const err = await caught(db.exec(withId(900)));
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect(err).toMatchObject({ table: "users", columns: ["id"] });
  });

  it("1452 and 1451 → ForeignKeyViolationError with the table written", async () => {
    const child = await caught(db.exec(insertPost(424242)));
    expect(child).toBeInstanceOf(ForeignKeyViolationError);
    expect(child).toMatchObject({ table: "posts", backendCode: 1452 });
    const { lastInsertId } = await db.exec(insertUsers([["parent@x.io", "P", 1]]));
    await db.exec(insertPost(Number(lastInsertId)));
    const del = query(
      mutation.delete({ table: select.table("users"), where: expr.compare("=", expr.column("id"), expr.param(0)) }),
      [lastInsertId],
    );
    const parent = await caught(db.exec(del));
    expect(parent).toBeInstanceOf(ForeignKeyViolationError);
    expect(parent).toMatchObject({ table: "users", backendCode: 1451 });
  });

  it("1792 → ReadOnlyTransactionError for a write in START TRANSACTION READ ONLY", async () => {
    const conn = await db.connect();
    try {
      await conn.exec(tx.begin(true));
      const err = await caught(conn.exec(insertUsers([["ro@x.io", "R", 1]])));
      expect(err).toBeInstanceOf(ReadOnlyTransactionError);
      expect(err).toMatchObject({ backendCode: 1792, retryable: false });
      await conn.exec(tx.rollback());
    } finally {
      await conn.close();
    }
  });

  it("1213 → SerializationFailureError (retryable) when two transactions deadlock", async () => {
    await db.exec(
      insertUsers([
        ["dl1@x.io", "1", 1],
        ["dl2@x.io", "2", 2],
      ]),
    );
    const a = await db.connect();
    const b = await db.connect();
    try {
      await a.exec(tx.begin());
      await b.exec(tx.begin());
      await a.exec(setAge("dl1@x.io", 10));
      await b.exec(setAge("dl2@x.io", 20));
      // Each now waits for the other's row lock: InnoDB picks a victim at once.
      const results = await Promise.allSettled([a.exec(setAge("dl2@x.io", 11)), b.exec(setAge("dl1@x.io", 21))]);
      const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      expect(failures).toHaveLength(1);
      expect(failures[0]).toBeInstanceOf(SerializationFailureError);
      expect(failures[0]).toMatchObject({ backendCode: 1213, retryable: true });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("1205 lock wait timeout → SerializationFailureError (retryable)", async () => {
    await db.exec(insertUsers([["lw@x.io", "L", 1]]));
    // innodb_lock_wait_timeout is a session variable; 1 s keeps the test short.
    const impatient = t.open({ poolSize: 1, sessionVariables: { innodb_lock_wait_timeout: 1 } });
    const a = await db.connect();
    const b = await impatient.connect();
    try {
      await a.exec(tx.begin());
      await a.exec(setAge("lw@x.io", 2));
      const fast = mutation.update({
        table: select.table("users"),
        set: [mutation.assignment("age", expr.param(0))],
        where: expr.compare("=", expr.column("email"), expr.param(1)),
      });
      await b.exec(tx.begin());
      const err = await caught(b.exec(query(fast, [3, "lw@x.io"])));
      expect(err).toBeInstanceOf(SerializationFailureError);
      expect(err).toMatchObject({ backendCode: 1205, retryable: true });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("KILL of a pooled connection → ConnectionLostError, and that connection is destroyed", async () => {
    const conn = await db.connect();
    const threadId = (conn as unknown as { threadId: number }).threadId;
    expect(await connectionsOn(t)).toContain(threadId);
    await t.admin(`KILL ${threadId}`);
    const err = await caught(conn.exec(countRows("users")));
    expect(err).toBeInstanceOf(ConnectionLostError);
    expect(err).toMatchObject({ retryable: true });
    await conn.close();
    // The pool did not keep it: the next operations run on live connections.
    await expect(db.exec(countRows("users"))).resolves.toMatchObject({ rowsAffected: 1 });
    expect(await connectionsOn(t)).not.toContain(threadId);
  });

  it("1040 too many connections → DriverError with retryable: true", async () => {
    const user = `strata_lim_${Math.random().toString(36).slice(2, 8)}`;
    await t.admin(`CREATE USER '${user}'@'%'`, `GRANT ALL ON \`${t.name}\`.* TO '${user}'@'%'`);
    const url = new URL(t.url);
    url.username = user;
    const limited = mysql(url.href, { poolSize: 12, acquireTimeoutMs: 5000 });
    const saved = await t.rows<{ Value: string }>("SHOW GLOBAL VARIABLES LIKE 'max_connections'");
    const restore = `SET GLOBAL max_connections = ${Number(saved[0]?.Value)}`;
    try {
      // MariaDB's smallest max_connections is 10; for a moment 12 connections of a user without
      // CONNECTION ADMIN cannot all get in. Restored at once (other test files share the server).
      await t.admin("SET GLOBAL max_connections = 10");
      const attempts = await Promise.allSettled(Array.from({ length: 12 }, () => limited.connect()));
      await t.admin(restore);
      const failures = attempts.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      await Promise.all(attempts.flatMap((r) => (r.status === "fulfilled" ? [r.value.close()] : [])));
      expect(failures.length).toBeGreaterThan(0);
      expect(failures[0]).toBeInstanceOf(DriverError);
      expect(failures[0]).toMatchObject({ backendCode: 1040, retryable: true });
    } finally {
      await t.admin(restore, `DROP USER '${user}'@'%'`);
      await limited.close();
    }
  });

  it("anything else → DriverError with the errno and the original as cause", async () => {
    const bad = query(select.create({ from: select.table("no_such_table"), selections: [] }));
    const err = await caught(db.exec(bad));
    expect(err).toBeInstanceOf(DriverError);
    expect(err).toMatchObject({ backendCode: 1146, retryable: false });
    expect((err as Error).cause).toBeInstanceOf(Error);
  });
});
