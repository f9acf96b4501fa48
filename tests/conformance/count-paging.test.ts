import { describe, expect, it } from "vitest";
import { backends } from "./backends.js";
import { at, pad, seedUsers, useDb, userData } from "./fixtures.js";
import type { UserOrderByInput } from "./generated/index.js";

describe.each(backends)("count, ordering and paging ($name)", (backend) => {
  const t = useDb(backend);

  /** 25 users: age cycles 0..4, role admin for every third, createdAt in 5 ties of 5. */
  const seed = () =>
    seedUsers(t.db, 25, (i) => ({
      age: i % 5,
      role: i % 3 === 0 ? "admin" : "member",
      createdAt: at(Math.floor(i / 5)),
    }));

  it("count with and without where", async () => {
    expect(await t.db.user.count()).toBe(0);
    await seed();
    expect(await t.db.user.count()).toBe(25);
    expect(await t.db.user.count({ where: { role: "admin" } })).toBe(9);
    expect(await t.db.user.count({ where: { age: { gte: 3 }, role: "member" } })).toBe(6);
    expect(await t.db.user.count({ where: { name: "nobody" } })).toBe(0);
  });

  it("count honours take and skip", async () => {
    await seed();
    expect(await t.db.user.count({ take: 10 })).toBe(10);
    expect(await t.db.user.count({ skip: 20 })).toBe(5);
    expect(await t.db.user.count({ where: { role: "admin" }, skip: 5, take: 10 })).toBe(4);
  });

  it("orderBy one key, ascending and descending", async () => {
    const users = await seed();
    const asc = await t.db.user.findMany({ orderBy: { name: "asc" } });
    expect(asc.map((u) => u.name)).toEqual(users.map((u) => u.name));
    const desc = await t.db.user.findMany({ orderBy: { name: "desc" } });
    expect(desc.map((u) => u.name)).toEqual(users.map((u) => u.name).reverse());
  });

  it("orderBy several keys, each with its own direction", async () => {
    const users = await seed();
    const rows = await t.db.user.findMany({ orderBy: [{ role: "asc" }, { age: "desc" }, { email: "asc" }] });
    const expected = [...users].sort(
      (a, b) => a.role.localeCompare(b.role) || (b.age ?? 0) - (a.age ?? 0) || a.email.localeCompare(b.email),
    );
    expect(rows.map((u) => u.email)).toEqual(expected.map((u) => u.email));
    expect(rows[0]!.role).toBe("admin");
    expect(rows[0]!.age).toBe(4);
  });

  it("orderBy on a Date with ties, broken by a second key", async () => {
    const users = await seed();
    const rows = await t.db.user.findMany({ orderBy: [{ createdAt: "desc" }, { name: "desc" }] });
    expect(rows.map((u) => u.name)).toEqual(users.map((u) => u.name).reverse());
    expect(rows[0]!.createdAt.getTime()).toBe(at(4).getTime());
  });

  it("NULLs sort first ascending and last descending", async () => {
    await seedUsers(t.db, 3, (i) => ({ score: i === 1 ? null : i }));
    const asc = await t.db.user.findMany({ orderBy: { score: "asc" } });
    expect(asc.map((u) => u.score)).toEqual([null, 0, 2]);
    const desc = await t.db.user.findMany({ orderBy: { score: "desc" } });
    expect(desc.map((u) => u.score)).toEqual([2, 0, null]);
  });

  it("take and skip page through an ordered result", async () => {
    const users = await seed();
    const page = (skip: number, take: number) => t.db.user.findMany({ orderBy: { email: "asc" }, skip, take });
    expect((await page(0, 10)).map((u) => u.email)).toEqual(users.slice(0, 10).map((u) => u.email));
    expect((await page(10, 10)).map((u) => u.email)).toEqual(users.slice(10, 20).map((u) => u.email));
    expect((await page(20, 10)).map((u) => u.email)).toEqual(users.slice(20).map((u) => u.email));
    expect(await page(30, 10)).toEqual([]);
    expect(await page(0, 0)).toEqual([]);
  });

  it("take and skip combine with where", async () => {
    await seed();
    const rows = await t.db.user.findMany({ where: { role: "admin" }, orderBy: { name: "asc" }, skip: 2, take: 3 });
    expect(rows.map((u) => u.name)).toEqual([6, 9, 12].map((i) => `U${pad(i)}`));
  });

  it("a cursor page includes the cursor row; skip: 1 starts after it", async () => {
    const users = await seed();
    const cursor = { id: users[5]!.id };
    const withRow = await t.db.user.findMany({ orderBy: { email: "asc" }, cursor, take: 3 });
    expect(withRow.map((u) => u.email)).toEqual(users.slice(5, 8).map((u) => u.email));
    const after = await t.db.user.findMany({ orderBy: { email: "asc" }, cursor, skip: 1, take: 3 });
    expect(after.map((u) => u.email)).toEqual(users.slice(6, 9).map((u) => u.email));
  });

  it("a cursor by a unique field other than the id", async () => {
    const users = await seed();
    const rows = await t.db.user.findMany({ orderBy: { email: "desc" }, cursor: { email: users[3]!.email }, take: 10 });
    expect(rows.map((u) => u.email)).toEqual(
      users
        .slice(0, 4)
        .reverse()
        .map((u) => u.email),
    );
  });

  it("a cursor that no longer exists returns an empty page", async () => {
    await seed();
    expect(await t.db.user.findMany({ cursor: { id: "gone" }, take: 5 })).toEqual([]);
  });

  /** Pages through the whole table with a cursor and checks every row comes exactly once, in order. */
  async function pageAll(orderBy: UserOrderByInput[], pageSize: number): Promise<string[]> {
    const seen: string[] = [];
    let last: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await t.db.user.findMany({
        orderBy,
        take: pageSize,
        ...(last === undefined ? {} : { cursor: { id: last }, skip: 1 }),
      });
      pages++;
      seen.push(...page.map((u) => u.id));
      if (page.length < pageSize) break;
      last = page[page.length - 1]!.id;
      if (pages > 100) throw new Error("cursor paging does not terminate");
    }
    return seen;
  }

  it("cursor paging through a whole table in pages visits every row exactly once", async () => {
    const users = await seed();
    const all = await t.db.user.findMany({ orderBy: { id: "asc" } });
    const seen = await pageAll([{ id: "asc" }], 7);
    expect(seen).toEqual(all.map((u) => u.id));
    expect(new Set(seen).size).toBe(users.length);
  });

  it("cursor paging on non-unique order keys plus the id visits every row once, in order", async () => {
    const users = await seed();
    // Ties on (role, createdAt) are broken by the id; every page, the first included, needs the same total order.
    const orderBy: UserOrderByInput[] = [{ role: "desc" }, { createdAt: "desc" }, { id: "asc" }];
    const seen = await pageAll(orderBy, 4);
    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(new Set(users.map((u) => u.id)));
    expect(seen).toEqual((await t.db.user.findMany({ orderBy })).map((u) => u.id));
  });

  it("a cursor page on a non-unique key continues in (key, id) order", async () => {
    await seed();
    const total = await t.db.user.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
    // The cursor sits inside a group of equal createdAt values; the page must continue by id within the group.
    const page = await t.db.user.findMany({ orderBy: { createdAt: "desc" }, cursor: { id: total[6]!.id }, take: 6 });
    expect(page.map((u) => u.id)).toEqual(total.slice(6, 12).map((u) => u.id));
  });

  it("cursor paging on nullable order keys visits every row once, NULLs included, in either direction", async () => {
    // age: NULL on every third row, ties elsewhere; score: NULL on every other row. NULLs sort first on asc, last on desc.
    for (let i = 0; i < 20; i++) {
      await t.db.user.create({
        data: userData(i, { age: i % 3 === 0 ? null : i % 4, score: i % 2 === 0 ? null : i % 5 }),
      });
    }
    const orders: UserOrderByInput[][] = [
      [{ age: "asc" }],
      [{ age: "desc" }],
      [{ age: "asc" }, { score: "desc" }],
      [{ score: "desc" }, { age: "asc" }],
      [{ age: "desc" }, { score: "asc" }],
    ];
    for (const orderBy of orders) {
      const expected = (await t.db.user.findMany({ orderBy: [...orderBy, { id: "asc" }] })).map((u) => u.id);
      for (const size of [1, 3, 7]) {
        expect(await pageAll([...orderBy, { id: "asc" }], size), `${JSON.stringify(orderBy)} by ${size}`).toEqual(
          expected,
        );
      }
      // The id tiebreak is added when the order leaves it out.
      expect(await pageAll(orderBy, 4), JSON.stringify(orderBy)).toEqual(expected);
    }
  });

  it("cursor paging whose page size divides the table ends with an empty page", async () => {
    await seed();
    const seen = await pageAll([{ email: "asc" }], 5);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });
});
