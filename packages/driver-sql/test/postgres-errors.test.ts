import {
  CancelledError,
  ConnectionLostError,
  DriverError,
  ForeignKeyViolationError,
  ReadOnlyTransactionError,
  SerializationFailureError,
  UniqueViolationError,
} from "@strata/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresDriver, postgres } from "../src/index.ts";
import { schema as fixtureSchema, insertUsers, query, selectUsers, tx } from "./fixtures.ts";
import { type PgTestDb, pgTestDb } from "./postgres-fixtures.ts";

let db: PgTestDb;
let driver: PostgresDriver;
beforeAll(async () => {
  db = await pgTestDb();
  driver = db.open({ name: "errors" });
  // The shared fixture with PostgreSQL's storage for booleans (a native boolean, not 0/1).
  const tables = fixtureSchema.tables.map((t) => ({
    ...t,
    columns: t.columns.map((c) => (c.storage === "boolean-int" ? { ...c, storage: "boolean" as const } : c)),
  }));
  await driver.push({ tables });
});
afterAll(() => db.dispose());

const post = (authorId: number) =>
  ({
    kind: "Insert",
    table: "posts",
    columns: ["author_id", "title"],
    rows: [[authorId, "t"]],
    returning: [],
  }) as const;

describe("postgres error classification (provoked on the server)", () => {
  it("23505 → UniqueViolationError with table and columns from the index, and no values in the message", async () => {
    await driver.exec(insertUsers([["dup@x.io", "A", 1]]));
    const err = await driver.exec(insertUsers([["dup@x.io", "B", 2]])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect(err).toMatchObject({ table: "users", columns: ["email"], backendCode: "23505", retryable: false });
    expect(String(err)).not.toContain("dup@x.io");
  });

  it("23505 inside a failed transaction still names the columns", async () => {
    const conn = await driver.connect();
    await conn.exec(tx.begin());
    const err = await conn.exec(insertUsers([["dup@x.io", "C", 3]])).catch((e: unknown) => e);
    await conn.close();
    expect(err).toMatchObject({ name: "UniqueViolationError", columns: ["email"] });
  });

  it("23503 → ForeignKeyViolationError with the table", async () => {
    const err = await driver.exec(post(999_999)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForeignKeyViolationError);
    expect(err).toMatchObject({ table: "posts", backendCode: "23503" });
  });

  it("25006 → ReadOnlyTransactionError (SET TRANSACTION READ ONLY, then INSERT)", async () => {
    const conn = await driver.connect();
    await conn.exec(tx.begin(true));
    const err = await conn.exec(insertUsers([["ro@x.io", "R", 1]])).catch((e: unknown) => e);
    await conn.close();
    expect(err).toBeInstanceOf(ReadOnlyTransactionError);
    expect(err).toMatchObject({ backendCode: "25006", retryable: false });
  });

  it("40001 → SerializationFailureError (two SERIALIZABLE transactions writing the same rows), retryable", async () => {
    await driver.exec(
      insertUsers([
        ["s1@x.io", "S", 1],
        ["s2@x.io", "S", 2],
      ]),
    );
    const [a, b] = [await driver.connect(), await driver.connect()];
    const begin = { kind: "Transaction", action: "begin", isolation: "serializable" } as const;
    await a.exec(begin);
    await b.exec(begin);
    // Each reads both rows, then each updates the row the other read: a write skew.
    await a.exec(query(selectUsers()));
    await b.exec(query(selectUsers()));
    await a.exec(setAge("s1@x.io", 10));
    await b.exec(setAge("s2@x.io", 20));
    await a.exec(tx.commit());
    const err = await b.exec(tx.commit()).catch((e: unknown) => e);
    await Promise.all([a.close(), b.close()]);
    expect(err).toBeInstanceOf(SerializationFailureError);
    expect(err).toMatchObject({ backendCode: "40001", retryable: true });
  });

  it("57P01 → ConnectionLostError (pg_terminate_backend), and the dead connection leaves the pool", async () => {
    const lone = db.open({ name: "errors-terminate", max: 1 });
    const conn = await lone.connect();
    const pid = conn.pid;
    await db.admin("SELECT pg_terminate_backend($1)", [pid]);
    const err = await conn.exec(query(selectUsers())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionLostError);
    expect(err).toMatchObject({ retryable: true });
    await conn.close();
    // With max 1, a surviving dead client would fail again; a fresh one answers on a new backend.
    const next = await lone.connect();
    expect(next.pid).not.toBe(pid);
    await expect(next.exec(query(selectUsers()))).resolves.toBeDefined();
    await next.close();
  });

  it("an idle pooled connection killed by the server is dropped and replaced", async () => {
    const lone = db.open({ name: "errors-idle", max: 1 });
    const first = await lone.connect();
    const pid = first.pid;
    await first.close();
    await db.admin("SELECT pg_terminate_backend($1)", [pid]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(lone.exec(query(selectUsers()))).resolves.toBeDefined();
    const conn = await lone.connect();
    expect(conn.pid).not.toBe(pid);
    await conn.close();
  });

  it("57014 → CancelledError when the statement is cancelled", async () => {
    const conn = await driver.connect();
    await conn.exec(tx.begin());
    await db.admin(`CREATE OR REPLACE VIEW "${db.schema}".slow AS SELECT pg_sleep(5)::text AS id`);
    const running = conn.exec(query(selectFrom("slow"))).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await db.admin("SELECT pg_cancel_backend($1)", [conn.pid]);
    expect(await running).toBeInstanceOf(CancelledError);
    await conn.close();
  });

  it("53300 → DriverError, retryable (a role at its connection limit)", async () => {
    await db.admin("DROP ROLE IF EXISTS strata_limited").catch(() => undefined);
    await db.admin("CREATE ROLE strata_limited LOGIN CONNECTION LIMIT 0");
    try {
      const limited = postgres(db.url.replace("postgres@", "strata_limited@"));
      const err = await limited.ping().catch((e: unknown) => e);
      await limited.close();
      expect(err).toBeInstanceOf(DriverError);
      expect(err).toMatchObject({ backendCode: "53300", retryable: true });
    } finally {
      await db.admin("DROP ROLE strata_limited");
    }
  });

  it("anything else → DriverError with the SQLSTATE and the pg error as cause", async () => {
    const err = await driver.exec(query(selectFrom("no_such_table"))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect(err).toMatchObject({ backendCode: "42P01", retryable: false });
    expect((err as Error).cause).toBeInstanceOf(Error);
  });
});

describe("postgres URLs and passwords", () => {
  it("throws a DriverError at construction for a malformed URL, without the password", () => {
    const attempt = () => postgres("postgres://u:hunter2@db:notaport/x");
    expect(attempt).toThrow(DriverError);
    expect(attempt).toThrow(/postgres:\/\/u:\*\*\*@db:notaport\/x/);
    expect(() => postgres("mysql://u@db/x")).toThrow(/postgres:\/\//);
    try {
      attempt();
    } catch (err) {
      expect(`${String(err)} ${(err as Error).stack} ${String((err as Error).cause)}`).not.toContain("hunter2");
    }
  });

  it("connects lazily: an unreachable server fails on first use with a ConnectionLostError naming the masked URL", async () => {
    const url = "postgres://postgres:hunter2@127.0.0.1:1/test";
    const unreachable = postgres(url, { acquireTimeoutMs: 2000 });
    expect(unreachable.maskedUrl()).toBe("postgres://postgres:***@127.0.0.1:1/test");
    const err = await unreachable.exec(query(selectUsers())).catch((e: unknown) => e);
    await unreachable.close();
    expect(err).toBeInstanceOf(ConnectionLostError);
    expect(String(err)).toContain("postgres://postgres:***@127.0.0.1:1/test");
    expect(`${String(err)} ${(err as Error).stack}`).not.toContain("hunter2");
  });

  it("never prints the password in messages from the server either", async () => {
    // Trust auth accepts any password here, so a wrong database provokes the server-side error instead.
    const url = db.url.replace("postgres@", "postgres:hunter2@").replace(/\/[^/]*$/, "/strata_no_such_db");
    const wrong = postgres(url);
    const err = await wrong.ping().catch((e: unknown) => e);
    await wrong.close();
    expect(err).toBeInstanceOf(DriverError);
    expect(err).toMatchObject({ backendCode: "3D000" });
    expect(String(err)).toContain(":***@");
    expect(`${String(err)} ${(err as Error).stack}`).not.toContain("hunter2");
  });
});

function setAge(email: string, age: number) {
  return {
    kind: "QuerySql",
    statement: {
      kind: "UpdateStatement",
      table: { kind: "Table", name: "users" },
      set: [{ kind: "Assignment", column: "age", value: { kind: "Param", index: 1 } }],
      where: {
        kind: "Compare",
        op: "=",
        left: { kind: "Column", name: "email" },
        right: { kind: "Param", index: 0 },
      },
      returning: [],
    },
    params: [email, age],
    result: "affected",
  } as const;
}

function selectFrom(table: string) {
  return {
    kind: "Select",
    from: { kind: "Table", name: table },
    selections: [{ kind: "Selection", expr: { kind: "Column", name: "id" } }],
    orderBy: [],
  } as const;
}
