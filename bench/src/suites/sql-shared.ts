import { CompiledQuery, type Kysely, sql } from "kysely";
import { cycler, type EventRow, makeEvents, P2_MIN_AGE, P2_TAKE, P3_USERS, type Sizes, userId } from "../data.ts";
import type { createClient } from "../generated/index.js";
import type { KyselyDb } from "../peers/kysely-types.ts";
import type { Workload } from "../workload.ts";

export type Row = Record<string, unknown>;
export type StrataDb = ReturnType<typeof createClient>;

/** The hand-written raw-driver side of P1–P4 on a server database (one prepared statement per shape). */
export interface RawSql {
  p1(id: string): Promise<Row | undefined>;
  p2(minAge: number): Promise<Row[]>;
  /** users by id, their posts, the posts' comments: one query per level, grouped in JS. */
  p3(userIds: string[]): Promise<Row[]>;
  /** Multi-row INSERTs of 1000 rows in one transaction. */
  p4(rows: EventRow[]): Promise<number>;
}

/** Kysely, the same per backend except the JSON helper for P3 and how booleans come back. */
export interface KyselyPeer<B> {
  ky: Kysely<KyselyDb<B, Date>>;
  /** P3 in one statement with the backend's `jsonArrayFrom` helper (the Kysely docs' way for relations). */
  p3(userIds: string[]): Promise<Row[]>;
  /** Storage row → the row Strata returns (MySQL's TINYINT(1) booleans). */
  decodeUser(row: Row): Row;
}

export const groupBy = <T extends Row>(rows: T[], key: string): Map<unknown, T[]> => {
  const m = new Map<unknown, T[]>();
  for (const r of rows) {
    const list = m.get(r[key]);
    if (list) list.push(r);
    else m.set(r[key], [r]);
  }
  return m;
};

/** Attaches comments to posts and posts to users, as the include returns them. */
export function nest(users: Row[], posts: Row[], comments: Row[]): Row[] {
  const byPost = groupBy(comments, "postId");
  for (const p of posts) p.comments = byPost.get(p.id) ?? [];
  const byUser = groupBy(posts, "authorId");
  for (const u of users) u.posts = byUser.get(u.id) ?? [];
  return users;
}

/**
 * Drizzle on a server backend, written as its docs recommend: prepared
 * statements (`sql.placeholder`) for P1/P2 and the plain builder per call; the
 * relational query (`db.query.users.findMany({ with })`) for P3; 1000-row
 * `insert().values()` chunks in one transaction for P4.
 */
export interface DrizzlePeer {
  p1Prepared(id: string): Promise<unknown>;
  p1(id: string): Promise<unknown>;
  p2Prepared(minAge: number): Promise<unknown>;
  p2(minAge: number): Promise<unknown>;
  p3(userIds: string[]): Promise<unknown>;
  p4(rows: EventRow[]): Promise<number>;
}

/** The id groups P3 cycles through (P3_USERS users each). */
export function p3Groups(sizes: Sizes): string[][] {
  return Array.from({ length: Math.floor(sizes.users / P3_USERS) }, (_, g) =>
    Array.from({ length: P3_USERS }, (_, i) => userId(g * P3_USERS + i)),
  );
}

