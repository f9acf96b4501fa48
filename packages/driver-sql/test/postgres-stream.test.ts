import { CancelledError, expr, type Row, rowsOf, select } from "@strata/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostgresDriver } from "../src/index.ts";
import { type PgTestDb, pgTestDb } from "./postgres-fixtures.ts";

let db: PgTestDb;
let driver: PostgresDriver;
beforeAll(async () => {
  db = await pgTestDb();
  driver = db.open({ name: "stream", max: 2 });
  const s = `"${db.schema}"`;
  await db.admin(`CREATE SCHEMA ${s}`);
  // Every row evaluated by the server draws from the sequence, so its value shows how far the cursor has read.
  await db.admin(`CREATE SEQUENCE ${s}.evaluated`);
  await db.admin(
    `CREATE VIEW ${s}.numbers AS SELECT g AS n, nextval('${db.schema}.evaluated') AS e FROM generate_series(1, 10) g`,
  );
  await db.admin(`CREATE VIEW ${s}.slow AS SELECT pg_sleep(30)::text AS n`);
  await db.admin(`CREATE VIEW ${s}.slowish AS SELECT pg_sleep(0.1)::text AS n`);
  await db.admin(`CREATE VIEW ${s}.cursors AS SELECT name FROM pg_cursors WHERE name <> ''`);
});
afterAll(() => db.dispose());

const from = (table: string, column = "n", ordered = true) =>
  ({
    kind: "QuerySql",
    statement: select.create({
      from: select.table(table),
      selections: [select.selection(expr.column(column))],
      orderBy: ordered ? [select.orderItem(expr.column(column), "asc")] : [],
    }),
    params: [],
    result: "rows",
  }) as const;
const evaluated = async () =>
  Number((await db.admin(`SELECT last_value FROM "${db.schema}".evaluated`)).rows[0].last_value);
const resetSequence = () => db.admin(`ALTER SEQUENCE "${db.schema}".evaluated RESTART`);

describe("postgres stream (server-side cursor)", () => {
  it("fetches batchSize rows per round trip, only when the previous batch was consumed", async () => {
    await resetSequence();
    const seen: unknown[] = [];
    const progress: number[] = [];
    // Unordered, so the server evaluates rows only as the cursor fetches them.
    for await (const row of rowsOf(driver.streamPages(from("numbers", "n", false), { batchSize: 3 }))) {
      seen.push(row.n);
      progress.push(await evaluated());
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(progress).toEqual([3, 3, 3, 6, 6, 6, 9, 9, 9, 10]);
  });

  it("keeps the cursor open between pages and closes it on completion", async () => {
    await driver.pin(async (conn) => {
      const open: unknown[][] = [];
      for await (const _row of rowsOf(conn.streamPages(from("numbers"), { batchSize: 4 }))) {
        const { rows } = await conn.exec(from("cursors", "name"));
        open.push(rows.map((r: Row) => r.name));
      }
      expect(open).toHaveLength(10);
      expect(open.every((names) => names.length === 1 && String(names[0]).startsWith("strata_cursor_"))).toBe(true);
      const after = await conn.exec(from("cursors", "name"));
      expect(after.rows).toEqual([]);
    });
  });

  it("closes the cursor and its transaction on break", async () => {
    await driver.pin(async (conn) => {
      for await (const _row of rowsOf(conn.streamPages(from("numbers"), { batchSize: 2 }))) break;
      expect((await conn.exec(from("cursors", "name"))).rows).toEqual([]);
      // No transaction left open: a read-only transaction would refuse this write-free BEGIN-less statement otherwise.
      await conn.exec({ kind: "Transaction", action: "begin" });
      await conn.exec({ kind: "Transaction", action: "commit" });
    });
  });

  it("streams inside the caller's transaction without committing it", async () => {
    const conn = await driver.connect();
    await conn.exec({ kind: "Transaction", action: "begin" });
    const rows: unknown[] = [];
    for await (const row of rowsOf(conn.streamPages(from("numbers"), { batchSize: 3 }))) rows.push(row.n);
    expect(rows).toHaveLength(10);
    // Still inside the transaction: COMMIT succeeds without a warning-only no-op; ROLLBACK TO a savepoint proves it.
    await conn.exec({ kind: "Transaction", action: "savepoint", name: "still_open" });
    await conn.exec({ kind: "Transaction", action: "rollbackToSavepoint", name: "still_open" });
    await conn.exec({ kind: "Transaction", action: "commit" });
    await conn.close();
  });

  it("an abort cancels the running statement with pg_cancel_backend and throws CancelledError", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    const err = await (async () => {
      for await (const _row of rowsOf(driver.streamPages(from("slow"), { batchSize: 1, signal: controller.signal }))) {
        // never reached: the first FETCH sleeps 30 s
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(5000);
    const { rows } = await db.admin(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%strata_cursor_%' AND pid <> pg_backend_pid()",
    );
    expect(rows[0].n).toBe(0);
    // The pool is healthy afterwards.
    expect((await driver.exec(from("numbers"))).rows).toHaveLength(10);
  });

  it("an abort's cancel never lands on the next statement of the session (pool of 1, 10 rounds)", async () => {
    const one = db.open({ name: "cancel-race", max: 1 });
    try {
      for (let round = 0; round < 10; round++) {
        const controller = new AbortController();
        const pages = one
          .streamPages(from("numbers"), { batchSize: 2, signal: controller.signal })
          [Symbol.asyncIterator]();
        expect((await pages.next()).done).toBe(false);
        controller.abort();
        const err = await pages.next().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err, `round ${round}`).toBeInstanceOf(CancelledError);
        // The same (only) pooled session at once, with a statement long enough for a late cancel to hit it.
        expect((await one.exec(from("slowish"))).rows, `round ${round}`).toHaveLength(1);
      }
    } finally {
      await one.close();
    }
  });

  it("an already-aborted signal throws before any statement", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      (async () => {
        for await (const _row of rowsOf(
          driver.streamPages(from("numbers"), { batchSize: 1, signal: controller.signal }),
        )) {
        }
      })(),
    ).rejects.toBeInstanceOf(CancelledError);
  });
});
