import { describe, expect, it } from "vitest";
import { backends, itWith } from "./backends.js";
import { at, type Db, sorted, useDb, userData } from "./fixtures.js";
import type { PostWhereInput, UserWhereInput } from "./generated/index.js";

/**
 * ann: 3 posts (p1 published, p2 draft, p3 published), p1 has 3 comments, p3 one; a profile.
 * bob: 1 draft post without comments.
 * cat: no posts, no profile.
 */
async function seed(db: Db) {
  const ann = await db.user.create({ data: userData(1, { name: "Ann" }) });
  const bob = await db.user.create({ data: userData(2, { name: "Bob", role: "admin" }) });
  const cat = await db.user.create({ data: userData(3, { name: "Cat" }) });
  const post = (authorId: string, title: string, published: boolean, minute: number, views = 0) =>
    db.post.create({ data: { authorId, title, published, createdAt: at(minute), views } });
  const p1 = await post(ann.id, "p1", true, 1, 10);
  const p2 = await post(ann.id, "p2", false, 2, 20);
  const p3 = await post(ann.id, "p3", true, 3, 30);
  const b1 = await post(bob.id, "b1", false, 4, 5);
  await db.comment.createMany({
    data: [
      { postId: p1.id, body: "c1", authorEmail: "x@x.io" },
      { postId: p1.id, body: "c2" },
      { postId: p1.id, body: "c3", authorEmail: "y@x.io" },
      { postId: p3.id, body: "c4", authorEmail: "x@x.io" },
    ],
  });
  await db.profile.create({ data: { userId: ann.id, bio: "Ann's bio" } });
  return { ann, bob, cat, p1, p2, p3, b1 };
}

