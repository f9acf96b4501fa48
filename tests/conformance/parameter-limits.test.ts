import { ValidationError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends, itWith } from "./backends.js";
import { at, caught, useDb } from "./fixtures.js";

const MANY = 70_000;

/** More values than one statement can bind on MySQL (65,535 placeholders) and PostgreSQL (65,535 parameters). */
describe.each(backends)("parameter limits ($name)", (backend) => {
  const t = useDb(backend);

  itWith(
    t.capability,
    "sql",
    "an include over 70,000 parents answers exactly (keys chunked where each key is a placeholder)",
    async () => {
      const data = Array.from({ length: MANY }, (_, i) => ({
        id: `u${String(i).padStart(6, "0")}`,
        email: `p${i}@x.io`,
        name: `P${i}`,
        role: "member" as const,
      }));
      await t.db.user.createMany({ data });
      const authors = ["u000007", "u035000", "u069999"];
      await t.db.post.createMany({
        data: authors.flatMap((authorId, i) => [
          { authorId, title: `${authorId}-a`, createdAt: at(i) },
          { authorId, title: `${authorId}-b`, createdAt: at(i + 10) },
        ]),
      });
      t.log.clear();
      const users = await t.db.user.findMany({
        select: { id: true, posts: { select: { title: true }, orderBy: { createdAt: "desc" }, take: 1 } },
      });
      expect(users).toHaveLength(MANY);
      const withPosts = users
        .filter((u) => u.posts.length > 0)
        .map((u) => [u.id, u.posts.map((p) => p.title)])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(withPosts).toEqual(authors.map((a) => [a, [`${a}-b`]]));
      const childReads = t.log.ops("QuerySql").length - 1;
      expect(childReads).toBe(
        t.capability().arrayParameters ? 1 : Math.ceil(MANY / Math.floor(t.capability().maxParameters / 2)),
      );
    },
  );

  it("an in / notIn list past the backend's parameter limit answers exactly, for every list type", async () => {
    const rows = [
      { email: "a@x.io", name: "A", role: "member" as const, age: 7, score: 0.1, balance: 2n ** 62n, createdAt: at(3) },
      { email: "b@x.io", name: "B", role: "admin" as const, age: -7, score: 1e100, balance: -1n, createdAt: at(9) },
    ];
    for (const data of rows) await t.db.user.create({ data });
    const many = <T>(make: (i: number) => T, hit: T): T[] => [...Array.from({ length: MANY }, (_, i) => make(i)), hit];
    const names = async (where: object) =>
      ((await t.db.user.findMany({ where, orderBy: { name: "asc" } })) as { name: string }[]).map((u) => u.name);
    expect(await names({ email: { in: many((i) => `nobody${i}@x.io`, "a@x.io") } })).toEqual(["A"]);
    expect(await names({ name: { notIn: many((i) => `N${i}`, "A") } })).toEqual(["B"]);
    expect(await names({ age: { in: many((i) => 1000 + i, -7) } })).toEqual(["B"]);
    expect(await names({ score: { in: many((i) => i + 0.5, 0.1) } })).toEqual(["A"]);
    expect(await names({ balance: { in: many((i) => BigInt(i) + 2n ** 62n + 1n, 2n ** 62n) } })).toEqual(["A"]);
    expect(await names({ createdAt: { in: many((i) => at(100 + i), at(9)) } })).toEqual(["B"]);
    expect(await t.db.user.count({ where: { email: { in: many((i) => `n${i}`, "b@x.io") } } })).toBe(1);
    // Writes too: one statement, atomic.
    const updated = await t.db.user.updateMany({
      where: { email: { in: many((i) => `n${i}`, "b@x.io") } },
      data: { name: "B2" },
    });
    expect(updated).toEqual({ count: 1 });
    expect(await t.db.user.deleteMany({ where: { name: { notIn: many((i) => `n${i}`, "B2") } } })).toEqual({
      count: 1,
    });
    expect(await names({})).toEqual(["B2"]);
  });

  itWith(t.capability, "sql", "an OR past the backend's parameter limit is refused before I/O", async () => {
    const ids = Array.from({ length: MANY }, (_, i) => `nobody${i}`);
    t.log.clear();
    const or = await caught(t.db.user.findMany({ where: { OR: ids.map((id) => ({ id })) } }));
    expect(or).toBeInstanceOf(ValidationError);
    expect((or as Error).message).toMatch(/split a long `in` list or OR/);
    expect(t.log.ops()).toEqual([]);
  });
});
