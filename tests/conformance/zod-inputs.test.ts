import type { Json, ValidationError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends } from "./backends.js";
import { expectValidation, loose, useDb, userData } from "./fixtures.js";
import { inputSchemas, PostUpdateInput, UserCreateInput, UserUpdateInput } from "./generated/index.js";

/** Every field type at its edges, as the round-trip file writes them. */
const settings: Json = { nested: { list: [1, 2.5, { deep: [true, null] }], empty: {} }, s: "naïve ☃" };
const full: UserCreateInput = {
  id: "full",
  email: "full@x.io",
  name: "Zoë",
  age: -2147483648,
  score: 0.1 + 0.2,
  role: "admin",
  active: false,
  createdAt: new Date("2024-02-29T23:59:59.999Z"),
  settings,
  balance: 2n ** 53n + 1n,
  avatar: new Uint8Array([0, 1, 255]),
};

describe("generated zod input schemas (no database)", () => {
  it("accept every field type at its edges, and the parsed data keeps the values", () => {
    const parsed = UserCreateInput.parse(full);
    expect(parsed).toEqual(full);
    expect(parsed.createdAt?.getUTCMilliseconds()).toBe(999);
    expect(parsed.balance).toBe(2n ** 53n + 1n);
    expect(UserCreateInput.safeParse({ ...full, balance: 2n ** 63n - 1n, age: 2147483647 }).success).toBe(true);
    expect(UserUpdateInput.safeParse({ age: { increment: 1 }, balance: { set: null }, settings: null }).success).toBe(
      true,
    );
  });

  it("refuse each bad value with a zod issue at the field", () => {
    const bad: [string, unknown][] = [
      ["createdAt", new Date("nope")],
      ["createdAt", "2024-01-01"],
      ["balance", 2n ** 63n],
      ["balance", 5],
      ["age", 2 ** 31],
      ["age", 1.5],
      ["score", Number.POSITIVE_INFINITY],
      ["avatar", [1, 2]],
      ["settings", { fn: () => 1 }],
      ["role", "owner"],
      ["active", "yes"],
    ];
    for (const [field, value] of bad) {
      const result = UserCreateInput.safeParse({ ...full, [field]: value });
      expect(result.success, `${field}: ${String(value)}`).toBe(false);
      expect(result.error?.issues[0]?.path[0]).toBe(field);
    }
  });

  it("are handed to the engine for every model", () => {
    expect(Object.keys(inputSchemas).sort()).toEqual(["Comment", "Post", "Profile", "Tally", "User"]);
    expect(inputSchemas.Post.update).toBe(PostUpdateInput);
  });
});

describe.each(backends)("zod inputs on writes ($name)", (backend) => {
  const t = useDb(backend);
  const user = () => loose(t.db).user;

  /** Refused with zod's issues (they carry a code; the engine's own ones do not), before any I/O. */
  async function refusedByZod(work: () => PromiseLike<unknown>, path: (string | number)[]): Promise<ValidationError> {
    t.log.clear();
    const err = await expectValidation(work(), path);
    expect(t.log.ops()).toEqual([]);
    const issue = err.issues.find((i) => i.path.join(".") === path.join("."));
    expect(issue?.code).toEqual(expect.any(String));
    return err;
  }

  it("every field type round-trips through the validated create", async () => {
    const created = await t.db.user.create({ data: full });
    expect(created).toEqual(full);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: "full" } })).toEqual(full);
  });

  it("create: bad values of each type are refused at data.<field>", async () => {
    await refusedByZod(
      () => user().create({ data: { ...userData(1), createdAt: new Date("nope") } }),
      ["data", "createdAt"],
    );
    await refusedByZod(() => user().create({ data: { ...userData(1), balance: 2n ** 63n } }), ["data", "balance"]);
    await refusedByZod(() => user().create({ data: { ...userData(1), avatar: "AAE=" } }), ["data", "avatar"]);
    // The path goes into a Json value down to the part that is not JSON.
    await refusedByZod(
      () => user().create({ data: { ...userData(1), settings: { d: new Date() } } }),
      ["data", "settings", "d"],
    );
    const err = await refusedByZod(
      () => user().create({ data: { ...userData(1), nickname: "x" } }),
      ["data", "nickname"],
    );
    expect(err.issues[0]?.message).toBe('unknown field "nickname"');
    expect(err.message).toMatch(/^user\.create: invalid input/);
    expect(await t.db.user.count()).toBe(0);
  });

  it("messages say what was expected: required, the enum's values, the int range, the type", async () => {
    const message = async (data: Record<string, unknown>, path: (string | number)[]) =>
      (await expectValidation(loose(t.db).user.create({ data }), path)).message;
    const base = { email: "m@x.io", name: "M", role: "member" };
    expect(await message({ email: "m@x.io", role: "member" }, ["data", "name"])).toMatch(/data\.name: required/);
    expect(await message({ ...base, role: "boss" }, ["data", "role"])).toMatch(
      /expected one of "admin", "member", got "boss"/,
    );
    expect(await message({ ...base, age: 2 ** 31 }, ["data", "age"])).toMatch(
      /expected at most 2147483647 \(int fields are 32-bit; use a bigint field/,
    );
    expect(await message({ ...base, createdAt: "2024-01-01" }, ["data", "createdAt"])).toMatch(
      /expected a valid Date, got "2024-01-01"/,
    );
    expect(await message({ ...base, settings: new Map() }, ["data", "settings"])).toMatch(
      /expected a string, .* or an object literal, got an object \(Map\)/,
    );
    const update = await expectValidation(loose(t.db).user.updateMany({ data: { age: { increment: "x" } } }), [
      "data",
      "age",
      "increment",
    ]);
    expect(update.message).toMatch(/expected a number, got "x"/);
    expect(await t.db.user.count()).toBe(0);
  });

  it("createMany: the row index is in the path, and no row is written", async () => {
    const rows = [0, 1, 2, 3].map((i) => userData(i));
    const err = await refusedByZod(
      () => user().createMany({ data: rows.map((r, i) => (i === 3 ? { ...r, email: 7 } : r)) }),
      ["data", 3, "email"],
    );
    expect(err.issues.map((i) => i.path.join("."))).toEqual(["data.3.email"]);
    expect(await t.db.user.count()).toBe(0);
  });

  it("update, updateMany and upsert: data, create and update are each checked", async () => {
    const u = await t.db.user.create({ data: userData(1) });
    await refusedByZod(
      () => user().update({ where: { id: u.id }, data: { age: { increment: 1.5 } } }),
      ["data", "age", "increment"],
    );
    await refusedByZod(() => user().updateMany({ data: { role: { set: "owner" } } }), ["data", "role", "set"]);
    await refusedByZod(() => user().update({ where: { id: u.id }, data: { name: null } }), ["data", "name"]);
    const upsert = { where: { id: u.id }, create: userData(2), update: { visits: 1 } };
    await refusedByZod(() => user().upsert({ ...upsert, create: { ...userData(2), role: 1 } }), ["create", "role"]);
    await refusedByZod(() => user().upsert(upsert), ["update", "visits"]);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).toEqual(u);
  });

  it("reads are not run through zod: a bad where value is the engine's own issue", async () => {
    const err = await expectValidation(user().findMany({ where: { age: "ten" } }), ["where", "age"]);
    expect(err.issues[0]?.code).toBeUndefined();
  });
});
