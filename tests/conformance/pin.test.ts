import { describe, expect, it } from "vitest";
import { backends } from "./backends.js";
import { useDb, userData } from "./fixtures.js";

describe.each(backends)("db.pin ($name)", (backend) => {
  const t = useDb(backend);

  it("runs every query of the callback on one reserved connection, outside a transaction", async () => {
    const count = await t.db.pin(async (db) => {
      await db.user.create({ data: userData(1) });
      await db.user.create({ data: userData(2) });
      return db.user.count();
    });
    expect(count).toBe(2);
    // Including the transactions a backend without RETURNING opens to write and read back atomically.
    const ops = t.log.ops();
    expect(ops.map((o) => o.onConnection)).toEqual(ops.map(() => true));
    t.log.clear();
    expect(await t.db.user.count()).toBe(2);
    expect(t.log.ops().map((o) => o.onConnection)).toEqual([false]);
  });

  it("gives the connection back when the callback throws", async () => {
    const boom = new Error("boom");
    await expect(
      t.db.pin(async (db) => {
        await db.user.create({ data: userData(3) });
        throw boom;
      }),
    ).rejects.toBe(boom);
    // Not rolled back (no transaction), and the driver serves the next query.
    expect(await t.db.user.count()).toBe(1);
  });
});
