import { describe, expect, it } from "vitest";
import { backends } from "./backends.js";
import { at, type Db, expectValidation, loose, sorted, useDb } from "./fixtures.js";
import type { UserWhereInput } from "./generated/index.js";

/** Five users with distinct shapes of data; filters are checked by the names they return. */
async function seed(db: Db) {
  await db.user.createMany({
    data: [
      {
        email: "ann@x.io",
        name: "Ann",
        age: 17,
        score: 1.5,
        role: "member",
        createdAt: at(1),
        balance: 10n,
        avatar: new Uint8Array([1, 2]),
        settings: { theme: "dark", n: [1, 2] },
      },
      {
        email: "bob@x.io",
        name: "Bob",
        age: 18,
        score: 2.5,
        role: "admin",
        createdAt: at(2),
        balance: -5n,
        settings: { theme: "light" },
      },
      { email: "cat@y.io", name: "cat", age: 30, role: "member", active: false, createdAt: at(3), balance: 2n ** 62n },
      { email: "100%_sure@x.io", name: "100%_sure", age: null, score: 9, role: "admin", createdAt: at(4) },
      { email: "1000xsure@x.io", name: "1000xsure", age: 65, score: -1, role: "member", createdAt: at(5) },
    ],
  });
}

describe.each(backends)("filters ($name)", (backend) => {
  const t = useDb(backend);
  const names = async (where: UserWhereInput) => sorted((await t.db.user.findMany({ where })).map((u) => u.name));

  it("a plain value means equals, on every scalar type", async () => {
    await seed(t.db);
    expect(await names({ name: "Bob" })).toEqual(["Bob"]);
    expect(await names({ age: 30 })).toEqual(["cat"]);
    expect(await names({ score: 2.5 })).toEqual(["Bob"]);
    expect(await names({ role: "admin" })).toEqual(["100%_sure", "Bob"]);
    expect(await names({ active: false })).toEqual(["cat"]);
    expect(await names({ createdAt: at(2) })).toEqual(["Bob"]);
    expect(await names({ balance: 2n ** 62n })).toEqual(["cat"]);
    expect(await names({ avatar: new Uint8Array([1, 2]) })).toEqual(["Ann"]);
  });

  it("equals matches like the plain value; Json compares with equals", async () => {
    await seed(t.db);
    expect(await names({ name: { equals: "Ann" } })).toEqual(["Ann"]);
    expect(await names({ role: { equals: "member" } })).toEqual(["1000xsure", "Ann", "cat"]);
    expect(await names({ balance: { equals: -5n } })).toEqual(["Bob"]);
    expect(await names({ settings: { equals: { theme: "light" } } })).toEqual(["Bob"]);
  });

  it("null means IS NULL; equals null and isNull agree", async () => {
    await seed(t.db);
    expect(await names({ age: null })).toEqual(["100%_sure"]);
    expect(await names({ age: { equals: null } })).toEqual(["100%_sure"]);
    expect(await names({ age: { isNull: true } })).toEqual(["100%_sure"]);
    expect(await names({ age: { isNull: false } })).toEqual(["1000xsure", "Ann", "Bob", "cat"]);
    expect(await names({ avatar: null })).toEqual(["100%_sure", "1000xsure", "Bob", "cat"]);
    expect(await names({ settings: { isNull: true } })).toEqual(["100%_sure", "1000xsure", "cat"]);
    expect(await names({ balance: { isNull: true } })).toEqual(["100%_sure", "1000xsure"]);
  });

  it("an OR of 5,000 branches answers exactly (no expression-depth or expression-size limit)", async () => {
    await seed(t.db);
    const branches = Array.from({ length: 5000 }, (_, i) => ({ name: i === 4321 ? "Bob" : `nobody ${i}` }));
    expect(await names({ OR: [...branches, { name: "Ann" }] })).toEqual(["Ann", "Bob"]);
    expect(await names({ AND: Array.from({ length: 3000 }, () => ({ name: { not: "Ann" } })) })).toEqual([
      "100%_sure",
      "1000xsure",
      "Bob",
      "cat",
    ]);
    // Writes whose where is past DynamoDB's expression limits too: their condition checks the found values instead.
    expect(await t.db.user.updateMany({ where: { OR: [...branches, { name: "Ann" }] }, data: { age: 99 } })).toEqual({
      count: 2,
    });
    expect(await names({ age: 99 })).toEqual(["Ann", "Bob"]);
    expect(await t.db.user.deleteMany({ where: { OR: branches } })).toEqual({ count: 1 });
    expect(await names({ age: 99 })).toEqual(["Ann"]);
  });

  it("null in an in/notIn list is refused with the filter to write instead, and that filter works", async () => {
    await seed(t.db);
    const inErr = await expectValidation(loose(t.db).user.findMany({ where: { age: { in: [30, null] } } }), [
      "where",
      "age",
      "in",
      1,
    ]);
    expect(inErr.message).toMatch(/to match NULL too, write OR: \[\{ age: \{ in: \[\.\.\.\] \} \}, \{ age: null \}\]/);
    const notInErr = await expectValidation(loose(t.db).user.findMany({ where: { age: { notIn: [null] } } }), [
      "where",
      "age",
      "notIn",
      0,
    ]);
    expect(notInErr.message).toMatch(/not: null/);
    const required = await expectValidation(loose(t.db).user.findMany({ where: { name: { in: ["Ann", null] } } }), [
      "where",
      "name",
      "in",
      1,
    ]);
    expect(required.message).toMatch(/name is required, so it is never null/);
    const ages = (await t.db.user.findMany({ where: { age: { not: null } } })).map((u) => u.age);
    const some = ages[0]!;
    expect(await names({ OR: [{ age: { in: [some] } }, { age: null }] })).toEqual(
      await names({ OR: [{ age: some }, { age: { isNull: true } }] }),
    );
    expect(await names({ AND: [{ age: { notIn: [some] } }, { age: { not: null } }] })).toEqual(
      await names({ AND: [{ age: { not: some } }, { age: { isNull: false } }] }),
    );
  });

  it("not takes a value, null, or a nested filter; not-value skips NULLs (SQL semantics)", async () => {
    await seed(t.db);
    expect(await names({ name: { not: "Ann" } })).toEqual(["100%_sure", "1000xsure", "Bob", "cat"]);
    expect(await names({ age: { not: null } })).toEqual(["1000xsure", "Ann", "Bob", "cat"]);
    expect(await names({ age: { not: 18 } })).toEqual(["1000xsure", "Ann", "cat"]);
    expect(await names({ age: { not: { gte: 18 } } })).toEqual(["Ann"]);
    expect(await names({ role: { not: "member" } })).toEqual(["100%_sure", "Bob"]);
  });

  it("in and notIn, with empty lists matching nothing and everything", async () => {
    await seed(t.db);
    expect(await names({ name: { in: ["Ann", "cat", "nobody"] } })).toEqual(["Ann", "cat"]);
    expect(await names({ age: { in: [17, 65] } })).toEqual(["1000xsure", "Ann"]);
    expect(await names({ role: { in: ["admin"] } })).toEqual(["100%_sure", "Bob"]);
    expect(await names({ balance: { in: [10n, 2n ** 62n] } })).toEqual(["Ann", "cat"]);
    expect(await names({ createdAt: { in: [at(1), at(5)] } })).toEqual(["1000xsure", "Ann"]);
    expect(await names({ name: { notIn: ["Ann", "Bob"] } })).toEqual(["100%_sure", "1000xsure", "cat"]);
    expect(await names({ name: { in: [] } })).toEqual([]);
    expect(await names({ name: { notIn: [] } })).toHaveLength(5);
  });

  it("lt, lte, gt, gte on int, double, bigint and Date", async () => {
    await seed(t.db);
    expect(await names({ age: { lt: 18 } })).toEqual(["Ann"]);
    expect(await names({ age: { lte: 18 } })).toEqual(["Ann", "Bob"]);
    expect(await names({ age: { gt: 18 } })).toEqual(["1000xsure", "cat"]);
    expect(await names({ age: { gte: 18, lt: 65 } })).toEqual(["Bob", "cat"]);
    expect(await names({ score: { gt: 1.5 } })).toEqual(["100%_sure", "Bob"]);
    expect(await names({ score: { lte: 1.5 } })).toEqual(["1000xsure", "Ann"]);
    expect(await names({ balance: { gt: 2n ** 61n } })).toEqual(["cat"]);
    expect(await names({ balance: { lt: 0n } })).toEqual(["Bob"]);
    expect(await names({ balance: { gte: 10n } })).toEqual(["Ann", "cat"]);
    expect(await names({ createdAt: { gt: at(3) } })).toEqual(["100%_sure", "1000xsure"]);
    expect(await names({ createdAt: { gte: at(3), lte: at(4) } })).toEqual(["100%_sure", "cat"]);
    // A millisecond matters.
    expect(await names({ createdAt: { lt: new Date(at(1).getTime() + 1) } })).toEqual(["Ann"]);
    expect(await names({ createdAt: { lt: at(1) } })).toEqual([]);
  });

  it("lt/gt on strings compare lexically", async () => {
    await seed(t.db);
    expect(await names({ email: { lt: "b" } })).toEqual(["100%_sure", "1000xsure", "Ann"]);
    expect(await names({ email: { gte: "bob@x.io" } })).toEqual(["Bob", "cat"]);
  });

  it("contains, startsWith, endsWith", async () => {
    await seed(t.db);
    expect(await names({ name: { contains: "o" } })).toEqual(["Bob"]);
    expect(await names({ email: { endsWith: "@y.io" } })).toEqual(["cat"]);
    expect(await names({ email: { startsWith: "100" } })).toEqual(["100%_sure", "1000xsure"]);
    expect(await names({ name: { contains: "sure", startsWith: "1000" } })).toEqual(["1000xsure"]);
  });

  it("% and _ in a pattern match literally", async () => {
    await seed(t.db);
    expect(await names({ name: { contains: "%" } })).toEqual(["100%_sure"]);
    expect(await names({ name: { contains: "_" } })).toEqual(["100%_sure"]);
    expect(await names({ name: { startsWith: "100%" } })).toEqual(["100%_sure"]);
    expect(await names({ name: { contains: "0%_s" } })).toEqual(["100%_sure"]);
    expect(await names({ email: { endsWith: "_sure@x.io" } })).toEqual(["100%_sure"]);
    // `_` would match the "0" of 1000xsure, and "%" anything, if they were wildcards.
    expect(await names({ name: { startsWith: "10_0" } })).toEqual([]);
    expect(await names({ name: { contains: "0%x" } })).toEqual([]);
  });

  it("a backslash in a pattern matches literally", async () => {
    await t.db.user.create({ data: { email: "bs@x.io", name: "a\\b", role: "member" } });
    await t.db.user.create({ data: { email: "ab@x.io", name: "ab", role: "member" } });
    expect(await names({ name: { contains: "\\" } })).toEqual(["a\\b"]);
    expect(await names({ name: { contains: "a\\b" } })).toEqual(["a\\b"]);
  });

  it("string matching is case-sensitive", async () => {
    await seed(t.db);
    expect(await names({ name: { startsWith: "c" } })).toEqual(["cat"]);
    expect(await names({ name: { startsWith: "C" } })).toEqual([]);
    expect(await names({ name: { contains: "AN" } })).toEqual([]);
    expect(await names({ name: { endsWith: "OB" } })).toEqual([]);
    expect(await names({ name: "ann" })).toEqual([]);
    expect(await names({ name: { equals: "Ann" } })).toEqual(["Ann"]);
  });

  it("several fields in one where are ANDed", async () => {
    await seed(t.db);
    expect(await names({ role: "member", active: true })).toEqual(["1000xsure", "Ann"]);
    expect(await names({ role: "admin", age: { gt: 0 } })).toEqual(["Bob"]);
  });

  it("AND takes an object or an array", async () => {
    await seed(t.db);
    expect(await names({ AND: { role: "member" } })).toEqual(["1000xsure", "Ann", "cat"]);
    expect(await names({ AND: [{ role: "member" }, { age: { gt: 20 } }] })).toEqual(["1000xsure", "cat"]);
    expect(await names({ AND: [] })).toHaveLength(5);
  });

  it("OR takes an array; an empty OR matches nothing", async () => {
    await seed(t.db);
    expect(await names({ OR: [{ name: "Ann" }, { age: { gt: 60 } }] })).toEqual(["1000xsure", "Ann"]);
    expect(await names({ OR: [{ role: "admin" }, { active: false }], score: { gt: 0 } })).toEqual(["100%_sure", "Bob"]);
    expect(await names({ OR: [] })).toEqual([]);
  });

  it("NOT takes an object or an array (NOT of the AND)", async () => {
    await seed(t.db);
    expect(await names({ NOT: { role: "member" } })).toEqual(["100%_sure", "Bob"]);
    expect(await names({ NOT: [{ role: "member" }, { active: false }] })).toEqual([
      "100%_sure",
      "1000xsure",
      "Ann",
      "Bob",
    ]);
    expect(await names({ NOT: { OR: [{ name: "Ann" }, { name: "Bob" }] } })).toEqual(["100%_sure", "1000xsure", "cat"]);
  });

  it("logical operators nest", async () => {
    await seed(t.db);
    const where: UserWhereInput = {
      OR: [{ AND: [{ role: "member" }, { NOT: { age: { lt: 20 } } }] }, { AND: [{ role: "admin" }, { age: null }] }],
    };
    expect(await names(where)).toEqual(["100%_sure", "1000xsure", "cat"]);
  });

  it("filters apply to count, updateMany and deleteMany the same way", async () => {
    await seed(t.db);
    const where: UserWhereInput = { email: { contains: "_" } };
    expect(await t.db.user.count({ where })).toBe(1);
    expect(await t.db.user.updateMany({ where, data: { name: "changed" } })).toEqual({ count: 1 });
    expect(await names({ name: "changed" })).toEqual(["changed"]);
    expect(await t.db.user.deleteMany({ where: { age: { in: [17, 18] } } })).toEqual({ count: 2 });
    expect(await names({})).toEqual(["1000xsure", "cat", "changed"]);
  });
});
