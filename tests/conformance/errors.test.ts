import {
  ForeignKeyViolationError,
  isRetryable,
  StrataError,
  UniqueViolationError,
  type ValidationError,
} from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends, itWith } from "./backends.js";
import { at, caught, type Db, expectValidation, loose, useDb, userData } from "./fixtures.js";

describe.each(backends)("errors ($name)", (backend) => {
  const t = useDb(backend);
  const user = () => loose(t.db).user;

  /** Bad input is refused before any I/O: the driver saw no operation at all. */
  async function refused(work: () => PromiseLike<unknown>, path: (string | number)[]): Promise<ValidationError> {
    t.log.clear();
    const err = await expectValidation(work(), path);
    expect(t.log.ops()).toEqual([]);
    expect(err).toBeInstanceOf(StrataError);
    expect(err.retryable).toBe(false);
    return err;
  }

  it("unknown field in create data", async () => {
    const err = await refused(() => user().create({ data: { ...userData(1), nickname: "x" } }), ["data", "nickname"]);
    expect(err.issues.find((i) => i.path.join(".") === "data.nickname")!.message).toContain("nickname");
    expect(await t.db.user.count()).toBe(0);
  });

  it("unknown field in where (findMany, update, deleteMany, count)", async () => {
    await refused(() => user().findMany({ where: { nickname: "x" } }), ["where", "nickname"]);
    await refused(() => user().update({ where: { id: "a", nope: 1 }, data: { name: "n" } }), ["where", "nope"]);
    await refused(() => user().deleteMany({ where: { OR: [{ name: "a" }, { nope: 1 }] } }), ["where", "OR", 1, "nope"]);
    await refused(() => user().count({ where: { posts: { some: { nope: 1 } } } }), ["where", "posts", "some", "nope"]);
  });

  it("unknown field in update data and in orderBy / select", async () => {
    await refused(() => user().updateMany({ data: { nickname: "x" } }), ["data", "nickname"]);
    await refused(() => user().findMany({ orderBy: { nickname: "asc" } }), ["orderBy", "nickname"]);
    await refused(() => user().findMany({ select: { id: true, nickname: true } }), ["select", "nickname"]);
    await refused(() => user().findMany({ include: { friends: true } }), ["include", "friends"]);
  });

  it("wrong value types, in data and in where", async () => {
    await refused(() => user().create({ data: { ...userData(1), name: 42 } }), ["data", "name"]);
    await refused(() => user().create({ data: { ...userData(1), age: 1.5 } }), ["data", "age"]);
    await refused(() => user().create({ data: { ...userData(1), createdAt: "2024-01-01" } }), ["data", "createdAt"]);
    await refused(
      () => user().create({ data: { ...userData(1), createdAt: new Date("nope") } }),
      ["data", "createdAt"],
    );
    await refused(() => user().create({ data: { ...userData(1), active: "yes" } }), ["data", "active"]);
    await refused(() => user().create({ data: { ...userData(1), balance: 1.5 } }), ["data", "balance"]);
    await refused(() => user().create({ data: { ...userData(1), avatar: [1, 2] } }), ["data", "avatar"]);
    await refused(() => user().findMany({ where: { age: "ten" } }), ["where", "age"]);
    await refused(() => user().findMany({ where: { age: { gt: "ten" } } }), ["where", "age", "gt"]);
    await refused(() => user().findMany({ where: { name: { in: ["a", 2] } } }), ["where", "name", "in", 1]);
  });

  it("missing required fields, and null for a required field", async () => {
    const err = await refused(() => user().create({ data: { email: "a@x.io" } }), ["data", "name"]);
    expect(err.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["data.name", "data.role"]));
    await refused(() => user().create({ data: { ...userData(1), name: null } }), ["data", "name"]);
    await refused(() => user().update({ where: { id: "x" }, data: { email: null } }), ["data", "email"]);
    await refused(() => loose(t.db).post.create({ data: { title: "t", createdAt: at(0) } }), ["data", "authorId"]);
  });

  it("invalid enum values", async () => {
    await refused(() => user().create({ data: { ...userData(1), role: "owner" } }), ["data", "role"]);
    await refused(() => user().findMany({ where: { role: "owner" } }), ["where", "role"]);
    await refused(() => user().findMany({ where: { role: { in: ["admin", "owner"] } } }), ["where", "role", "in", 1]);
    await refused(() => user().updateMany({ data: { role: { set: "Admin" } } }), ["data", "role", "set"]);
  });

  it("an operator the field's type does not have", async () => {
    const err = await refused(
      () => user().findMany({ where: { age: { contains: "1" } } }),
      ["where", "age", "contains"],
    );
    expect(err.issues[0]!.message).toMatch(/contains/);
    await refused(() => user().findMany({ where: { active: { gt: true } } }), ["where", "active", "gt"]);
    await refused(() => user().findMany({ where: { name: { like: "a%" } } }), ["where", "name", "like"]);
    await refused(() => user().findMany({ where: { name: { isNull: true } } }), ["where", "name", "isNull"]);
    await refused(() => user().findMany({ where: { posts: { is: {} } } }), ["where", "posts", "is"]);
    await refused(
      () => user().update({ where: { id: "x" }, data: { name: { increment: 1 } } }),
      ["data", "name", "increment"],
    );
  });

  it("ordering by a Json field is refused (Json fields are not orderable)", async () => {
    await refused(() => user().findMany({ orderBy: { settings: "asc" } }), ["orderBy", "settings"]);
  });

  it("bad query arguments: unknown argument, negative take, select beside include, non-unique where", async () => {
    await refused(() => user().findMany({ limit: 5 }), ["limit"]);
    await refused(() => user().findMany({ take: -1 }), ["take"]);
    await refused(() => user().findMany({ skip: 1.5 }), ["skip"]);
    await refused(() => user().findMany({ orderBy: { name: "up" } }), ["orderBy", "name"]);
    await refused(() => user().findMany({ select: { id: true }, include: { posts: true } }), []);
    await refused(() => user().findUnique({ where: { name: "Ann" } }), ["where"]);
    await refused(() => user().delete({ where: { role: "admin" } }), ["where"]);
  });

  it("a shape that ran before with good values still validates new values", async () => {
    // The plan (and any argument-shape cache) is keyed by shape; values must be checked on every call.
    const u = await t.db.user.create({ data: userData(1) });
    await t.db.user.findMany({ where: { role: "admin", age: { gt: 1 }, createdAt: { lt: new Date() } } });
    await t.db.user.update({ where: { id: u.id }, data: { name: "n", age: 3 } });
    await t.db.user.findMany({ where: { name: { in: ["a", "b"] } } });
    await refused(
      () => user().findMany({ where: { role: "owner", age: { gt: 1 }, createdAt: { lt: new Date() } } }),
      ["where", "role"],
    );
    await refused(
      () => user().findMany({ where: { role: "admin", age: { gt: 1.5 }, createdAt: { lt: new Date() } } }),
      ["where", "age", "gt"],
    );
    await refused(
      () => user().findMany({ where: { role: "admin", age: { gt: 1 }, createdAt: { lt: "2024" } } }),
      ["where", "createdAt", "lt"],
    );
    await refused(() => user().update({ where: { id: u.id }, data: { name: null, age: 3 } }), ["data", "name"]);
    await refused(() => user().update({ where: { id: u.id }, data: { name: "n", age: "3" } }), ["data", "age"]);
    await refused(() => user().findMany({ where: { name: { in: ["a", 2] } } }), ["where", "name", "in", 1]);
    await refused(() => user().create({ data: { ...userData(2), role: "owner" } }), ["data", "role"]);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).name).toBe("n");
  });

  it("all problems are reported together", async () => {
    const err = await refused(
      () => user().create({ data: { email: 1, role: "owner", nickname: "x" } }),
      ["data", "email"],
    );
    expect(err.issues.map((i) => i.path.join(".")).sort()).toEqual(
      ["data.email", "data.name", "data.nickname", "data.role"].sort(),
    );
    expect(err.message).toContain("data.role");
  });

  it("duplicate unique value → UniqueViolationError naming model and field", async () => {
    await t.db.user.create({ data: userData(1) });
    const err = await caught(t.db.user.create({ data: userData(1, { name: "other" }) }));
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect(err).toBeInstanceOf(StrataError);
    const u = err as UniqueViolationError;
    expect(u.model).toBe("User");
    expect(u.fields).toContain("email");
    expect(u.code).toBe("UNIQUE_VIOLATION");
    expect(isRetryable(u)).toBe(false);
    expect(u.message).not.toContain("user1@x.io");
    expect(await t.db.user.count()).toBe(1);
  });

  it("duplicate id → UniqueViolationError naming the id field", async () => {
    await t.db.user.create({ data: userData(1, { id: "same" }) });
    const err = await caught(t.db.user.create({ data: userData(2, { id: "same" }) }));
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect((err as UniqueViolationError).model).toBe("User");
    expect((err as UniqueViolationError).fields).toContain("id");
  });

  it("a unique field of another model reports that model", async () => {
    const u = await t.db.user.create({ data: userData(1) });
    await t.db.profile.create({ data: { userId: u.id, bio: "a" } });
    const err = await caught(t.db.profile.create({ data: { userId: u.id, bio: "b" } }));
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect((err as UniqueViolationError).model).toBe("Profile");
    expect((err as UniqueViolationError).fields).toContain("userId");
  });

  itWith(t.capability, "foreignKeys", "a foreign key to a missing row → ForeignKeyViolationError", async () => {
    const err = await caught(t.db.post.create({ data: { authorId: "no-such-user", title: "t", createdAt: at(0) } }));
    expect(err).toBeInstanceOf(ForeignKeyViolationError);
    expect(err).toBeInstanceOf(StrataError);
    expect((err as ForeignKeyViolationError).code).toBe("FOREIGN_KEY_VIOLATION");
    expect((err as ForeignKeyViolationError).model).toBe("Post");
    expect(await t.db.post.count()).toBe(0);
  });

  itWith(t.capability, "foreignKeys", "createMany with one dangling foreign key writes nothing", async () => {
    const u = await t.db.user.create({ data: userData(1) });
    const row = (authorId: string, title: string) => ({ authorId, title, createdAt: at(0) });
    const err = await caught(t.db.post.createMany({ data: [row(u.id, "a"), row("missing", "b"), row(u.id, "c")] }));
    expect(err).toBeInstanceOf(ForeignKeyViolationError);
    expect(await t.db.post.count()).toBe(0);
  });

  itWith(
    t.capability,
    "foreignKeys",
    "updating a foreign key to a missing row, or deleting a referenced row → ForeignKeyViolationError",
    async () => {
      const u = await t.db.user.create({ data: userData(1) });
      const p = await t.db.post.create({ data: { authorId: u.id, title: "t", createdAt: at(0) } });
      expect(await caught(t.db.post.update({ where: { id: p.id }, data: { authorId: "missing" } }))).toBeInstanceOf(
        ForeignKeyViolationError,
      );
      expect(await caught(t.db.user.delete({ where: { id: u.id } }))).toBeInstanceOf(ForeignKeyViolationError);
      expect(await t.db.user.count()).toBe(1);
      expect((await t.db.post.findUniqueOrThrow({ where: { id: p.id } })).authorId).toBe(u.id);
    },
  );
});

/** Compile-time only (never called): the generated types refuse the input the runtime refuses. */
export function typeLevelRefusals(db: Db): void {
  const data = userData(1);
  // @ts-expect-error unknown field in data
  void db.user.create({ data: { ...data, nickname: "x" } });
  // @ts-expect-error unknown field in where
  void db.user.findMany({ where: { nickname: "x" } });
  // @ts-expect-error wrong value type
  void db.user.findMany({ where: { age: "ten" } });
  // @ts-expect-error invalid enum value
  void db.user.create({ data: { ...data, role: "owner" } });
  // @ts-expect-error missing required field (role)
  void db.user.create({ data: { email: "a@x.io", name: "A" } });
  // @ts-expect-error contains on an int field
  void db.user.findMany({ where: { age: { contains: "1" } } });
  // @ts-expect-error Json fields are not orderable
  void db.user.findMany({ orderBy: { settings: "asc" } });
  // @ts-expect-error select beside include
  void db.user.findMany({ select: { id: true }, include: { posts: true } });
  // @ts-expect-error findUnique needs a unique field
  void db.user.findUnique({ where: { name: "Ann" } });
}
