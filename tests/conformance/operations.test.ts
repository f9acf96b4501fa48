import { type Insert, StrataError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { LoggingDriver } from "../support/logging-driver.js";
import { backends, itWith } from "./backends.js";
import { at, caught, type Db, kinds, pad, seedUsers, useDb, userData } from "./fixtures.js";
import { createClient } from "./generated/index.js";

/** `n` users, each with two posts, each post with one comment. */
async function graph(db: Db, n: number) {
  const users = await seedUsers(db, n);
  await db.post.createMany({
    data: users.flatMap((u, i) =>
      [0, 1].map((k) => ({ id: `p${pad(i)}-${k}`, authorId: u.id, title: `t${k}`, createdAt: at(k) })),
    ),
  });
  const posts = await db.post.findMany();
  await db.comment.createMany({ data: posts.map((p) => ({ postId: p.id, body: `on ${p.id}` })) });
  return users;
}

describe.each(backends)("operations through the logging driver ($name)", (backend) => {
  const t = useDb(backend);

  itWith(t.capability, "sql", "findUnique is exactly one QuerySql", async () => {
    const u = await t.db.user.create({ data: userData(1) });
    t.log.clear();
    expect(await t.db.user.findUnique({ where: { id: u.id } })).toEqual(u);
    expect(kinds(t.log)).toEqual(["QuerySql"]);
    t.log.clear();
    await t.db.user.findUnique({ where: { email: "user1@x.io" } });
    expect(kinds(t.log)).toEqual(["QuerySql"]);
  });

  itWith(t.capability, "sql", "createMany of N rows is exactly one Insert carrying all N rows", async () => {
    const data = Array.from({ length: 40 }, (_, i) => userData(i));
    expect(await t.db.user.createMany({ data })).toEqual({ count: 40 });
    expect(kinds(t.log)).toEqual(["Insert"]);
    const insert = t.log.ops("Insert")[0]!.op as Insert;
    expect(insert.rows).toHaveLength(40);
    expect(await t.db.user.count()).toBe(40);
  });

  itWith(
    t.capability,
    "sql",
    "create is one Insert; count, update and updateMany are one QuerySql each (plus read-back without RETURNING)",
    async () => {
      const returning = t.capability().returning;
      const u = await t.db.user.create({ data: userData(1) });
      // Without RETURNING the row is read back by its key.
      expect(kinds(t.log)).toEqual(returning ? ["Insert"] : ["Insert", "QuerySql"]);
      t.log.clear();
      await t.db.user.count({ where: { name: "x" } });
      expect(kinds(t.log)).toEqual(["QuerySql"]);
      t.log.clear();
      await t.db.user.update({ where: { id: u.id }, data: { name: "n" } });
      // Without RETURNING: find the key, update by key, read back — in one transaction.
      expect(kinds(t.log)).toEqual(
        returning ? ["QuerySql"] : ["Transaction", "QuerySql", "QuerySql", "QuerySql", "Transaction"],
      );
      t.log.clear();
      await t.db.user.updateMany({ where: { name: "n" }, data: { name: "m" } });
      expect(kinds(t.log)).toEqual(["QuerySql"]);
    },
  );

  for (const parents of [2, 25]) {
    itWith(
      t.capability,
      "sql",
      `a 3-level include over ${parents} users is exactly 3 QuerySql operations`,
      async () => {
        const users = await graph(t.db, parents);
        t.log.clear();
        const rows = await t.db.user.findMany({
          orderBy: { email: "asc" },
          include: { posts: { orderBy: { title: "asc" }, include: { comments: true } } },
        });
        expect(kinds(t.log)).toEqual(["QuerySql", "QuerySql", "QuerySql"]);
        expect(rows).toHaveLength(parents);
        expect(rows.every((u) => u.posts.length === 2 && u.posts.every((p) => p.comments.length === 1))).toBe(true);
        expect(rows[parents - 1]!.posts[1]!.comments[0]!.body).toBe(`on p${pad(parents - 1)}-1`);
        // Each include level binds all parent keys as one parameter list.
        const [, postsOp, commentsOp] = t.log.ops("QuerySql").map((l) => l.op);
        const lists = (op: typeof postsOp) => (op?.kind === "QuerySql" ? op.params.filter(Array.isArray) : []);
        expect(lists(postsOp)).toHaveLength(1);
        expect(new Set(lists(postsOp)[0] as unknown[])).toEqual(new Set(users.map((u) => u.id)));
        expect(lists(commentsOp)).toHaveLength(1);
        expect(lists(commentsOp)[0]).toHaveLength(parents * 2);
      },
    );
  }

  itWith(t.capability, "sql", "include on a single-row read adds one operation per level", async () => {
    const [u] = await graph(t.db, 3);
    t.log.clear();
    const row = await t.db.user.findUniqueOrThrow({
      where: { id: u!.id },
      include: { posts: { include: { comments: true } } },
    });
    expect(row.posts).toHaveLength(2);
    expect(kinds(t.log)).toEqual(["QuerySql", "QuerySql", "QuerySql"]);
  });

  it("queries are lazy: nothing runs until awaited, and a query runs once", async () => {
    await t.db.user.create({ data: userData(1) });
    t.log.clear();
    const q = t.db.user.findMany();
    await new Promise((r) => setTimeout(r, 10));
    expect(t.log.ops()).toEqual([]);
    const first = await q;
    const second = await q;
    expect(second).toBe(first);
    expect(kinds(t.log)).toHaveLength(1);
  });

  itWith(t.capability, "sql", "explain shows the operations without running them", async () => {
    await graph(t.db, 2);
    t.log.clear();
    const plan = await t.db.user
      .findMany({ where: { name: { endsWith: "x" } }, include: { posts: { include: { comments: true } } } })
      .explain();
    expect(t.log.ops()).toEqual([]);
    expect(plan.operations.map((o) => o.kind)).toEqual(["QuerySql", "QuerySql", "QuerySql"]);
    for (const o of plan.operations) expect(o.text).toMatch(/select/i);
    expect(plan.operations[0]!.text).toContain("users");
    expect(plan.operations[1]!.text).toContain("posts");
    expect(plan.operations[2]!.text).toContain("comments");
    for (const o of plan.operations) expect(plan.text).toContain(o.text);
    // Values never appear in explain output.
    const secret = await t.db.user.findMany({ where: { email: "secret-value@x.io" } }).explain();
    expect(secret.text).not.toContain("secret-value");
  });

  it("explain reports a plan-cache miss, then a hit for the same shape with other values", async () => {
    const shape = (n: number) =>
      t.db.user.findMany({
        where: { score: { lt: n }, email: { startsWith: `s${n}` } },
        orderBy: { score: "desc" },
        take: n,
      });
    const first = await shape(1).explain();
    expect(first.cacheHit).toBe(false);
    expect(first.text).toContain("miss");
    const second = await shape(7).explain();
    expect(second.cacheHit).toBe(true);
    expect(second.text).toContain("hit");
    expect(second.operations).toEqual(first.operations);
    // A different shape is a miss again.
    const other = await t.db.user.findMany({ where: { score: { gt: 1 }, email: { startsWith: "s" } } }).explain();
    expect(other.cacheHit).toBe(false);
    expect(t.log.ops()).toEqual([]);
  });

  itWith(t.capability, "sql", "explain of writes lists their operations and writes nothing", async () => {
    const create = await t.db.user.create({ data: userData(1) }).explain();
    expect(create.operations.map((o) => o.kind)).toEqual(
      t.capability().returning ? ["Insert"] : ["Insert", "QuerySql"],
    );
    const many = await t.db.user.createMany({ data: [userData(2), userData(3)] }).explain();
    expect(many.operations.map((o) => o.kind)).toEqual(["Insert"]);
    const del = await t.db.user.deleteMany({ where: { name: "x" } }).explain();
    expect(del.operations.map((o) => o.kind)).toEqual(["QuerySql"]);
    expect(del.operations[0]!.text).toMatch(/delete/i);
    expect(t.log.ops()).toEqual([]);
    expect(await t.db.user.count()).toBe(0);
  });

  it("db.push is idempotent and keeps the data", async () => {
    await t.db.user.create({ data: userData(1) });
    await t.db.push();
    await t.db.push();
    expect(await t.db.user.count()).toBe(1);
    await t.db.user.create({ data: userData(2) });
    expect(await t.db.user.count()).toBe(2);
  });

  it("db.close closes the driver; later queries reject with a StrataError", async () => {
    const { driver, cleanup } = await backend.open();
    const log = new LoggingDriver(driver);
    const db = createClient({ driver: log, ...backend.clientOptions });
    try {
      await db.push();
      await db.user.create({ data: userData(1) });
      expect(await db.user.count()).toBe(1);
      await db.close();
      const err = await caught(db.user.count());
      expect(err).toBeInstanceOf(StrataError);
    } finally {
      await cleanup();
    }
  });
});
