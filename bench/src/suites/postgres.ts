import { postgres } from "@strata/driver-sql";
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { Kysely, ParseJSONResultsPlugin, PostgresDialect } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import pg from "pg";
import Cursor from "pg-cursor";
import { cycler, type EventRow, makeData, P2_TAKE, type Sizes, userId } from "../data.ts";
import { createClient } from "../generated/index.js";
import { median } from "../harness/measure.ts";
import type { KyselyDb } from "../peers/kysely-types.ts";
import { pgTables } from "../peers/server-schemas.ts";
import type { Suite, Workload } from "../workload.ts";
import { type DrizzlePeer, nest, type Row, type StrataDb, sqlWorkloads } from "./sql-shared.ts";

export const PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
/** P1–P4 and P6 run in this schema, dropped and refilled every run (other sessions use `public`). */
export const PG_SCHEMA = "strata_bench";
/** Pool size of Strata and of the raw pg.Pool alike (P6 runs up to this many workers). */
export const POOL_SIZE = 8;
/** P6: point reads per timed operation, spread over the workers. */
export const P6_READS = 64;

const USER_COLS = '"id", "email", "name", "age", "active", "createdAt"';

export interface PgSuiteOptions {
  schema?: string;
  /** Schema of P5's table (kept between runs when it holds the right number of rows). */
  streamSchema?: string;
  /** P5 timing rounds per side (raw, strata alternating). */
  streamRounds?: number;
}

export async function postgresSuite(sizes: Sizes, options: PgSuiteOptions = {}): Promise<Suite> {
  const schema = options.schema ?? PG_SCHEMA;
  const s = `"${schema}"`;
  const pool = new pg.Pool({ connectionString: PG_URL, max: POOL_SIZE });
  await pool.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  const db = createClient({ driver: postgres(PG_URL, { schema, max: POOL_SIZE }) });
  await db.push();
  await loadData(pool, s, sizes);

  // Named statements: pg prepares each once per connection, as Strata does.
  const rawP1 = async (id: string): Promise<Row | undefined> =>
    (await pool.query({ name: "p1", text: `SELECT ${USER_COLS} FROM ${s}."users" WHERE "id" = $1`, values: [id] }))
      .rows[0];
  const raw = {
    p1: rawP1,
    p2: async (minAge: number) =>
      (
        await pool.query({
          name: "p2",
          text: `SELECT ${USER_COLS} FROM ${s}."users" WHERE "active" = TRUE AND "age" >= $1 ORDER BY "age" ASC, "id" ASC LIMIT ${P2_TAKE}`,
          values: [minAge],
        })
      ).rows,
    p3: async (userIds: string[]) => {
      const us = (
        await pool.query({
          name: "p3u",
          text: `SELECT ${USER_COLS} FROM ${s}."users" WHERE "id" = ANY($1)`,
          values: [userIds],
        })
      ).rows;
      const ps = (
        await pool.query({
          name: "p3p",
          text: `SELECT "id", "authorId", "title", "views" FROM ${s}."posts" WHERE "authorId" = ANY($1)`,
          values: [us.map((u) => u.id)],
        })
      ).rows;
      const cs = (
        await pool.query({
          name: "p3c",
          text: `SELECT "id", "postId", "body" FROM ${s}."comments" WHERE "postId" = ANY($1)`,
          values: [ps.map((p) => p.id)],
        })
      ).rows;
      return nest(us, ps, cs);
    },
    p4: async (rows: EventRow[]) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        for (let i = 0; i < rows.length; i += 1000) {
          const chunk = rows.slice(i, i + 1000);
          const values = chunk.map((_, j) => `($${4 * j + 1}, $${4 * j + 2}, $${4 * j + 3}, $${4 * j + 4})`).join(", ");
          await client.query({
            name: chunk.length === 1000 ? "p4" : undefined,
            text: `INSERT INTO ${s}."events" ("id", "kind", "amount", "at") VALUES ${values}`,
            values: chunk.flatMap((r) => [r.id, r.kind, r.amount, r.at]),
          });
        }
        await client.query("COMMIT");
        return rows.length;
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      } finally {
        client.release();
      }
    },
  };

  const dzPool = new pg.Pool({ connectionString: PG_URL, max: POOL_SIZE });
  const dz = drizzlePeer(dzPool, schema);
  const kyPool = new pg.Pool({ connectionString: PG_URL, max: POOL_SIZE });
  const kyBase = new Kysely<KyselyDb<boolean, Date>>({ dialect: new PostgresDialect({ pool: kyPool }) });
  const ky = kyBase.withSchema(schema);
  const kyJson = ky.withPlugin(new ParseJSONResultsPlugin());
  const workloads: Workload[] = sqlWorkloads(
    db,
    raw,
    {
      ky,
      decodeUser: (r) => r,
      p3: (userIds) =>
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
          ])
          .execute(),
    },
    dz,
    sizes,
  );

  // --- P6: point reads through W concurrent workers, same pool size on both sides ---
  const ids = Array.from({ length: sizes.users }, (_, i) => userId(i));
  const nextId = cycler(ids);
  const workers = (count: number, read: (id: string) => PromiseLike<unknown>) => async () => {
    const out: unknown[] = [];
    await Promise.all(
      Array.from({ length: count }, async () => {
        for (let i = 0; i < P6_READS / count; i++) out.push(await read(nextId()));
      }),
    );
    return out.length;
  };
  for (const w of [1, POOL_SIZE]) {
    workloads.push({
      id: w === 1 ? "P6a" : "P6b",
      title: `findUnique, ${w} worker${w === 1 ? "" : "s"} (${P6_READS} reads per op, pool ${POOL_SIZE})`,
      // Throughput >= 0.9x raw is time per op <= 1/0.9 = 1.11x.
      goal: "<= 1.11x (throughput >= 0.9x)",
      baseline: "raw",
      tasks: [
        { name: "raw", fn: workers(w, rawP1) },
        { name: "strata", fn: workers(w, (id) => db.user.findUnique({ where: { id } })) },
      ],
    });
  }

  const streamSchema = options.streamSchema ?? `strata_bench_stream_${sizes.streamRows}`;
  return {
    backend: `PostgreSQL (pg 8.23.1, pool ${POOL_SIZE}, schema ${schema})`,
    workloads,
    extra: async () => [await streamRow(pool, streamSchema, sizes.streamRows, options.streamRounds ?? 3)],
    close: async () => {
      await db.close();
      await kyBase.destroy();
      await dzPool.end();
      await pool.end();
    },
  };
}