/** P1–P4 on a server database: raw driver, Strata, Drizzle and Kysely. */
export function sqlWorkloads<B>(
  db: StrataDb,
  raw: RawSql,
  peer: KyselyPeer<B>,
  dz: DrizzlePeer,
  sizes: Sizes,
): Workload[] {
  const ids = Array.from({ length: sizes.users }, (_, i) => userId(i));
  const nextId = cycler(ids);
  const nextGroup = cycler(p3Groups(sizes));
  const nextAge = cycler([P2_MIN_AGE, P2_MIN_AGE + 5, P2_MIN_AGE + 10]);
  const { ky, decodeUser } = peer;
  const n = sizes.insertRows;
  // Kysely compiled: each query built and compiled once, then run as `CompiledQuery.raw` with this call's value.
  const ID = "\u0000id";
  const AGE = -424_242;
  const p2Query = (age: number) =>
    ky
      .selectFrom("users")
      .selectAll()
      // `= TRUE` holds on PostgreSQL's boolean and MySQL's TINYINT(1) alike.
      .where(sql<boolean>`${sql.ref("active")} = TRUE`)
      .where("age", ">=", age)
      .orderBy("age", "asc")
      .orderBy("id", "asc")
      .limit(P2_TAKE);
  const kyP1 = ky.selectFrom("users").selectAll().where("id", "=", ID).compile();
  const kyP2 = p2Query(AGE).compile();
  const compiled = (q: { sql: string; parameters: readonly unknown[] }, sentinel: unknown, value: unknown) =>
    CompiledQuery.raw(
      q.sql,
      q.parameters.map((p) => (p === sentinel ? value : p)),
    );
  const CHUNK = 1000;
  return [
    {
      id: "P1",
      title: "findUnique by id",
      goal: "<= 1.10x",
      baseline: "raw",
      tasks: [
        { name: "raw", fn: () => raw.p1(nextId()) },
        { name: "strata", fn: () => db.user.findUnique({ where: { id: nextId() } }) },
        { name: "drizzle prepared", fn: () => dz.p1Prepared(nextId()) },
        { name: "drizzle", fn: () => dz.p1(nextId()) },
        {
          name: "kysely compiled",
          fn: async () => decodeUser((await ky.executeQuery(compiled(kyP1, ID, nextId()))).rows[0] as Row),
        },
        {
          name: "kysely",
          fn: async () =>
            decodeUser(await ky.selectFrom("users").selectAll().where("id", "=", nextId()).executeTakeFirstOrThrow()),
        },
      ],
    },
    {
      id: "P2",
      title: `findMany ${P2_TAKE} rows, filter + order`,
      goal: "<= 1.25x",
      baseline: "raw",
      tasks: [
        { name: "raw", fn: () => raw.p2(nextAge()) },
        {
          name: "strata",
          fn: () =>
            db.user.findMany({
              where: { active: true, age: { gte: nextAge() } },
              orderBy: { age: "asc" },
              take: P2_TAKE,
            }),
        },
        { name: "drizzle prepared", fn: () => dz.p2Prepared(nextAge()) },
        { name: "drizzle", fn: () => dz.p2(nextAge()) },
        {
          name: "kysely compiled",
          fn: async () => ((await ky.executeQuery(compiled(kyP2, AGE, nextAge()))).rows as Row[]).map(decodeUser),
        },
        { name: "kysely", fn: async () => (await p2Query(nextAge()).execute()).map(decodeUser) },
      ],
    },
    {
      id: "P3",
      title: `include user → posts → comments (${P3_USERS} users)`,
      goal: "<= 1.5x",
      baseline: "raw",
      tasks: [
        { name: "raw", fn: () => raw.p3(nextGroup()) },
        {
          name: "strata",
          fn: () =>
            db.user.findMany({
              where: { id: { in: nextGroup() } },
              include: { posts: { include: { comments: true } } },
            }),
        },
        { name: "drizzle", fn: () => dz.p3(nextGroup()) },
        { name: "kysely", fn: () => peer.p3(nextGroup()) },
      ],
    },
    {
      id: "P4",
      title: `createMany ${n} rows`,
      goal: "<= 1.2x",
      baseline: "raw",
      weight: 3,
      tasks: [
        { name: "raw", fn: () => raw.p4(makeEvents(n)) },
        { name: "strata", fn: async () => (await db.event.createMany({ data: makeEvents(n) })).count },
        { name: "drizzle", fn: () => dz.p4(makeEvents(n)) },
        {
          name: "kysely",
          fn: () =>
            ky.transaction().execute(async (tx) => {
              const rows = makeEvents(n);
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
  ];
}
