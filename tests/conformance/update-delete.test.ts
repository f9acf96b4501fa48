import { NotFoundError, UniqueViolationError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends, itWith } from "./backends.js";
import { at, caught, sorted, useDb, userData } from "./fixtures.js";

describe.each(backends)("update and delete ($name)", (backend) => {
  const t = useDb(backend);

  it("update by id returns the updated row and stores it", async () => {
    const u = await t.db.user.create({ data: userData(1, { age: 20 }) });
    const updated = await t.db.user.update({ where: { id: u.id }, data: { name: "B", age: null, role: "admin" } });
    expect(updated).toEqual({ ...u, name: "B", age: null, role: "admin" });
    expect(await t.db.user.findUnique({ where: { id: u.id } })).toEqual(updated);
  });

  it("update by a unique field, with { set } values", async () => {
    const u = await t.db.user.create({ data: userData(1) });
    const updated = await t.db.user.update({
      where: { email: "user1@x.io" },
      data: { name: { set: "Set" }, createdAt: { set: at(7) }, balance: { set: 9n } },
    });
    expect(updated.id).toBe(u.id);
    expect(updated.name).toBe("Set");
    expect(updated.createdAt.getTime()).toBe(at(7).getTime());
    expect(updated.balance).toBe(9n);
  });

  it("increment and decrement an int field (the visits example)", async () => {
    const u = await t.db.user.create({ data: userData(1, { age: 10 }) });
    expect((await t.db.user.update({ where: { id: u.id }, data: { age: { increment: 1 } } })).age).toBe(11);
    expect((await t.db.user.update({ where: { id: u.id }, data: { age: { decrement: 5 } } })).age).toBe(6);
    expect((await t.db.user.update({ where: { id: u.id }, data: { name: "B", age: { increment: 4 } } })).age).toBe(10);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).age).toBe(10);
  });

  itWith(
    t.capability,
    "arithmeticUpdates",
    "multiply and divide a double field; increment a bigint beyond 2^53",
    async () => {
      const u = await t.db.user.create({ data: userData(1, { score: 1.5, balance: 2n ** 62n }) });
      expect((await t.db.user.update({ where: { id: u.id }, data: { score: { multiply: 3 } } })).score).toBe(4.5);
      expect((await t.db.user.update({ where: { id: u.id }, data: { score: { divide: 2 } } })).score).toBe(2.25);
      const b = await t.db.user.update({ where: { id: u.id }, data: { balance: { increment: 1n } } });
      expect(b.balance).toBe(2n ** 62n + 1n);
    },
  );

  itWith(
    t.capability,
    "arithmeticUpdates",
    "divide on an int field keeps it an integer (truncated toward zero)",
    async () => {
      const u = await t.db.user.create({ data: userData(1, { age: 7 }) });
      const divided = await t.db.user.update({ where: { id: u.id }, data: { age: { divide: 2 } } });
      expect(divided.age).toBe(3);
      expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).age).toBe(3);
      const neg = await t.db.user.update({ where: { id: u.id }, data: { age: { set: -7 } } });
      expect(neg.age).toBe(-7);
      expect((await t.db.user.update({ where: { id: u.id }, data: { age: { divide: 2 } } })).age).toBe(-3);
    },
  );

  it("update with select and include shapes the result", async () => {
    const u = await t.db.user.create({ data: userData(1) });
    await t.db.post.create({ data: { authorId: u.id, title: "T", createdAt: at(1) } });
    const s = await t.db.user.update({ where: { id: u.id }, data: { name: "N" }, select: { name: true } });
    expect(s).toEqual({ name: "N" });
    const i = await t.db.user.update({ where: { id: u.id }, data: { name: "M" }, include: { posts: true } });
    expect(i.name).toBe("M");
    expect(i.posts.map((p) => p.title)).toEqual(["T"]);
  });

  it("update of a missing row throws NotFoundError and changes nothing", async () => {
    await t.db.user.create({ data: userData(1) });
    const err = await caught(t.db.user.update({ where: { id: "missing" }, data: { name: "X" } }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).model).toBe("User");
    expect(await t.db.user.count({ where: { name: "X" } })).toBe(0);
  });

  it("update where the extra filter does not match throws NotFoundError", async () => {
    const u = await t.db.user.create({ data: userData(1, { name: "A" }) });
    const err = await caught(t.db.user.update({ where: { id: u.id, name: "not-A" }, data: { name: "X" } }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).name).toBe("A");
  });

  it("update to a taken unique value throws UniqueViolationError", async () => {
    await t.db.user.create({ data: userData(1) });
    const b = await t.db.user.create({ data: userData(2) });
    const err = await caught(t.db.user.update({ where: { id: b.id }, data: { email: "user1@x.io" } }));
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect((err as UniqueViolationError).model).toBe("User");
    expect((err as UniqueViolationError).fields).toContain("email");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: b.id } })).email).toBe("user2@x.io");
  });

  it("updateMany changes only the matching rows and returns { count }", async () => {
    await t.db.user.createMany({ data: [userData(1, { age: 1 }), userData(2, { age: 2 }), userData(3, { age: 3 })] });
    const res = await t.db.user.updateMany({
      where: { age: { gte: 2 } },
      data: { role: "admin", age: { increment: 10 } },
    });
    expect(res).toEqual({ count: 2 });
    const rows = await t.db.user.findMany({ orderBy: { email: "asc" } });
    expect(rows.map((r) => [r.role, r.age])).toEqual([
      ["member", 1],
      ["admin", 12],
      ["admin", 13],
    ]);
  });

  it("updateMany without where updates every row; with no match returns { count: 0 }", async () => {
    await t.db.user.createMany({ data: [userData(1), userData(2)] });
    expect(await t.db.user.updateMany({ where: { name: "nobody" }, data: { name: "x" } })).toEqual({ count: 0 });
    expect(await t.db.user.updateMany({ data: { active: false } })).toEqual({ count: 2 });
    expect(await t.db.user.count({ where: { active: false } })).toBe(2);
  });

  it("delete returns the deleted row and removes it", async () => {
    const a = await t.db.user.create({ data: userData(1) });
    const b = await t.db.user.create({ data: userData(2) });
    expect(await t.db.user.delete({ where: { id: a.id } })).toEqual(a);
    expect(await t.db.user.findUnique({ where: { id: a.id } })).toBeNull();
    expect((await t.db.user.findMany()).map((u) => u.id)).toEqual([b.id]);
  });

  it("delete by a unique field, with select", async () => {
    await t.db.user.create({ data: userData(1) });
    expect(await t.db.user.delete({ where: { email: "user1@x.io" }, select: { email: true } })).toEqual({
      email: "user1@x.io",
    });
    expect(await t.db.user.count()).toBe(0);
  });

  it("delete with include returns the row with its relations", async () => {
    const u = await t.db.user.create({ data: userData(1) });
    const p = await t.db.post.create({ data: { authorId: u.id, title: "T", createdAt: at(1) } });
    const gone = await t.db.post.delete({ where: { id: p.id }, include: { author: true, comments: true } });
    expect(gone).toEqual({ ...p, author: u, comments: [] });
    expect(await t.db.post.count()).toBe(0);
    expect(await t.db.user.count()).toBe(1);
  });

  it("delete of a missing row throws NotFoundError", async () => {
    await t.db.user.create({ data: userData(1) });
    const err = await caught(t.db.user.delete({ where: { id: "missing" } }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).model).toBe("User");
    expect(await t.db.user.count()).toBe(1);
  });

  it("deleteMany deletes the matching rows and returns { count }", async () => {
    await t.db.user.createMany({ data: [userData(1), userData(2, { role: "admin" }), userData(3, { role: "admin" })] });
    expect(await t.db.user.deleteMany({ where: { role: "admin" } })).toEqual({ count: 2 });
    expect(sorted((await t.db.user.findMany()).map((u) => u.email))).toEqual(["user1@x.io"]);
    expect(await t.db.user.deleteMany({ where: { role: "admin" } })).toEqual({ count: 0 });
    expect(await t.db.user.deleteMany()).toEqual({ count: 1 });
    expect(await t.db.user.count()).toBe(0);
  });
});