/** Drizzle on node-postgres (its own pool of the same size); prepared statements are named, as raw's and Strata's. */
function drizzlePeer(pool: pg.Pool, schema: string): DrizzlePeer {
  const t = pgTables(schema);
  const dz = drizzle({ client: pool, schema: t });
  const p2Where = (age: unknown) => and(eq(t.users.active, true), gte(t.users.age, age as number));
  const p1 = dz
    .select()
    .from(t.users)
    .where(eq(t.users.id, sql.placeholder("id")))
    .prepare("dz_p1");
  const p2 = dz
    .select()
    .from(t.users)
    .where(p2Where(sql.placeholder("age")))
    .orderBy(asc(t.users.age), asc(t.users.id))
    .limit(P2_TAKE)
    .prepare("dz_p2");
  return {
    p1Prepared: async (id) => (await p1.execute({ id }))[0],
    p1: async (id) => (await dz.select().from(t.users).where(eq(t.users.id, id)))[0],
    p2Prepared: (age) => p2.execute({ age }),
    p2: (age) =>
      dz.select().from(t.users).where(p2Where(age)).orderBy(asc(t.users.age), asc(t.users.id)).limit(P2_TAKE),
    p3: (userIds) =>
      dz.query.users.findMany({ where: inArray(t.users.id, userIds), with: { posts: { with: { comments: true } } } }),
    p4: (rows) =>
      dz.transaction(async (tx) => {
        for (let i = 0; i < rows.length; i += 1000) await tx.insert(t.events).values(rows.slice(i, i + 1000));
        return rows.length;
      }),
  };
}

/** Users, posts, comments through `unnest` arrays, 5000 rows a statement. */
async function loadData(pool: pg.Pool, s: string, sizes: Sizes): Promise<void> {
  const data = makeData(sizes);
  const insert = async <T>(table: string, cols: [string, string, (r: T) => unknown][], rows: T[]) => {
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      await pool.query(
        `INSERT INTO ${s}."${table}" (${cols.map((c) => `"${c[0]}"`).join(", ")}) SELECT * FROM unnest(${cols
          .map((c, k) => `$${k + 1}::${c[1]}[]`)
          .join(", ")})`,
        cols.map((c) => chunk.map(c[2])),
      );
    }
  };
  await insert(
    "users",
    [
      ["id", "text", (u) => u.id],
      ["email", "text", (u) => u.email],
      ["name", "text", (u) => u.name],
      ["age", "int", (u) => u.age],
      ["active", "bool", (u) => u.active],
      ["createdAt", "timestamptz", (u) => u.createdAt],
    ],
    data.users,
  );
  await insert(
    "posts",
    [
      ["id", "text", (p) => p.id],
      ["authorId", "text", (p) => p.authorId],
      ["title", "text", (p) => p.title],
      ["views", "int", (p) => p.views],
    ],
    data.posts,
  );
  await insert(
    "comments",
    [
      ["id", "text", (c) => c.id],
      ["postId", "text", (c) => c.postId],
      ["body", "text", (c) => c.body],
    ],
    data.comments,
  );
}

