import { ValidationError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends } from "./backends.js";
import { caught, loose, seedUsers, useDb } from "./fixtures.js";

class WhereLike {
  email = "u000@x.io";
}
class WithGetter {
  get email() {
    return "u000@x.io";
  }
}

/** Objects that are not object literals: read as arguments, their fields are invisible, inherited or ambiguous. */
const hostile: [string, () => unknown][] = [
  ["a Map", () => new Map([["email", "u000@x.io"]])],
  ["a Set", () => new Set(["email"])],
  ["a class instance", () => new WhereLike()],
  ["a class instance with a getter", () => new WithGetter()],
  ["a boxed Number", () => Object(5)],
  ["a boxed String", () => Object("email")],
  ["an object with only symbol keys", () => ({ [Symbol("email")]: "u000@x.io" })],
  [
    "an object whose string keys are undefined and whose symbol key is not",
    () => ({ email: undefined, [Symbol("email")]: "u000@x.io" }),
  ],
  ["an object with a prototype carrying the fields", () => Object.create({ email: "u000@x.io" })],
];

type Call = (db: ReturnType<typeof loose>, value: unknown) => PromiseLike<unknown>;

/** Every argument position that takes an object. */
const positions: [string, Call][] = [
  ["deleteMany args", (db, v) => db.user.deleteMany(v)],
  ["deleteMany where", (db, v) => db.user.deleteMany({ where: v })],
  ["updateMany where", (db, v) => db.user.updateMany({ where: v, data: { name: "X" } })],
  ["updateMany data", (db, v) => db.user.updateMany({ where: {}, data: v })],
  ["findMany where", (db, v) => db.user.findMany({ where: v })],
  ["count where", (db, v) => db.user.count({ where: v })],
  ["a where inside AND", (db, v) => db.user.deleteMany({ where: { AND: [v] } })],
  ["a where inside NOT", (db, v) => db.user.deleteMany({ where: { NOT: v } })],
  ["a field filter", (db, v) => db.user.deleteMany({ where: { email: v } })],
  ["delete where", (db, v) => db.user.delete({ where: v })],
  ["update where", (db, v) => db.user.update({ where: v, data: { name: "X" } })],
  ["update data", (db, v) => db.user.update({ where: { email: "u000@x.io" }, data: v })],
  ["create data", (db, v) => db.user.create({ data: v })],
  ["upsert create", (db, v) => db.user.upsert({ where: { email: "n@x.io" }, create: v, update: {} })],
  ["findMany select", (db, v) => db.user.findMany({ select: v })],
  ["findMany orderBy", (db, v) => db.user.findMany({ orderBy: v })],
  ["findMany include", (db, v) => db.user.findMany({ include: v })],
];

describe.each(backends)("arguments that are not plain objects ($name)", (backend) => {
  const t = useDb(backend);

  it("are refused with a ValidationError at every position, before any I/O, and nothing is written", async () => {
    await seedUsers(t.db, 3);
    const before = await t.db.user.findMany({ orderBy: { email: "asc" } });
    let refused = 0;
    for (const [where, call] of positions) {
      for (const [what, make] of hostile) {
        t.log.clear();
        const err = await Promise.resolve()
          .then(() => call(loose(t.db), make()))
          .then(
            () => new Error(`${what} as ${where} was accepted`),
            (e: unknown) => e,
          );
        expect(err, `${what} as ${where}`).toBeInstanceOf(ValidationError);
        expect((err as Error).message, `${what} as ${where}`).toMatch(/expected|must|invalid|unknown/i);
        expect(t.log.ops(), `${what} as ${where}: nothing may reach the backend`).toEqual([]);
        refused++;
      }
    }
    expect(refused).toBe(positions.length * hostile.length);
    expect(await t.db.user.findMany({ orderBy: { email: "asc" } })).toEqual(before);
  });

  it("strings with a lone surrogate are refused (no backend stores them as given); paired surrogates round-trip", async () => {
    for (const bad of ["a\ud800b", "\udfff", "x\ud83d"]) {
      t.log.clear();
      const create = await caught(t.db.user.create({ data: { email: "s@x.io", name: bad, role: "member" } }));
      expect(create, JSON.stringify(bad)).toBeInstanceOf(ValidationError);
      expect((create as Error).message).toMatch(/lone surrogate/);
      expect(await caught(t.db.user.findMany({ where: { name: { contains: bad } } }))).toBeInstanceOf(ValidationError);
      expect(
        await caught(t.db.user.create({ data: { email: "j@x.io", name: "j", role: "member", settings: { k: bad } } })),
      ).toBeInstanceOf(ValidationError);
      expect(t.log.ops()).toEqual([]);
    }
    const good = "emoji \ud83d\ude00 and 𝄞";
    const created = await t.db.user.create({ data: { email: "e@x.io", name: good, role: "member" } });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: created.id } })).name).toBe(good);
    expect(await t.db.user.count({ where: { name: good } })).toBe(1);
  });

  it("a Map where says what to pass instead", async () => {
    const err = await caught(loose(t.db).user.deleteMany({ where: new Map([["email", "x"]]) }));
    expect((err as Error).message).toMatch(/a Map \(use an object literal/);
  });

  it("frozen object literals, proxies of object literals and objects with extra symbol keys read as their string keys", async () => {
    await seedUsers(t.db, 3);
    const frozen = Object.freeze({ where: Object.freeze({ email: "u000@x.io" }) });
    expect(await t.db.user.count(frozen)).toBe(1);
    const proxied = new Proxy({ email: "u001@x.io" }, {});
    expect(await t.db.user.count({ where: proxied })).toBe(1);
    // Symbol keys are never read: an object with string keys too means what its string keys say.
    expect(await t.db.user.count({ where: { email: "u002@x.io", [Symbol("x")]: "ignored" } })).toBe(1);
  });

  it("a cyclic where and one nested 1,000 levels deep are ValidationErrors, not stack overflows", async () => {
    const cyclic: Record<string, unknown> = { email: "x" };
    cyclic.AND = [cyclic];
    const err = await caught(t.db.user.deleteMany({ where: cyclic }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/cycle/);
    let deep: Record<string, unknown> = { email: "x" };
    for (let i = 0; i < 1000; i++) deep = { NOT: deep };
    const tooDeep = await caught(t.db.user.deleteMany({ where: deep }));
    expect(tooDeep).toBeInstanceOf(ValidationError);
    expect((tooDeep as Error).message).toMatch(/nested deeper/);
    expect(await t.db.user.count()).toBe(0);
  });

  it("an argument that reads differently each time cannot plan one shape and cache another", async () => {
    await seedUsers(t.db, 4);
    let reads = 0;
    // Alternates between naming one row and naming none: if the engine planned from one read and cached the
    // shape of another, one of the two plain calls below would run the other's plan.
    const shifty = {
      get where() {
        reads++;
        return reads % 2 === 1 ? {} : { name: "U000" };
      },
    };
    await t.db.user.deleteMany(shifty);
    expect(reads).toBeGreaterThan(1);
    await t.db.user.deleteMany({});
    await seedUsers(t.db, 4);
    expect(await t.db.user.deleteMany({ where: { name: "U001" } })).toEqual({ count: 1 });
    expect(await t.db.user.deleteMany({ where: {} })).toEqual({ count: 3 });
  });
});
