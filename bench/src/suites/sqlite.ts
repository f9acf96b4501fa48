import { sqlite } from "@strata/driver-sql";
import Database from "better-sqlite3";
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { CompiledQuery, Kysely, ParseJSONResultsPlugin, SqliteDialect } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/sqlite";
import { cycler, makeData, makeEvents, P2_MIN_AGE, P2_TAKE, P3_USERS, type Sizes, userId } from "../data.ts";
import { createClient } from "../generated/index.js";
import type { KyselyDb } from "../peers/kysely-types.ts";
import * as schema from "../peers/sqlite-schema.ts";
import type { Suite } from "../workload.ts";

type Row = Record<string, unknown>;
const USER_COLS = '"id", "email", "name", "age", "active", "createdAt"';
/** What a user writes by hand after a raw read: SQLite has 0/1 booleans and epoch-ms dates. */
const decodeUser = (r: Row): Row => {
  r.active = r.active === 1;
  r.createdAt = new Date(r.createdAt as number);
  return r;
};
const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

export async function sqliteSuite(file: string, sizes: Sizes): Promise<Suite> {
  const db = createClient({ driver: sqlite(file) });
  await db.push();
  const data = makeData(sizes);
  await db.user.createMany({ data: data.users });
  await db.post.createMany({ data: data.posts });
  await db.comment.createMany({ data: data.comments });

  const raw = new Database(file);
  const dz = drizzle({ client: raw, schema });
  const ky = new Kysely<KyselyDb<number, number>>({ dialect: new SqliteDialect({ database: new Database(file) }) });
  const kyJson = ky.withPlugin(new ParseJSONResultsPlugin());

  const ids = data.users.map((u) => u.id);
  const nextId = cycler(ids);
  const groups = Array.from({ length: Math.floor(sizes.users / P3_USERS) }, (_, g) =>
    Array.from({ length: P3_USERS }, (_, i) => userId(g * P3_USERS + i)),
  );
  const nextGroup = cycler(groups);
  const nextAge = cycler([P2_MIN_AGE, P2_MIN_AGE + 5, P2_MIN_AGE + 10]);

  // --- P1 ---
  const rawP1 = raw.prepare(`SELECT ${USER_COLS} FROM "users" WHERE "id" = ?`);
  const dzP1 = dz
    .select()
    .from(schema.users)
    .where(eq(schema.users.id, sql.placeholder("id")))
    .prepare();
  const kyP1 = ky.selectFrom("users").selectAll().where("id", "=", "?").compile();

  // --- P2 ---
  const rawP2 = raw.prepare(
    `SELECT ${USER_COLS} FROM "users" WHERE "active" = 1 AND "age" >= ? ORDER BY "age" ASC, "id" ASC LIMIT ${P2_TAKE}`,
  );
  const dzP2Where = (age: unknown) => and(eq(schema.users.active, true), gte(schema.users.age, age as number));
  const dzP2 = dz
    .select()
    .from(schema.users)
    .where(dzP2Where(sql.placeholder("age")))
    .orderBy(asc(schema.users.age), asc(schema.users.id))
    .limit(P2_TAKE)
    .prepare();
  const kyP2Query = (age: number) =>
    ky
      .selectFrom("users")
      .selectAll()
      .where("active", "=", 1)
      .where("age", ">=", age)
      .orderBy("age", "asc")
      .orderBy("id", "asc")
      .limit(P2_TAKE);
  const kyP2 = kyP2Query(0).compile();

  // --- P3: one query per level, hand-written ---
  const inCache = new Map<string, Database.Statement>();
  const rawIn = (table: string, column: string, cols: string, n: number) => {
    const key = `${table}.${column}.${n}`;
    let s = inCache.get(key);
    if (!s) {
      s = raw.prepare(`SELECT ${cols} FROM "${table}" WHERE "${column}" IN (${placeholders(n)})`);
      inCache.set(key, s);
    }
    return s;
  };
  const group = <T extends Row>(rows: T[], key: string) => {
    const m = new Map<unknown, T[]>();
    for (const r of rows) {
      const list = m.get(r[key]);
      if (list) list.push(r);
      else m.set(r[key], [r]);
    }
    return m;
  };
  const rawP3 = (userIds: string[]) => {
    const us = rawIn("users", "id", USER_COLS, userIds.length).all(...userIds) as Row[];
    const ps = rawIn("posts", "authorId", '"id", "authorId", "title", "views"', us.length).all(
      ...us.map((u) => u.id),
    ) as Row[];
    const cs = rawIn("comments", "postId", '"id", "postId", "body"', ps.length).all(...ps.map((p) => p.id)) as Row[];
    const byPost = group(cs, "postId");
    for (const p of ps) p.comments = byPost.get(p.id) ?? [];
    const byUser = group(ps, "authorId");
    for (const u of us) {
      decodeUser(u);
      u.posts = byUser.get(u.id) ?? [];
    }
    return us;
  };
  const dzP3Args = (userIds: unknown) =>
    ({
      where: inArray(schema.users.id, userIds as string[]),
      with: { posts: { with: { comments: true } } },
    }) as const;
  // No prepared form for P3: Drizzle prints an IN-list placeholder as `in ?`, which SQLite rejects.
  const kyP3Query = (userIds: string[]) =>
    kyJson
      .selectFrom("users")
      .selectAll("users")
      .where("users.id", "in", userIds)
      .select((eb) => [
        jsonArrayFrom(
          eb
            .selectFrom("posts")
            .select(["posts.id", "posts.authorId", "posts.title", "posts.views"])
            .whereRef("posts.authorId", "=", "users.id")
            .select((eb2) => [
              jsonArrayFrom(
                eb2
                  .selectFrom("comments")
                  .select(["comments.id", "comments.postId", "comments.body"])
                  .whereRef("comments.postId", "=", "posts.id"),
              ).as("comments"),
            ]),
        ).as("posts"),
      ]);
  const kyP3 = kyP3Query(groups[0]!).compile();

  // --- P4: raw multi-row INSERT in one transaction ---
  const CHUNK = 1000;
  const rawInsert = raw.prepare(
    `INSERT INTO "events" ("id", "kind", "amount", "at") VALUES ${Array.from({ length: CHUNK }, () => "(?, ?, ?, ?)").join(", ")}`,
  );
  const rawInsertRows = raw.transaction((rows: ReturnType<typeof makeEvents>) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const params = chunk.flatMap((r) => [r.id, r.kind, r.amount, r.at.getTime()]);
      if (chunk.length === CHUNK) rawInsert.run(params);
      else
        raw
          .prepare(
            `INSERT INTO "events" ("id", "kind", "amount", "at") VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")}`,
          )
          .run(params);
    }
    return rows.length;
  });
  const n = sizes.insertRows;
  const kyRow = (r: ReturnType<typeof makeEvents>[number]) => ({ ...r, at: r.at.getTime() });

  const STRATA = "strata";
  return {
    backend: "SQLite (better-sqlite3 12.11.1, file database, WAL)",
    workloads: [
      {
        id: "P1",
        title: "findUnique by id",
        goal: "<= 1.10x",
        baseline: "raw",
        tasks: [
          { name: "raw", fn: () => decodeUser(rawP1.get(nextId()) as Row) },
          { name: STRATA, fn: () => db.user.findUnique({ where: { id: nextId() } }) },
          { name: "drizzle prepared", fn: () => dzP1.get({ id: nextId() }) },
          { name: "drizzle", fn: () => dz.select().from(schema.users).where(eq(schema.users.id, nextId())).get() },
          {
            name: "kysely compiled",
            fn: async () => decodeUser((await ky.executeQuery(CompiledQuery.raw(kyP1.sql, [nextId()]))).rows[0] as Row),
          },
          {
            name: "kysely",
            fn: async () =>
              decodeUser(
                (await ky.selectFrom("users").selectAll().where("id", "=", nextId()).executeTakeFirstOrThrow()) as Row,
              ),
          },
        ],
      },
      {
        id: "P2",
        title: `findMany ${P2_TAKE} rows, filter + order`,
        goal: "<= 1.25x",
        baseline: "raw",
        tasks: [
          { name: "raw", fn: () => (rawP2.all(nextAge()) as Row[]).map(decodeUser) },
          {
            name: STRATA,
            fn: () =>
              db.user.findMany({
                where: { active: true, age: { gte: nextAge() } },
                orderBy: { age: "asc" },
                take: P2_TAKE,
              }),
          },
          { name: "drizzle prepared", fn: () => dzP2.all({ age: nextAge() }) },
          {
            name: "drizzle",
            fn: () =>
              dz
                .select()
                .from(schema.users)
                .where(dzP2Where(nextAge()))
                .orderBy(asc(schema.users.age), asc(schema.users.id))
                .limit(P2_TAKE)
                .all(),
          },
          {
            name: "kysely compiled",
            fn: async () =>
              ((await ky.executeQuery(CompiledQuery.raw(kyP2.sql, [1, nextAge(), P2_TAKE]))).rows as Row[]).map(
                decodeUser,
              ),
          },
          { name: "kysely", fn: async () => ((await kyP2Query(nextAge()).execute()) as Row[]).map(decodeUser) },
        ],
      },
      {
        id: "P3",
        title: `include user → posts → comments (${P3_USERS} users)`,
        goal: "<= 1.5x",
        baseline: "raw",
        tasks: [
          { name: "raw", fn: () => rawP3(nextGroup()) },
          {
            name: STRATA,
            fn: () =>
              db.user.findMany({
                where: { id: { in: nextGroup() } },
                include: { posts: { include: { comments: true } } },
              }),
          },
          { name: "drizzle", fn: () => dz.query.users.findMany(dzP3Args(nextGroup())).sync() },
          {
            name: "kysely compiled",
            fn: async () => {
              const q = CompiledQuery.raw(kyP3.sql, nextGroup());
              return ((await kyJson.executeQuery(q)).rows as Row[]).map(decodeUser);
            },
          },
          { name: "kysely", fn: async () => ((await kyP3Query(nextGroup()).execute()) as Row[]).map(decodeUser) },
        ],
      },
      {
        id: "P4",
        title: `createMany ${n} rows`,
        goal: "<= 1.2x",
        baseline: "raw",
        weight: 3,
        tasks: [
          { name: "raw", fn: () => rawInsertRows(makeEvents(n)) },
          { name: STRATA, fn: async () => (await db.event.createMany({ data: makeEvents(n) })).count },
          {
            name: "drizzle",
            fn: () =>
              dz.transaction((tx) => {
                const rows = makeEvents(n);
                // 4 parameters a row: chunks stay under SQLite's 32,766-parameter limit.
                for (let i = 0; i < rows.length; i += CHUNK)
                  tx.insert(schema.events)
                    .values(rows.slice(i, i + CHUNK))
                    .run();
                return rows.length;
              }),
          },
          {
            name: "kysely",
            fn: () =>
              ky.transaction().execute(async (tx) => {
                const rows = makeEvents(n).map(kyRow);
                for (let i = 0; i < rows.length; i += CHUNK)
                  await tx
                    .insertInto("events")
                    .values(rows.slice(i, i + CHUNK))
                    .execute();
                return rows.length;
              }),
          },
        ],
      },
    ],
    extra: async () => [await planningRow(db)],
    close: async () => {
      raw.close();
      await ky.destroy();
      await db.close();
    },
  };
}

/** P7: engine.prepare on a repeated shape, timed alone (no I/O), and explain's cache flag. */
async function planningRow(db: ReturnType<typeof createClient>): Promise<Record<string, unknown>> {
  const { measure } = await import("../harness/measure.ts");
  // The engine is not part of the typed client; P7 times its prepare() directly.
  const engine = (db as unknown as { $engine: { prepare(model: string, op: string, args: unknown): unknown } }).$engine;
  const args = () => ({ where: { active: true, age: { gte: 30 } }, orderBy: { age: "asc" as const }, take: 100 });
  engine.prepare("User", "findMany", args());
  const [m] = await measure([{ name: "prepare", fn: () => engine.prepare("User", "findMany", args()) }], {
    timeMs: 500,
  });
  const explain = await db.user.findMany(args()).explain();
  return {
    workload: "P7 planning a repeated shape",
    "median (ns)": Math.round(m!.medianNs),
    goal: "< 2000 ns",
    "cache hit in explain": explain.cacheHit,
  };
}