/** P5's table: `rows` events, generated server-side once and kept while the count matches. */
export async function ensureStreamTable(pool: pg.Pool, schema: string, rows: number): Promise<StrataDb> {
  const db = createClient({ driver: postgres(PG_URL, { schema, max: 2 }) });
  const exists = (
    await pool.query("SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'events'", [
      schema,
    ])
  ).rowCount;
  if (exists) {
    const { count } = (await pool.query(`SELECT count(*)::int AS count FROM "${schema}"."events"`)).rows[0];
    if (count === rows) return db;
    await pool.query(`TRUNCATE "${schema}"."events"`);
  } else {
    await db.push();
  }
  await pool.query(
    `INSERT INTO "${schema}"."events" ("id", "kind", "amount", "at")
     SELECT 'e' || lpad(g::text, 8, '0'), CASE WHEN g % 2 = 0 THEN 'view' ELSE 'click' END, g % 100,
            to_timestamp(1700000000 + g)
     FROM generate_series(1, $1::int) AS g`,
    [rows],
  );
  await pool.query(`ANALYZE "${schema}"."events"`);
  return db;
}

export interface StreamRun {
  rows: number;
  ms: number;
  /** Peak RSS during the stream minus RSS just before it. */
  rssGrowthBytes: number;
}

/** Samples RSS every 1000 rows; `consume` counts the rows it is handed. */
async function timed(consume: (tick: () => void) => Promise<void>): Promise<StreamRun> {
  const before = process.memoryUsage().rss;
  let peak = before;
  let rows = 0;
  const tick = () => {
    if (++rows % 1000 === 0) {
      const rss = process.memoryUsage().rss;
      if (rss > peak) peak = rss;
    }
  };
  const t0 = performance.now();
  await consume(tick);
  const ms = performance.now() - t0;
  return { rows, ms, rssGrowthBytes: Math.max(0, Math.max(peak, process.memoryUsage().rss) - before) };
}

export const STREAM_BATCH = 1000;

/** Raw pg-cursor: the same select, `cursor.read(batch)` until empty. */
export function rawStream(pool: pg.Pool, schema: string): Promise<StreamRun> {
  return timed(async (tick) => {
    const client = await pool.connect();
    try {
      const cursor = client.query(new Cursor(`SELECT "id", "kind", "amount", "at" FROM "${schema}"."events"`));
      for (;;) {
        const rows = await cursor.read(STREAM_BATCH);
        if (rows.length === 0) break;
        for (let i = 0; i < rows.length; i++) tick();
      }
      await cursor.close();
    } finally {
      client.release();
    }
  });
}

export function strataStream(db: StrataDb): Promise<StreamRun> {
  return timed(async (tick) => {
    for await (const _row of db.event.stream({ batchSize: STREAM_BATCH })) tick();
  });
}

/** P5: alternating raw / Strata runs, median rows/s of each and the largest RSS growth seen during Strata's (cold run included). */
async function streamRow(pool: pg.Pool, schema: string, rows: number, rounds: number): Promise<Row> {
  const db = await ensureStreamTable(pool, schema, rows);
  try {
    const raws: StreamRun[] = [];
    const stratas: StreamRun[] = [];
    // Warm-up of both paths (statement preparation, JIT), untimed. Strata's goes first: its RSS growth is
    // the cold one (later rounds reuse heap pages the earlier streams already took from the OS).
    const cold = await strataStream(db);
    await rawStream(pool, schema);
    for (let r = 0; r < rounds; r++) {
      raws.push(await rawStream(pool, schema));
      stratas.push(await strataStream(db));
    }
    for (const run of [cold, ...raws, ...stratas])
      if (run.rows !== rows) throw new Error(`P5 streamed ${run.rows} rows, expected ${rows}`);
    const rawRate = median(raws.map((x) => x.rows / (x.ms / 1000)));
    const strataRate = median(stratas.map((x) => x.rows / (x.ms / 1000)));
    const ratio = strataRate / rawRate;
    const rss = Math.max(cold.rssGrowthBytes, ...stratas.map((x) => x.rssGrowthBytes)) / 2 ** 20;
    const rawRss = Math.max(...raws.map((x) => x.rssGrowthBytes)) / 2 ** 20;
    return {
      workload: `P5 stream ${rows.toLocaleString("en")} rows, batchSize ${STREAM_BATCH} (${rounds} rounds)`,
      "raw pg-cursor rows/s": Math.round(rawRate),
      "strata rows/s": Math.round(strataRate),
      "throughput ratio (goal >= 0.8x)": `${ratio.toFixed(2)}x ${ratio >= 0.8 ? "met" : "not met"}`,
      "strata RSS growth (goal <= 64 MB)": `${rss.toFixed(1)} MB ${rss <= 64 ? "met" : "not met"}`,
      "raw RSS growth": `${rawRss.toFixed(1)} MB`,
    };
  } finally {
    await db.close();
  }
}
