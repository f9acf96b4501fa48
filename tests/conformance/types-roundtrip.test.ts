import type { Json } from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends, itWith } from "./backends.js";
import { useDb } from "./fixtures.js";
import type { UserCreateInput } from "./generated/index.js";

const settings: Json = {
  theme: "dark",
  nested: { list: [1, 2.5, -3, { deep: [true, false, null] }], empty: {}, none: [] },
  unicode: "naïve ☃ 🚀",
  quote: 'it\'s "quoted" \\ back',
  big: 1e300,
};

const full: UserCreateInput = {
  id: "full",
  email: "full@x.io",
  name: "Zoë 🚀 'quoted' \"double\" \\ % _",
  age: -2147483648,
  score: 0.1 + 0.2,
  role: "admin",
  active: false,
  createdAt: new Date("2024-02-29T23:59:59.999Z"),
  settings,
  balance: 2n ** 62n + 1n,
  avatar: new Uint8Array([0, 1, 127, 128, 254, 255, 0]),
};

const nulls: UserCreateInput = {
  id: "nulls",
  email: "nulls@x.io",
  name: "",
  age: null,
  score: null,
  role: "member",
  active: true,
  createdAt: new Date(0),
  settings: null,
  balance: null,
  avatar: null,
};

describe.each(backends)("types round-trip ($name)", (backend) => {
  const t = useDb(backend);

  it("every field type comes back exactly as written (create's result and a later read)", async () => {
    const created = await t.db.user.create({ data: full });
    const read = await t.db.user.findUniqueOrThrow({ where: { id: "full" } });
    for (const row of [created, read]) {
      expect(row).toEqual(full);
      expect(row.createdAt).toBeInstanceOf(Date);
      expect(row.createdAt.getTime()).toBe(full.createdAt!.getTime());
      expect(row.createdAt.getUTCMilliseconds()).toBe(999);
      expect(typeof row.balance).toBe("bigint");
      expect(row.balance).toBe(2n ** 62n + 1n);
      expect(row.avatar).toBeInstanceOf(Uint8Array);
      expect([...row.avatar!]).toEqual([0, 1, 127, 128, 254, 255, 0]);
      expect(row.score).toBe(0.1 + 0.2);
      expect(row.age).toBe(-2147483648);
      expect(row.active).toBe(false);
      expect(row.role).toBe("admin");
      expect(row.settings).toEqual(settings);
    }
  });

  it("nullable fields come back as null, never undefined; empty strings stay empty", async () => {
    const created = await t.db.user.create({ data: nulls });
    const read = await t.db.user.findUniqueOrThrow({ where: { id: "nulls" } });
    for (const row of [created, read]) {
      expect(row).toEqual(nulls);
      for (const key of ["age", "score", "settings", "balance", "avatar"] as const) {
        expect(key in row).toBe(true);
        expect(row[key]).toBeNull();
      }
      expect(row.name).toBe("");
      expect(row.createdAt.getTime()).toBe(0);
      expect(row.active).toBe(true);
    }
  });

  it("values survive createMany, findMany, update and filters on the same value", async () => {
    await t.db.user.createMany({ data: [full, nulls] });
    const rows = await t.db.user.findMany({ orderBy: { email: "asc" } });
    expect(rows).toEqual([full, nulls]);
    expect((await t.db.user.findFirstOrThrow({ where: { balance: 2n ** 62n + 1n } })).id).toBe("full");
    expect(await t.db.user.count({ where: { balance: 2n ** 62n } })).toBe(0);
    expect((await t.db.user.findFirstOrThrow({ where: { createdAt: full.createdAt! } })).id).toBe("full");
    expect((await t.db.user.findFirstOrThrow({ where: { avatar: full.avatar! } })).id).toBe("full");
    expect((await t.db.user.findFirstOrThrow({ where: { settings: { equals: settings } } })).id).toBe("full");
    expect((await t.db.user.findFirstOrThrow({ where: { name: full.name } })).id).toBe("full");
    const updated = await t.db.user.update({
      where: { id: "nulls" },
      data: { ...full, id: "nulls", email: "n2@x.io" },
    });
    expect(updated).toEqual({ ...full, id: "nulls", email: "n2@x.io" });
    const back = await t.db.user.update({ where: { id: "nulls" }, data: { ...nulls } });
    expect(back).toEqual(nulls);
  });

  it("update sets every nullable type back to a real NULL (isNull finds it)", async () => {
    await t.db.user.create({ data: full });
    const cleared = await t.db.user.update({
      where: { id: "full" },
      data: { age: null, score: null, settings: null, balance: null, avatar: { set: null } },
    });
    expect(cleared).toEqual({ ...full, age: null, score: null, settings: null, balance: null, avatar: null });
    for (const field of ["age", "score", "settings", "balance", "avatar"] as const) {
      expect(await t.db.user.count({ where: { [field]: { isNull: true } } })).toBe(1);
    }
  });

  it("bigint edges: the int64 range ends, negatives, and small values come back as bigint", async () => {
    const values = [-(2n ** 63n), 2n ** 63n - 1n, -1n, 0n, 2n ** 53n + 1n];
    await t.db.user.createMany({
      data: values.map((balance, i) => ({ email: `b${i}@x.io`, name: `b${i}`, role: "member", balance })),
    });
    const rows = await t.db.user.findMany({ orderBy: { balance: "asc" } });
    expect(rows.map((r) => r.balance)).toEqual([...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const small = await t.db.user.create({ data: { email: "s@x.io", name: "s", role: "member", balance: 5n } });
    expect(small.balance).toBe(5n);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: small.id } })).balance).toBe(5n);
  });

  it("Date edges: before the epoch, far future, and millisecond precision in order", async () => {
    const dates = [
      new Date("1969-07-20T20:17:40.001Z"),
      new Date("2999-12-31T23:59:59.999Z"),
      new Date(1),
      new Date(2),
    ];
    await t.db.user.createMany({
      data: dates.map((createdAt, i) => ({ email: `d${i}@x.io`, name: `d${i}`, role: "member", createdAt })),
    });
    const rows = await t.db.user.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.createdAt.toISOString())).toEqual(
      [...dates].sort((a, b) => a.getTime() - b.getTime()).map((d) => d.toISOString()),
    );
  });

  it("Json top-level scalars and arrays round-trip", async () => {
    const values: Json[] = [[1, "two", { three: 3 }], "just a string", 42, true, { a: { b: { c: { d: [] } } } }];
    for (const [i, value] of values.entries()) {
      const row = await t.db.user.create({ data: { email: `j${i}@x.io`, name: "j", role: "member", settings: value } });
      expect(row.settings).toEqual(value);
      expect((await t.db.user.findUniqueOrThrow({ where: { id: row.id } })).settings).toEqual(value);
    }
  });

  it("long strings round-trip and match equality (100 KB and ~300 KB of multi-byte text)", async () => {
    // MySQL's TEXT stops at 65,535 bytes; string fields are LONGTEXT there. DynamoDB's item limit is 400 KB.
    const texts = ["x".repeat(100_000), "é☃🚀".repeat(33_000)];
    for (const [i, name] of texts.entries()) {
      const row = await t.db.user.create({ data: { email: `long${i}@x.io`, name, role: "member" } });
      expect(row.name).toBe(name);
      expect((await t.db.user.findUniqueOrThrow({ where: { id: row.id } })).name).toBe(name);
      expect(await t.db.user.count({ where: { name } })).toBe(1);
    }
    expect(Buffer.byteLength(texts[1]!)).toBeGreaterThan(290_000);
  });

  it("bytes: empty and large arrays round-trip", async () => {
    const large = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const a = await t.db.user.create({
      data: { email: "e@x.io", name: "e", role: "member", avatar: new Uint8Array() },
    });
    const b = await t.db.user.create({ data: { email: "l@x.io", name: "l", role: "member", avatar: large } });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: a.id } })).avatar).toEqual(new Uint8Array());
    const readLarge = (await t.db.user.findUniqueOrThrow({ where: { id: b.id } })).avatar!;
    expect(readLarge.length).toBe(100_000);
    expect(Buffer.from(readLarge).equals(Buffer.from(large))).toBe(true);
  });

  itWith(t.capability, "fullDoubleRange", "doubles keep full precision; ints stay integers", async () => {
    const scores = [Number.MAX_VALUE, Number.MIN_VALUE, -0.5, 1 / 3, Number.MAX_SAFE_INTEGER];
    for (const [i, score] of scores.entries()) {
      const row = await t.db.user.create({ data: { email: `n${i}@x.io`, name: "n", role: "member", score, age: i } });
      const read = await t.db.user.findUniqueOrThrow({ where: { id: row.id } });
      expect(read.score).toBe(score);
      expect(read.age).toBe(i);
      expect(Number.isInteger(read.age)).toBe(true);
    }
  });
});
