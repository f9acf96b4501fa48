import { ArithmeticError, retry, ValidationError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends, itWith } from "./backends.js";
import { caught, loose, useDb, userData } from "./fixtures.js";

const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);
const BIG_MAX = 2n ** 63n - 1n;
const BIG_MIN = -(2n ** 63n);

/**
 * Update arithmetic either gives the exact result or fails with
 * ArithmeticError and leaves the stored value as it was: an int stays within
 * 32 bits, a bigint within 64, a number finite, on every backend.
 */
describe.each(backends)("update arithmetic ($name)", (backend) => {
  const t = useDb(backend);

  async function expectOverflow(work: PromiseLike<unknown>, field: string): Promise<void> {
    const err = await caught(work);
    expect(err, String(err)).toBeInstanceOf(ArithmeticError);
    expect((err as ArithmeticError).retryable).toBe(false);
    expect((err as ArithmeticError).model).toBe("User");
    expect((err as ArithmeticError).field).toBe(field);
    expect((err as Error).message).toContain(field);
  }

  it("an int increment to exactly 2^31 - 1 is stored; one past it is an ArithmeticError and changes nothing", async () => {
    const u = await t.db.user.create({ data: userData(1, { age: INT_MAX - 2 }) });
    expect((await t.db.user.update({ where: { id: u.id }, data: { age: { increment: 2 } } })).age).toBe(INT_MAX);
    await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { age: { increment: 1 } } }), "age");
    await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { age: { increment: INT_MAX } } }), "age");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).age).toBe(INT_MAX);
  });

  it("an int decrement below -2^31 is an ArithmeticError", async () => {
    const u = await t.db.user.create({ data: userData(1, { age: INT_MIN + 1 }) });
    expect((await t.db.user.update({ where: { id: u.id }, data: { age: { decrement: 1 } } })).age).toBe(INT_MIN);
    await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { age: { decrement: 1 } } }), "age");
    // A negative increment is a decrement.
    await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { age: { increment: -1 } } }), "age");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).age).toBe(INT_MIN);
  });

  it("a bigint increment past 2^63 - 1 (or below -2^63) is an ArithmeticError", async () => {
    const u = await t.db.user.create({ data: userData(1, { balance: BIG_MAX - 1n }) });
    expect((await t.db.user.update({ where: { id: u.id }, data: { balance: { increment: 1n } } })).balance).toBe(
      BIG_MAX,
    );
    await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { balance: { increment: 1n } } }), "balance");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).balance).toBe(BIG_MAX);
    await t.db.user.update({ where: { id: u.id }, data: { balance: BIG_MIN } });
    await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { balance: { decrement: 1n } } }), "balance");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).balance).toBe(BIG_MIN);
  });

  it("increment of a NULL value leaves it NULL (as SQL does), beside a field that does change", async () => {
    const u = await t.db.user.create({ data: userData(1, { age: null, balance: null, score: 1 }) });
    const updated = await t.db.user.update({
      where: { id: u.id },
      data: { age: { increment: 1 }, balance: { decrement: 2n }, name: "N" },
    });
    expect(updated).toMatchObject({ age: null, balance: null, name: "N" });
    expect(await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({
      age: null,
      balance: null,
      name: "N",
    });
    const many = await t.db.user.create({ data: userData(2, { age: 5 }) });
    expect(await t.db.user.updateMany({ where: {}, data: { age: { increment: 1 } } })).toEqual({ count: 2 });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).age).toBeNull();
    expect((await t.db.user.findUniqueOrThrow({ where: { id: many.id } })).age).toBe(6);
  });

  it("updateMany whose increment overflows on one row changes no row", async () => {
    const a = await t.db.user.create({ data: userData(1, { age: 1 }) });
    const b = await t.db.user.create({ data: userData(2, { age: INT_MAX }) });
    await expectOverflow(t.db.user.updateMany({ where: {}, data: { age: { increment: 1 } } }), "age");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: a.id } })).age).toBe(1);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: b.id } })).age).toBe(INT_MAX);
  });

  it("an overflow inside a transaction rejects that call; the transaction's other writes roll back with it", async () => {
    const u = await t.db.user.create({ data: userData(1, { age: INT_MAX }) });
    const err = await caught(
      t.db.transaction(async (tx) => {
        await tx.user.update({ where: { id: u.id }, data: { name: "changed" } });
        await tx.user.update({ where: { id: u.id }, data: { age: { increment: 1 } } });
      }),
    );
    expect(err).toBeInstanceOf(ArithmeticError);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({ name: u.name, age: INT_MAX });
  });

  it("8 concurrent increments 4 below the limit: exactly 4 apply, the others are ArithmeticErrors", async () => {
    const u = await t.db.user.create({ data: userData(1, { age: INT_MAX - 4 }) });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        retry(() => t.db.user.update({ where: { id: u.id }, data: { age: { increment: 1 } } }), {
          attempts: 20,
          minDelayMs: 1,
          maxDelayMs: 20,
        }),
      ),
    );
    const applied = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
    expect(applied).toHaveLength(4);
    for (const r of refused) expect(r, String(r)).toBeInstanceOf(ArithmeticError);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).age).toBe(INT_MAX);
  });

  itWith(t.capability, "arithmeticUpdates", "an int multiply past 32 bits is an ArithmeticError", async () => {
    const u = await t.db.user.create({ data: userData(1, { age: 2 ** 16 }) });
    expect((await t.db.user.update({ where: { id: u.id }, data: { age: { multiply: 2 ** 14 } } })).age).toBe(2 ** 30);
    await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { age: { multiply: 2 } } }), "age");
    await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { age: { multiply: -4 } } }), "age");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).age).toBe(2 ** 30);
  });

  itWith(t.capability, "arithmeticUpdates", "-2^31 / -1 on an int and -2^63 / -1 on a bigint overflow", async () => {
    const u = await t.db.user.create({ data: userData(1, { age: INT_MIN, balance: BIG_MIN }) });
    await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { age: { divide: -1 } } }), "age");
    await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { balance: { divide: -1n } } }), "balance");
    expect(await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({
      age: INT_MIN,
      balance: BIG_MIN,
    });
  });

  itWith(t.capability, "arithmeticUpdates", "a bigint multiply past 64 bits is an ArithmeticError", async () => {
    const u = await t.db.user.create({ data: userData(1, { balance: 2n ** 62n }) });
    await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { balance: { multiply: 2n } } }), "balance");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).balance).toBe(2n ** 62n);
  });

  itWith(
    t.capability,
    "arithmeticUpdates",
    "a number multiplied past the largest double is an ArithmeticError",
    async () => {
      const u = await t.db.user.create({ data: userData(1, { score: 1e308 }) });
      await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { score: { multiply: 10 } } }), "score");
      await expectOverflow(t.db.user.update({ where: { id: u.id }, data: { score: { multiply: -10 } } }), "score");
      expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).score).toBe(1e308);
    },
  );

  it("divide by zero is refused before I/O, on every field type", async () => {
    const u = await t.db.user.create({ data: userData(1, { age: 1, score: 1, balance: 1n }) });
    t.log.clear();
    const divisors: [string, Record<string, unknown>][] = [
      ["age / 0", { age: { divide: 0 } }],
      ["score / 0", { score: { divide: 0 } }],
      ["score / -0", { score: { divide: -0 } }],
      ["balance / 0n", { balance: { divide: 0n } }],
    ];
    for (const [what, data] of divisors) {
      const err = await caught(loose(t.db).user.update({ where: { id: u.id }, data }));
      expect(err, what).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toContain("cannot divide by zero");
    }
    expect(t.log.ops()).toEqual([]);
  });

  it("a non-finite or non-integer operand is refused before I/O", async () => {
    const u = await t.db.user.create({ data: userData(1, { age: 1, score: 1 }) });
    t.log.clear();
    for (const data of [
      { score: { increment: Number.POSITIVE_INFINITY } },
      { score: { multiply: Number.NaN } },
      { age: { increment: 1.5 } },
      { age: { increment: 2 ** 31 } },
    ]) {
      const err = await caught(loose(t.db).user.update({ where: { id: u.id }, data }));
      expect(err, JSON.stringify(data)).toBeInstanceOf(ValidationError);
    }
    expect(t.log.ops()).toEqual([]);
  });
});
