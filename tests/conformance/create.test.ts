import { UniqueViolationError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends, itWith } from "./backends.js";
import { caught, sorted, useDb, userData } from "./fixtures.js";

describe.each(backends)("create ($name)", (backend) => {
  const t = useDb(backend);

  it("create returns the whole row with defaults filled and nullable fields null", async () => {
    const before = Date.now();
    const u = await t.db.user.create({ data: { email: "a@x.io", name: "Ann", role: "member" } });
    const after = Date.now();
    expect(typeof u.id).toBe("string");
    expect(u.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(u).toEqual({
      id: u.id,
      email: "a@x.io",
      name: "Ann",
      age: null,
      score: null,
      role: "member",
      active: true,
      createdAt: u.createdAt,
      settings: null,
      balance: null,
      avatar: null,
    });
    expect(u.createdAt).toBeInstanceOf(Date);
    expect(u.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(u.createdAt.getTime()).toBeLessThanOrEqual(after);
    expect("posts" in u).toBe(false);
    expect(await t.db.user.count()).toBe(1);
  });

  it("create keeps a given id and given values over defaults", async () => {
    const createdAt = new Date("2001-02-03T04:05:06.789Z");
    const u = await t.db.user.create({
      data: { id: "my-id", email: "b@x.io", name: "Bo", role: "admin", active: false, createdAt, age: 41 },
    });
    expect(u.id).toBe("my-id");
    expect(u.active).toBe(false);
    expect(u.createdAt.toISOString()).toBe("2001-02-03T04:05:06.789Z");
    expect(u.age).toBe(41);
    const again = await t.db.user.findUnique({ where: { id: "my-id" } });
    expect(again).toEqual(u);
  });

  it("generated string ids are distinct", async () => {
    const a = await t.db.user.create({ data: userData(1) });
    const b = await t.db.user.create({ data: userData(2) });
    expect(a.id).not.toBe(b.id);
  });

  it("create with select returns exactly the selected keys", async () => {
    const u = await t.db.user.create({ data: userData(1), select: { id: true, email: true } });
    expect(Object.keys(u).sort()).toEqual(["email", "id"]);
    expect(u.email).toBe("user1@x.io");
  });

  it("create with include returns the (empty) relations", async () => {
    const u = await t.db.user.create({ data: userData(1), include: { posts: true, profile: true } });
    expect(u.posts).toEqual([]);
    expect(u.profile).toBeNull();
    expect(u.email).toBe("user1@x.io");
  });

  it("create of a child fills literal defaults and includes its parent", async () => {
    const u = await t.db.user.create({ data: userData(1) });
    const p = await t.db.post.create({
      data: { authorId: u.id, title: "Hello", createdAt: new Date(0) },
      include: { author: true },
    });
    expect(p.published).toBe(false);
    expect(p.views).toBe(0);
    expect(p.author.id).toBe(u.id);
    expect(p.author.email).toBe("user1@x.io");
  });

  itWith(t.capability, "autoincrement", "number ids autoincrement and come back as numbers", async () => {
    const a = await t.db.tally.create({ data: { label: "one" } });
    const b = await t.db.tally.create({ data: { label: "two" } });
    expect(typeof a.id).toBe("number");
    expect(Number.isInteger(a.id)).toBe(true);
    expect(b.id).toBeGreaterThan(a.id);
    expect(await t.db.tally.findUnique({ where: { id: b.id } })).toEqual(b);
  });

  it("createMany inserts every row and returns { count }", async () => {
    const res = await t.db.user.createMany({ data: [userData(1), userData(2), userData(3, { role: "admin" })] });
    expect(res).toEqual({ count: 3 });
    const rows = await t.db.user.findMany({ orderBy: { email: "asc" } });
    expect(rows.map((r) => r.email)).toEqual(["user1@x.io", "user2@x.io", "user3@x.io"]);
    expect(rows.map((r) => r.role)).toEqual(["member", "member", "admin"]);
    // Defaults are made per row.
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    expect(rows.every((r) => r.active === true && r.createdAt instanceof Date)).toBe(true);
  });

  it("createMany with rows giving different field sets fills the rest with defaults or null", async () => {
    await t.db.user.createMany({
      data: [userData(1, { age: 30 }), userData(2, { score: 1.5, active: false }), userData(3)],
    });
    const rows = await t.db.user.findMany({ orderBy: { email: "asc" } });
    expect(rows.map((r) => [r.age, r.score, r.active])).toEqual([
      [30, null, true],
      [null, 1.5, false],
      [null, null, true],
    ]);
  });

  it("createMany of no rows returns { count: 0 }", async () => {
    expect(await t.db.user.createMany({ data: [] })).toEqual({ count: 0 });
    expect(await t.db.user.count()).toBe(0);
  });

  it("createMany is atomic: a duplicate email in row 3 writes nothing", async () => {
    const err = await caught(
      t.db.user.createMany({ data: [userData(1), userData(2), userData(1, { name: "dup" }), userData(4)] }),
    );
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect((err as UniqueViolationError).model).toBe("User");
    expect((err as UniqueViolationError).fields).toContain("email");
    expect(await t.db.user.count()).toBe(0);
  });

  it("createMany is atomic against existing rows too", async () => {
    await t.db.user.create({ data: userData(9) });
    const err = await caught(t.db.user.createMany({ data: [userData(1), userData(2), userData(9)] }));
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect(sorted((await t.db.user.findMany()).map((u) => u.email))).toEqual(["user9@x.io"]);
  });
});
