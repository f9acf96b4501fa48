import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CancelledError, expr, type Row, rowsOf, select } from "@strata/core";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SqliteDriver, sqlite } from "../src/index.ts";
import { countRows, insertUsers, query, schema, selectUsers, tx } from "./fixtures.ts";

let dir: string | undefined;
let db: SqliteDriver;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "strata-sqlite-sessions-"));
  db = sqlite(join(dir, "app.db"));
  await db.push(schema);
});
afterEach(() => db.close());
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const users = (n: number) => Array.from({ length: n }, (_, i) => [`u${i}@x.io`, `n${i}`, i]);
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("sqlite driver: reserved connection", () => {
  it("uses WAL journal mode for a file database", async () => {
    const mode = await db.exec(query(selectJournalMode()));
    expect(mode.rows).toEqual([{ journal_mode: "wal" }]);
  });

  it("makes driver.exec wait until the reserved connection closes, so it never joins that transaction", async () => {
    const conn = await db.connect();
    await conn.exec(tx.begin());
    await conn.exec(insertUsers([["in-tx@x.io", "T", 1]]));
    let outsideDone = false;
    const outside = db.exec(insertUsers([["outside@x.io", "O", 2]])).then((r) => {
      outsideDone = true;
      return r;
    });
    await tick();
    expect(outsideDone).toBe(false);
    await conn.exec(tx.rollback());
    await tick();
    expect(outsideDone).toBe(false); // still reserved until close()
    await conn.close();
    await expect(outside).resolves.toMatchObject({ rowsAffected: 1 });
    const emails = await db.exec(query(selectUsers(undefined, ["email"])));
    expect(emails.rows).toEqual([{ email: "outside@x.io" }]); // the rolled-back row is gone, the outside row is not
  });

  it("refuses transaction operations on the shared driver", async () => {
    await expect(db.exec(tx.begin())).rejects.toThrow(/driver\.connect\(\)/);
    await db.exec(insertUsers([["a@x.io", "A", 1]]));
    expect((await db.exec(countRows("users"))).rows).toEqual([{ n: 1 }]);
  });

  it("hands the connection to waiters first come, first served", async () => {
    const order: string[] = [];
    const first = await db.connect();
    const second = db.connect().then(async (c) => {
      order.push("second");
      await c.close();
    });
    const third = db.exec(countRows("users")).then(() => order.push("exec"));
    await tick();
    expect(order).toEqual([]);
    await first.close();
    await Promise.all([second, third]);
    expect(order).toEqual(["second", "exec"]);
  });

  it("rolls back a transaction left open when the connection closes", async () => {
    const conn = await db.connect();
    await conn.exec(tx.begin());
    await conn.exec(insertUsers([["left-open@x.io", "L", 1]]));
    await conn.close();
    expect((await db.exec(countRows("users"))).rows).toEqual([{ n: 0 }]);
    await expect(conn.exec(countRows("users"))).rejects.toThrow(/closed/);
  });

  it("supports savepoints: roll back to one, release another, commit the rest", async () => {
    const conn = await db.connect();
    try {
      await conn.exec(tx.begin());
      await conn.exec(insertUsers([["keep@x.io", "K", 1]]));
      await conn.exec(tx.savepoint("sp 1"));
      await conn.exec(insertUsers([["undo@x.io", "U", 2]]));
      await conn.exec(tx.rollbackTo("sp 1"));
      await conn.exec(tx.release("sp 1"));
      await conn.exec(tx.savepoint("sp2"));
      await conn.exec(insertUsers([["kept-too@x.io", "K2", 3]]));
      await conn.exec(tx.release("sp2"));
      await conn.exec(tx.commit());
    } finally {
      await conn.close();
    }
    const emails = await db.exec(query(selectUsers(undefined, ["email"])));
    expect(emails.rows).toEqual([{ email: "keep@x.io" }, { email: "kept-too@x.io" }]);
  });

  it("keeps an Insert atomic inside a transaction (a savepoint), leaving earlier work intact", async () => {
    const conn = await db.connect();
    try {
      await conn.exec(tx.begin());
      await conn.exec(insertUsers([["a@x.io", "A", 1]]));
      await expect(
        conn.exec(
          insertUsers([
            ["b@x.io", "B", 2],
            ["a@x.io", "dup", 3],
          ]),
        ),
      ).rejects.toThrow(/Unique/);
      await conn.exec(tx.commit());
    } finally {
      await conn.close();
    }
    expect((await db.exec(countRows("users"))).rows).toEqual([{ n: 1 }]);
  });
});

describe("sqlite driver: stream", () => {
  it("pages through a select in batches and allows queries inside the loop", async () => {
    await db.exec(insertUsers(users(25)));
    const seen: Row[] = [];
    for await (const row of rowsOf(db.streamPages(query(selectUsers(undefined, ["id"])), { batchSize: 10 }))) {
      seen.push(row);
      // Another statement mid-iteration: impossible with an open better-sqlite3 iterator.
      const count = await db.exec(countRows("users"));
      expect(count.rows).toEqual([{ n: 25 }]);
    }
    expect(seen.map((r) => r.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it("respects the select's own where, params and limit", async () => {
    await db.exec(insertUsers(users(30)));
    const s = { ...selectUsers(expr.compare(">=", expr.column("age"), expr.param(0)), ["age"]), limit: expr.param(1) };
    const ages: unknown[] = [];
    for await (const row of rowsOf(db.streamPages(query(s, [20, 7]), { batchSize: 3 }))) ages.push(row.age);
    expect(ages).toEqual([20, 21, 22, 23, 24, 25, 26]);
  });

  it("stops with CancelledError before the next page once the signal aborts", async () => {
    await db.exec(insertUsers(users(25)));
    const controller = new AbortController();
    const seen: unknown[] = [];
    const consume = async () => {
      for await (const row of rowsOf(
        db.streamPages(query(selectUsers(undefined, ["id"])), {
          batchSize: 10,
          signal: controller.signal,
        }),
      )) {
        seen.push(row.id);
        if (seen.length === 5) controller.abort();
      }
    };
    await expect(consume()).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toHaveLength(10); // the first page is delivered; the second is never fetched
  });

  it("streams on a reserved connection inside its transaction", async () => {
    const conn = await db.connect();
    try {
      await conn.exec(tx.begin());
      await conn.exec(insertUsers(users(5)));
      const ids: unknown[] = [];
      for await (const row of rowsOf(conn.streamPages(query(selectUsers(undefined, ["id"])), { batchSize: 2 })))
        ids.push(row.id);
      expect(ids).toEqual([1, 2, 3, 4, 5]);
      await conn.exec(tx.rollback());
    } finally {
      await conn.close();
    }
  });

  it("rejects a batch size below 1", async () => {
    const iterate = async () => {
      for await (const _ of rowsOf(db.streamPages(query(selectUsers()), { batchSize: 0 }))) break;
    };
    await expect(iterate()).rejects.toThrow(RangeError);
  });
});

function selectJournalMode() {
  // pragma_journal_mode is a table-valued function, so the select AST can read it.
  return select.create({
    from: select.table("pragma_journal_mode"),
    selections: [select.selection(expr.column("journal_mode"))],
  });
}
