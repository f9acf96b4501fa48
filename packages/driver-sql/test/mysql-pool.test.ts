import {
  CancelledError,
  ConnectionLostError,
  DriverError,
  expr,
  mutation,
  rowsOf,
  select,
  ValidationError,
} from "@strata/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MysqlDriver, mysql } from "../src/index.ts";
import { countRows, insertUsers, query, schema, selectUsers, tx } from "./fixtures.ts";
import { connectionsOn, type MysqlTestDb, mysqlTestDb } from "./mysql-fixtures.ts";

let t: MysqlTestDb;
let db: MysqlDriver;
beforeAll(async () => {
  t = await mysqlTestDb();
  db = t.open({ poolSize: 3 });
  await db.push(schema);
  await db.exec(insertUsers(Array.from({ length: 25 }, (_, i) => [`s${String(i).padStart(2, "0")}@x.io`, null, i])));
});
afterAll(() => t?.dispose());

describe("mysql driver: pool, URL and lifecycle", () => {
  it("opens no connection before the first operation", async () => {
    const lazy = t.open();
    const before = await connectionsOn(t);
    expect(lazy.maskedUrl()).toContain(t.name);
    expect(await connectionsOn(t)).toEqual(before);
    await lazy.ping();
    expect((await connectionsOn(t)).length).toBe(before.length + 1);
    await lazy.close();
    // The server drops a closed connection's thread a moment after the client's QUIT: wait for it, bounded.
    await expect.poll(() => connectionsOn(t), { timeout: 3000, interval: 50 }).toEqual(before);
  });

  it("rejects a malformed URL synchronously with a ValidationError that hides the password", () => {
    for (const url of [
      "not a url",
      "postgres://u:hunter2@h/db",
      "mysql://u:hunter2@/db",
      "mysql://u:hunter2@h/db?ssl=1",
    ]) {
      let err: unknown;
      try {
        mysql(url);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ValidationError);
      expect(String((err as Error).message)).not.toContain("hunter2");
    }
    expect(() => mysql("mysql://root@127.0.0.1/test", { poolSize: 0 })).toThrow(ValidationError);
  });

  it("masks the password in maskedUrl() and in connect errors of an unreachable server", async () => {
    const down = mysql("mysql://app:hunter2@127.0.0.1:1/shop", { connectTimeoutMs: 2000 });
    expect(down.maskedUrl()).toBe("mysql://app:***@127.0.0.1:1/shop");
    const err = await down.ping().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConnectionLostError);
    expect((err as Error).message).toContain("mysql://app:***@127.0.0.1:1/shop");
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain("hunter2");
    await down.close();
  });

  it("streams with batchSize and stops early on break, keeping the connection usable", async () => {
    const conn = await db.connect();
    try {
      await conn.exec(tx.begin());
      const seen: unknown[] = [];
      for await (const row of rowsOf(conn.streamPages(query(selectUsers(undefined, ["email"])), { batchSize: 4 }))) {
        seen.push(row.email);
        if (seen.length === 6) break;
      }
      expect(seen).toEqual(["s00@x.io", "s01@x.io", "s02@x.io", "s03@x.io", "s04@x.io", "s05@x.io"]);
      // Same connection, same transaction, after the break.
      expect((await conn.exec(countRows("users"))).rows).toEqual([{ n: 25 }]);
      await conn.exec(tx.commit());
    } finally {
      await conn.close();
    }
    const all: unknown[] = [];
    for await (const row of rowsOf(db.streamPages(query(selectUsers(undefined, ["id"])), { batchSize: 7 })))
      all.push(row.id);
    expect(all).toHaveLength(25);
  });

  it("refuses a query on a connection while it streams (it would wait forever)", async () => {
    const conn = await db.connect();
    try {
      const rows = rowsOf(conn.streamPages(query(selectUsers()), { batchSize: 2 }))[Symbol.asyncIterator]();
      await rows.next();
      await expect(conn.exec(countRows("users"))).rejects.toThrow(DriverError);
      await rows.return(undefined);
      expect((await conn.exec(countRows("users"))).rows).toEqual([{ n: 25 }]);
    } finally {
      await conn.close();
    }
  });

  it("aborts a running SELECT SLEEP(5): CancelledError at once, and KILL QUERY stops it on the server", async () => {
    // The statement AST has no SLEEP(); a view puts one behind a plain SELECT.
    await t.admin("CREATE OR REPLACE VIEW slow AS SELECT SLEEP(5) AS s");
    const slow = query(select.create({ from: select.table("slow"), selections: [select.selection(expr.column("s"))] }));
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    const running = (async () => {
      for await (const _ of rowsOf(db.streamPages(slow, { batchSize: 1, signal: controller.signal }))) {
        // no rows arrive before the abort
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    const during = await t.rows<{ INFO: string }>(
      `SELECT INFO FROM information_schema.PROCESSLIST WHERE DB = '${t.name}' AND INFO LIKE '%slow%' AND ID <> CONNECTION_ID()`,
    );
    expect(during).toHaveLength(1);
    const err = await running.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(3000);
    const after = await t.rows(
      `SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '${t.name}' AND INFO LIKE '%slow%' AND ID <> CONNECTION_ID()`,
    );
    expect(after).toEqual([]);
    // The connection went back to the pool alive.
    expect((await db.exec(countRows("users"))).rows).toEqual([{ n: 25 }]);
  });

  it("close() lets running operations finish, then refuses new work", async () => {
    const closing = t.open({ poolSize: 2 });
    const running = closing.exec(countRows("users"));
    await closing.close();
    await expect(running).resolves.toMatchObject({ rows: [{ n: 25 }] });
    await expect(closing.exec(countRows("users"))).rejects.toThrow(/closed/);
  });
});

describe("mysql driver: connections the server closed never go back to the pool", () => {
  it("a statement over max_allowed_packet fails typed, and the next query on a 1-connection pool works", async () => {
    const one = t.open({ poolSize: 1 });
    const [packet] = await t.rows<{ size: number | string }>("SELECT @@max_allowed_packet AS size");
    const huge = "x".repeat(Number(packet?.size) + 1024);
    const err = await one.exec(query(selectUsers(expr.compare("=", expr.column("email"), expr.param(0))), [huge])).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DriverError);
    expect((err as Error).message).toMatch(/max_allowed_packet/);
    for (let i = 0; i < 3; i++) await expect(one.exec(countRows("users"))).resolves.toMatchObject({ rowsAffected: 1 });
    await one.close();
  });

  it("a streaming connection killed mid-stream: the stream fails typed, the next query on a 1-connection pool works", async () => {
    const one = t.open({ poolSize: 1 });
    // Enough rows that the server is still sending when the stream pauses (socket buffers fill).
    const rows = Array.from({ length: 20_000 }, (_, i) => [`big${i}@x.io`, "n".repeat(2000), i]);
    await one.exec(insertUsers(rows));
    const conn = await one.connect();
    const thread = (conn as unknown as { threadId: number }).threadId;
    await conn.close();
    const pages = one.streamPages(query(selectUsers()), { batchSize: 2 })[Symbol.asyncIterator]();
    expect((await pages.next()).done).toBe(false);
    await t.admin(`KILL ${thread}`);
    let failed: unknown;
    try {
      while (!(await pages.next()).done) {
        // drain what was buffered before the kill
      }
    } catch (e) {
      failed = e;
    }
    expect(failed).toBeInstanceOf(ConnectionLostError);
    for (let i = 0; i < 3; i++) await expect(one.exec(countRows("users"))).resolves.toMatchObject({ rowsAffected: 1 });
    await one.exec(
      query(mutation.delete({ table: select.table("users"), where: expr.like(expr.column("email"), expr.param(0)) }), [
        "big%",
      ]),
    );
    await one.close();
  });
});
