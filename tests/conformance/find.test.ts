import { NotFoundError, StrataError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends, itWith } from "./backends.js";
import { at, caught, useDb, userData } from "./fixtures.js";

describe.each(backends)("find ($name)", (backend) => {
  const t = useDb(backend);

  async function three() {
    const ann = await t.db.user.create({ data: userData(1, { name: "Ann", age: 30, createdAt: at(1) }) });
    const bob = await t.db.user.create({
      data: userData(2, { name: "Bob", age: 20, createdAt: at(2), role: "admin" }),
    });
    const cat = await t.db.user.create({ data: userData(3, { name: "Cat", age: 40, createdAt: at(3) }) });
    return { ann, bob, cat };
  }

  it("findUnique by id returns the row", async () => {
    const { bob } = await three();
    expect(await t.db.user.findUnique({ where: { id: bob.id } })).toEqual(bob);
  });

  it("findUnique by a unique field returns the row", async () => {
    const { cat } = await three();
    expect(await t.db.user.findUnique({ where: { email: "user3@x.io" } })).toEqual(cat);
  });

  it("findUnique returns null when nothing matches", async () => {
    await three();
    expect(await t.db.user.findUnique({ where: { id: "nope" } })).toBeNull();
    expect(await t.db.user.findUnique({ where: { email: "nope@x.io" } })).toBeNull();
  });

  it("findUnique with an extra filter returns null when the extra filter fails", async () => {
    const { ann } = await three();
    expect(await t.db.user.findUnique({ where: { id: ann.id, name: "Ann" } })).toEqual(ann);
    expect(await t.db.user.findUnique({ where: { id: ann.id, name: "Bob" } })).toBeNull();
  });

  it("findUnique by the unique key of a child model", async () => {
    const { ann } = await three();
    const profile = await t.db.profile.create({ data: { userId: ann.id, bio: "hi" } });
    expect(await t.db.profile.findUnique({ where: { userId: ann.id } })).toEqual(profile);
  });

  it("findUniqueOrThrow returns the row or throws NotFoundError naming the model", async () => {
    const { ann } = await three();
    expect(await t.db.user.findUniqueOrThrow({ where: { id: ann.id } })).toEqual(ann);
    const err = await caught(t.db.user.findUniqueOrThrow({ where: { id: "missing" } }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toBeInstanceOf(StrataError);
    expect((err as NotFoundError).model).toBe("User");
    expect((err as NotFoundError).code).toBe("NOT_FOUND");
    expect((err as NotFoundError).retryable).toBe(false);
  });

  it("findFirst honours where and orderBy, and returns null when nothing matches", async () => {
    const { bob, cat } = await three();
    expect(await t.db.user.findFirst({ orderBy: { age: "asc" } })).toEqual(bob);
    expect(await t.db.user.findFirst({ orderBy: { age: "desc" } })).toEqual(cat);
    expect(await t.db.user.findFirst({ where: { role: "member" }, orderBy: { createdAt: "desc" } })).toEqual(cat);
    expect(await t.db.user.findFirst({ where: { name: "Zed" } })).toBeNull();
  });

  it("findFirst with skip returns the row after the skipped ones", async () => {
    const { ann } = await three();
    expect(await t.db.user.findFirst({ orderBy: { age: "asc" }, skip: 1 })).toEqual(ann);
  });

  it("findFirstOrThrow returns the first row or throws NotFoundError", async () => {
    const { ann } = await three();
    expect(await t.db.user.findFirstOrThrow({ where: { name: { startsWith: "A" } } })).toEqual(ann);
    const err = await caught(t.db.user.findFirstOrThrow({ where: { name: "Zed" } }));
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).model).toBe("User");
  });

  it("findMany without arguments returns every row", async () => {
    const { ann, bob, cat } = await three();
    const all = await t.db.user.findMany();
    expect(all).toHaveLength(3);
    expect([...all].sort((a, b) => a.email.localeCompare(b.email))).toEqual([ann, bob, cat]);
  });

  it("findMany on an empty table returns []", async () => {
    expect(await t.db.user.findMany({ where: { name: "x" } })).toEqual([]);
    expect(await t.db.post.findMany()).toEqual([]);
  });

  it("select returns exactly the selected keys", async () => {
    await three();
    const rows = await t.db.user.findMany({ select: { id: true, email: true }, orderBy: { email: "asc" } });
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["email", "id"]);
    expect(rows.map((r) => r.email)).toEqual(["user1@x.io", "user2@x.io", "user3@x.io"]);
  });

  it("select may order and filter by fields it does not return", async () => {
    await three();
    const rows = await t.db.user.findMany({
      select: { name: true },
      where: { age: { gte: 30 } },
      orderBy: { age: "desc" },
    });
    expect(rows).toEqual([{ name: "Cat" }, { name: "Ann" }]);
  });

  it("select with false entries leaves them out", async () => {
    const { ann } = await three();
    const row = await t.db.user.findUnique({ where: { id: ann.id }, select: { name: true, email: false } });
    expect(row).toEqual({ name: "Ann" });
  });

  it("select may name relations, with their own select", async () => {
    const { ann } = await three();
    await t.db.post.create({ data: { authorId: ann.id, title: "P1", createdAt: at(5) } });
    const row = await t.db.user.findUniqueOrThrow({
      where: { id: ann.id },
      select: { email: true, posts: { select: { title: true } } },
    });
    expect(row).toEqual({ email: "user1@x.io", posts: [{ title: "P1" }] });
  });

  itWith(t.capability, "windowFunctions", "the API.md findMany example returns what it describes", async () => {
    const { ann, bob } = await three();
    const extra = await t.db.user.create({ data: userData(4, { name: "Abe", age: 18, createdAt: at(4) }) });
    await t.db.user.update({ where: { id: extra.id }, data: { role: "admin" } });
    await t.db.post.create({ data: { authorId: ann.id, title: "pub", published: true, createdAt: at(10) } });
    await t.db.post.create({ data: { authorId: ann.id, title: "draft", createdAt: at(11) } });
    // name starts with A, age >= 18, and (admin or visits > 10): Abe (admin), not Ann (member, no score).
    const rows = await t.db.user.findMany({
      where: { name: { startsWith: "A" }, age: { gte: 18 }, OR: [{ role: "admin" }, { score: { gt: 10 } }] },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 20,
      skip: 0,
      select: { id: true, email: true },
    });
    expect(rows).toEqual([{ id: extra.id, email: "user4@x.io" }]);
    const withPosts = await t.db.user.findMany({
      where: { id: { in: [ann.id, bob.id] } },
      orderBy: { email: "asc" },
      include: {
        posts: { where: { published: true }, orderBy: { createdAt: "desc" }, take: 5, include: { author: true } },
      },
    });
    expect(withPosts.map((u) => u.posts.map((p) => [p.title, p.author.email]))).toEqual([[["pub", "user1@x.io"]], []]);
  });
});
