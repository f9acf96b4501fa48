import { UniqueViolationError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends } from "./backends.js";
import { at, caught, useDb, userData } from "./fixtures.js";

describe.each(backends)("upsert ($name)", (backend) => {
  const t = useDb(backend);

  it("creates the row when no row matches the unique where", async () => {
    await t.db.user.create({ data: userData(9) });
    const u = await t.db.user.upsert({
      where: { email: "new@x.io" },
      create: { email: "new@x.io", name: "Created", role: "admin", age: 5 },
      update: { name: "Updated" },
    });
    expect(u).toEqual(expect.objectContaining({ email: "new@x.io", name: "Created", role: "admin", age: 5 }));
    expect(typeof u.id).toBe("string");
    expect(u.active).toBe(true);
    expect(await t.db.user.findUnique({ where: { email: "new@x.io" } })).toEqual(u);
    expect(await t.db.user.count()).toBe(2);
  });

  it("updates the existing row when the unique where matches", async () => {
    const existing = await t.db.user.create({ data: userData(1, { name: "Old", age: 7 }) });
    const u = await t.db.user.upsert({
      where: { email: "user1@x.io" },
      create: { email: "user1@x.io", name: "Created", role: "member" },
      update: { name: "Updated", age: { increment: 1 } },
    });
    expect(u).toEqual({ ...existing, name: "Updated", age: 8 });
    expect(await t.db.user.count()).toBe(1);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: existing.id } })).toEqual(u);
  });

  it("upsert by id, twice: first creates, then updates", async () => {
    const args = {
      where: { id: "fixed-id" },
      create: { id: "fixed-id", email: "f@x.io", name: "first", role: "member" as const },
      update: { name: "second" },
    };
    const first = await t.db.user.upsert(args);
    expect(first.name).toBe("first");
    const second = await t.db.user.upsert(args);
    expect(second).toEqual({ ...first, name: "second" });
    expect(await t.db.user.count()).toBe(1);
  });

  it("upsert with an empty update returns the existing row unchanged", async () => {
    const existing = await t.db.user.create({ data: userData(1) });
    const u = await t.db.user.upsert({ where: { id: existing.id }, create: userData(1), update: {} });
    expect(u).toEqual(existing);
  });

  it("upsert applies select and include on both paths", async () => {
    const author = await t.db.user.create({ data: userData(1) });
    const create = { id: "p1", authorId: author.id, title: "new", createdAt: at(1) };
    const created = await t.db.post.upsert({
      where: { id: "p1" },
      create,
      update: { title: "upd" },
      select: { title: true, author: { select: { email: true } } },
    });
    expect(created).toEqual({ title: "new", author: { email: "user1@x.io" } });
    const updated = await t.db.post.upsert({
      where: { id: "p1" },
      create,
      update: { title: "upd", views: { increment: 3 } },
      include: { author: true },
    });
    expect(updated).toEqual(expect.objectContaining({ id: "p1", title: "upd", views: 3, author }));
  });

  it("upsert's create path reports a unique clash on another field", async () => {
    await t.db.user.create({ data: userData(1) });
    const err = await caught(
      t.db.user.upsert({
        where: { id: "other" },
        create: { id: "other", email: "user1@x.io", name: "dup", role: "member" },
        update: {},
      }),
    );
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect((err as UniqueViolationError).fields).toContain("email");
    expect(await t.db.user.count()).toBe(1);
  });
});
