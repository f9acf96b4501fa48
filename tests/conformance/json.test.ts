import type { Json } from "@strata/core";
import { ValidationError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends } from "./backends.js";
import { caught, loose, useDb, userData } from "./fixtures.js";

const keysDeep = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(keysDeep)
    : v !== null && typeof v === "object"
      ? Object.entries(v).map(([k, x]) => [k, keysDeep(x)])
      : v;

/**
 * Json values come back the same on every backend: objects with their keys
 * in one canonical order (integer-like keys first, then the others sorted),
 * and equality ignores key order everywhere (PostgreSQL's jsonb did, the
 * text-stored backends did not).
 */
describe.each(backends)("Json ($name)", (backend) => {
  const t = useDb(backend);

  const written: Json = { zeta: 1, alpha: { y: [3, { b: 2, a: 1 }], x: null }, "10": "ten", "9": "nine", "": "empty" };
  const canonical = [
    ["9", "nine"],
    ["10", "ten"],
    ["", "empty"],
    [
      "alpha",
      [
        ["x", null],
        [
          "y",
          [
            3,
            [
              ["a", 1],
              ["b", 2],
            ],
          ],
        ],
      ],
    ],
    ["zeta", 1],
  ];

  it("objects come back with their keys in the canonical order, from create and from a read", async () => {
    const row = await t.db.user.create({ data: userData(1, { settings: written }) });
    expect(keysDeep(row.settings)).toEqual(canonical);
    const read = await t.db.user.findUniqueOrThrow({ where: { id: row.id } });
    expect(keysDeep(read.settings)).toEqual(canonical);
    expect(read.settings).toEqual(written);
    const updated = await t.db.user.update({ where: { id: row.id }, data: { settings: { b: 1, a: 2 } } });
    expect(Object.keys(updated.settings as object)).toEqual(["a", "b"]);
    const many = await t.db.user.findMany({ where: { id: row.id } });
    expect(Object.keys(many[0]!.settings as object)).toEqual(["a", "b"]);
  });

  it("equality ignores key order (plain value, equals, not, in)", async () => {
    await t.db.user.create({ data: userData(1, { settings: { a: 1, b: { c: 2, d: 3 } } }) });
    await t.db.user.create({ data: userData(2, { settings: { a: 2 } }) });
    const names = async (where: object) =>
      (await loose(t.db).user.findMany({ where, orderBy: { name: "asc" } })) as { name: string }[];
    const reordered = { b: { d: 3, c: 2 }, a: 1 };
    expect((await names({ settings: reordered })).map((u) => u.name)).toEqual(["User 1"]);
    expect((await names({ settings: { equals: reordered } })).map((u) => u.name)).toEqual(["User 1"]);
    expect((await names({ settings: { not: reordered } })).map((u) => u.name)).toEqual(["User 2"]);
    expect((await names({ settings: { in: [reordered, { x: 1 }] } })).map((u) => u.name)).toEqual(["User 1"]);
    expect(await t.db.user.count({ where: { settings: { equals: { a: 1, b: { c: 2 } } } } })).toBe(0);
    // Arrays keep their order: a different order is a different value.
    await t.db.user.create({ data: userData(3, { settings: [1, 2] }) });
    expect(await t.db.user.count({ where: { settings: { equals: [2, 1] } } })).toBe(0);
    expect(await t.db.user.count({ where: { settings: { equals: [1, 2] } } })).toBe(1);
  });

  it('a "__proto__" key stays a key and round-trips', async () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Json;
    const row = await t.db.user.create({ data: userData(1, { settings: value }) });
    const read = await t.db.user.findUniqueOrThrow({ where: { id: row.id } });
    expect(Object.keys(read.settings as object)).toEqual(["__proto__", "a"]);
    expect(Object.getPrototypeOf(read.settings)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a Json filter object with operator keys it cannot take is refused before I/O", async () => {
    t.log.clear();
    const cases: [string, object, string][] = [
      ["path + gt", { settings: { path: ["a"], gt: 2 } }, "Json path filters"],
      ["path + equals", { settings: { path: ["a"], equals: 2 } }, "Json path filters"],
      ["gt alone", { settings: { gt: 2 } }, "not available on Json fields"],
      ["equals beside a data key", { settings: { equals: { a: 1 }, a: 1 } }, "mixes filter operators"],
      ["contains", { settings: { contains: "x" } }, "not available on Json fields"],
    ];
    for (const [what, where, message] of cases) {
      const err = await caught(loose(t.db).user.findMany({ where }));
      expect(err, what).toBeInstanceOf(ValidationError);
      expect((err as Error).message, what).toContain(message);
      const del = await caught(loose(t.db).user.deleteMany({ where }));
      expect(del, what).toBeInstanceOf(ValidationError);
    }
    expect(t.log.ops()).toEqual([]);
  });

  it("an object with an operator-named key is compared whole through equals", async () => {
    await t.db.user.create({ data: userData(1, { settings: { gt: 2, path: "p" } }) });
    expect(await t.db.user.count({ where: { settings: { equals: { path: "p", gt: 2 } } } })).toBe(1);
  });
});