describe.each(backends)("relations ($name)", (backend) => {
  const t = useDb(backend);
  const userNames = async (where: UserWhereInput) => sorted((await t.db.user.findMany({ where })).map((u) => u.name));
  const postTitles = async (where: PostWhereInput) => sorted((await t.db.post.findMany({ where })).map((p) => p.title));

  it("include to-many gives every child, and [] for a parent without children", async () => {
    await seed(t.db);
    const users = await t.db.user.findMany({ orderBy: { email: "asc" }, include: { posts: true } });
    expect(users.map((u) => sorted(u.posts.map((p) => p.title)))).toEqual([["p1", "p2", "p3"], ["b1"], []]);
    expect(users[0]!.posts[0]).toEqual(
      expect.objectContaining({ authorId: users[0]!.id, published: expect.any(Boolean) }),
    );
  });

  it("include to-one gives the row, or null when missing", async () => {
    const { ann } = await seed(t.db);
    const users = await t.db.user.findMany({ orderBy: { email: "asc" }, include: { profile: true } });
    expect(users.map((u) => u.profile?.bio ?? null)).toEqual(["Ann's bio", null, null]);
    const posts = await t.db.post.findMany({ orderBy: { title: "asc" }, include: { author: true } });
    expect(posts.map((p) => [p.title, p.author.name])).toEqual([
      ["b1", "Bob"],
      ["p1", "Ann"],
      ["p2", "Ann"],
      ["p3", "Ann"],
    ]);
    const profile = await t.db.profile.findUniqueOrThrow({ where: { userId: ann.id }, include: { user: true } });
    expect(profile.user).toEqual(ann);
  });

  it("include takes where and orderBy of its own", async () => {
    await seed(t.db);
    const users = await t.db.user.findMany({
      orderBy: { email: "asc" },
      include: { posts: { where: { published: true }, orderBy: { createdAt: "desc" } } },
    });
    expect(users.map((u) => u.posts.map((p) => p.title))).toEqual([["p3", "p1"], [], []]);
  });

  it("three-level include (user → posts → comments) with where/orderBy at each level", async () => {
    await seed(t.db);
    const users = await t.db.user.findMany({
      where: { name: { in: ["Ann", "Bob"] } },
      orderBy: { name: "asc" },
      include: {
        profile: true,
        posts: {
          orderBy: { views: "asc" },
          include: { comments: { where: { authorEmail: { not: null } }, orderBy: { body: "desc" } } },
        },
      },
    });
    expect(
      users.map((u) => ({
        name: u.name,
        bio: u.profile?.bio ?? null,
        posts: u.posts.map((p) => [p.title, p.comments.map((c) => c.body)]),
      })),
    ).toEqual([
      {
        name: "Ann",
        bio: "Ann's bio",
        posts: [
          ["p1", ["c3", "c1"]],
          ["p2", []],
          ["p3", ["c4"]],
        ],
      },
      { name: "Bob", bio: null, posts: [["b1", []]] },
    ]);
  });

  it("include works from a child back up (comment → post → author)", async () => {
    await seed(t.db);
    const comments = await t.db.comment.findMany({
      orderBy: { body: "asc" },
      include: { post: { include: { author: { include: { profile: true } } } } },
    });
    expect(comments.map((c) => [c.body, c.post.title, c.post.author.name, c.post.author.profile?.bio])).toEqual([
      ["c1", "p1", "Ann", "Ann's bio"],
      ["c2", "p1", "Ann", "Ann's bio"],
      ["c3", "p1", "Ann", "Ann's bio"],
      ["c4", "p3", "Ann", "Ann's bio"],
    ]);
  });

  itWith(t.capability, "windowFunctions", "take inside include applies per parent", async () => {
    await seed(t.db);
    const users = await t.db.user.findMany({
      orderBy: { email: "asc" },
      include: { posts: { orderBy: { createdAt: "desc" }, take: 2 } },
    });
    expect(users.map((u) => u.posts.map((p) => p.title))).toEqual([["p3", "p2"], ["b1"], []]);
  });

  itWith(t.capability, "windowFunctions", "take and skip inside a nested include apply per parent", async () => {
    await seed(t.db);
    const users = await t.db.user.findMany({
      orderBy: { email: "asc" },
      include: {
        posts: {
          orderBy: { createdAt: "asc" },
          skip: 1,
          take: 1,
          include: { comments: { orderBy: { body: "asc" }, take: 1 } },
        },
      },
    });
    expect(users.map((u) => u.posts.map((p) => p.title))).toEqual([["p2"], [], []]);
    const posts = await t.db.post.findMany({
      orderBy: { title: "asc" },
      include: { comments: { orderBy: { body: "desc" }, take: 2 } },
    });
    expect(posts.map((p) => [p.title, p.comments.map((c) => c.body)])).toEqual([
      ["b1", []],
      ["p1", ["c3", "c2"]],
      ["p2", []],
      ["p3", ["c4"]],
    ]);
  });

  it("select through relations returns only what was selected at each level", async () => {
    const { ann } = await seed(t.db);
    const u = await t.db.user.findUniqueOrThrow({
      where: { id: ann.id },
      select: {
        name: true,
        profile: { select: { bio: true } },
        posts: { where: { title: "p1" }, select: { title: true, comments: { select: { body: true } } } },
      },
    });
    expect(u).toEqual({
      name: "Ann",
      profile: { bio: "Ann's bio" },
      posts: [{ title: "p1", comments: expect.arrayContaining([{ body: "c1" }, { body: "c2" }, { body: "c3" }]) }],
    });
    expect(Object.keys(u.posts[0]!).sort()).toEqual(["comments", "title"]);
    expect(u.posts[0]!.comments).toHaveLength(3);
  });

  itWith(t.capability, "joins", "some / none / every on a to-many relation", async () => {
    await seed(t.db);
    expect(await userNames({ posts: { some: {} } })).toEqual(["Ann", "Bob"]);
    expect(await userNames({ posts: { some: { published: true } } })).toEqual(["Ann"]);
    expect(await userNames({ posts: { none: {} } })).toEqual(["Cat"]);
    expect(await userNames({ posts: { none: { published: true } } })).toEqual(["Bob", "Cat"]);
    // every: vacuously true for a user without posts.
    expect(await userNames({ posts: { every: { published: false } } })).toEqual(["Bob", "Cat"]);
    expect(await userNames({ posts: { every: { views: { gte: 10 } } } })).toEqual(["Ann", "Cat"]);
  });

  itWith(t.capability, "joins", "relation filters nest through two relations", async () => {
    await seed(t.db);
    expect(await userNames({ posts: { some: { comments: { some: { authorEmail: "y@x.io" } } } } })).toEqual(["Ann"]);
    expect(await userNames({ posts: { every: { comments: { none: {} } } } })).toEqual(["Bob", "Cat"]);
    expect(await postTitles({ comments: { some: {} }, author: { is: { name: "Ann" } } })).toEqual(["p1", "p3"]);
  });

  itWith(t.capability, "joins", "is / isNot on a to-one relation", async () => {
    await seed(t.db);
    expect(await postTitles({ author: { is: { role: "admin" } } })).toEqual(["b1"]);
    expect(await postTitles({ author: { isNot: { role: "admin" } } })).toEqual(["p1", "p2", "p3"]);
    expect(await userNames({ profile: { is: { bio: { contains: "bio" } } } })).toEqual(["Ann"]);
    expect(await userNames({ profile: { is: null } })).toEqual(["Bob", "Cat"]);
    expect(await userNames({ profile: { isNot: null } })).toEqual(["Ann"]);
    const commentBodies = sorted(
      (await t.db.comment.findMany({ where: { post: { is: { published: true, views: { gt: 10 } } } } })).map(
        (c) => c.body,
      ),
    );
    expect(commentBodies).toEqual(["c4"]);
  });

  itWith(t.capability, "joins", "relation filters combine with OR / NOT and work in count", async () => {
    await seed(t.db);
    expect(await userNames({ OR: [{ posts: { none: {} } }, { role: "admin" }] })).toEqual(["Bob", "Cat"]);
    expect(await userNames({ NOT: { posts: { some: {} } } })).toEqual(["Cat"]);
    expect(await t.db.user.count({ where: { posts: { some: { published: false } } } })).toBe(2);
  });
});
