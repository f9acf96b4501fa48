import { mysql } from "@strata/driver-sql";
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/mysql2";
import { Kysely, MysqlDialect } from "kysely";
import mysql2 from "mysql2";
import mysql2p from "mysql2/promise";
import { type EventRow, makeData, P2_TAKE, type Sizes } from "../data.ts";
import { createClient } from "../generated/index.js";
import type { KyselyDb } from "../peers/kysely-types.ts";
import { mysqlTables } from "../peers/server-schemas.ts";
import type { Suite } from "../workload.ts";
import { type DrizzlePeer, nest, type Row, sqlWorkloads } from "./sql-shared.ts";

const SERVER = process.env.BENCH_MYSQL_URL ?? "mysql://root@127.0.0.1:3306";
/** Own database, dropped and refilled every run (other sessions use `test`). */
export const MYSQL_DATABASE = "strata_bench";
const POOL_SIZE = 8;
const USER_COLS = "`id`, `email`, `name`, `age`, `active`, `createdAt`";

/** What a user writes by hand after a raw read: TINYINT(1) comes back as 0/1. */
const decodeUser = (r: Row): Row => {
  r.active = r.active === 1;
  return r;
};
const qs = (n: number) => Array.from({ length: n }, () => "?").join(", ");

export async function mysqlSuite(sizes: Sizes, database = MYSQL_DATABASE): Promise<Suite> {
  const url = new URL(SERVER);
  const conn = {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    timezone: "Z",
  };
  const admin = await mysql2p.createConnection(conn);
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.query(`CREATE DATABASE \`${database}\``);
  await admin.end();

  const db = createClient({ driver: mysql(`${SERVER}/${database}`, { poolSize: POOL_SIZE }) });
  await db.push();
  const pool = mysql2p.createPool({ ...conn, database, connectionLimit: POOL_SIZE });
  await loadData(pool, sizes);

  // `execute` prepares each statement once per connection (mysql2's statement cache), as Strata does.
  const raw = {
    p1: async (id: string) => {
      const [rows] = await pool.execute(`SELECT ${USER_COLS} FROM \`users\` WHERE \`id\` = ?`, [id]);
      const row = (rows as Row[])[0];
      return row && decodeUser(row);
    },
    p2: async (minAge: number) => {
      const [rows] = await pool.execute(
        `SELECT ${USER_COLS} FROM \`users\` WHERE \`active\` = TRUE AND \`age\` >= ? ORDER BY \`age\` ASC, \`id\` ASC LIMIT ${P2_TAKE}`,
        [minAge],
      );
      return (rows as Row[]).map(decodeUser);
    },
    p3: async (userIds: string[]) => {
      const [us] = await pool.execute(
        `SELECT ${USER_COLS} FROM \`users\` WHERE \`id\` IN (${qs(userIds.length)})`,
        userIds,
      );
      const users = (us as Row[]).map(decodeUser);
      const [ps] = await pool.execute(
        `SELECT \`id\`, \`authorId\`, \`title\`, \`views\` FROM \`posts\` WHERE \`authorId\` IN (${qs(users.length)})`,
        users.map((u) => u.id as string),
      );
      const posts = ps as Row[];
      const [cs] = await pool.execute(
        `SELECT \`id\`, \`postId\`, \`body\` FROM \`comments\` WHERE \`postId\` IN (${qs(posts.length)})`,
        posts.map((p) => p.id as string),
      );
      return nest(users, posts, cs as Row[]);
    },
    p4: async (rows: EventRow[]) => {
      const c = await pool.getConnection();
      try {
        await c.beginTransaction();
        // mysql2's bulk form: `VALUES ?` with nested arrays, 1000 rows a statement.
        for (let i = 0; i < rows.length; i += 1000)
          await c.query("INSERT INTO `events` (`id`, `kind`, `amount`, `at`) VALUES ?", [
            rows.slice(i, i + 1000).map((r) => [r.id, r.kind, r.amount, r.at]),
          ]);
        await c.commit();
        return rows.length;
      } catch (err) {
        await c.rollback();
        throw err;
      } finally {
        c.release();
      }
    },
  };

  const dzPool = mysql2p.createPool({ ...conn, database, connectionLimit: POOL_SIZE });
  const dz = drizzlePeer(dzPool);
  const kyPool = mysql2.createPool({ ...conn, database, connectionLimit: POOL_SIZE });
  const ky = new Kysely<KyselyDb<number, Date>>({ dialect: new MysqlDialect({ pool: kyPool }) });
  const workloads = sqlWorkloads(
    db,
    raw,
    {
      ky,
      decodeUser,
      // Kysely's jsonArrayFrom for MySQL uses `CAST(... AS JSON)`, which MariaDB rejects: one query per level instead.
      p3: async (userIds) => {
        const users = (await ky.selectFrom("users").selectAll().where("id", "in", userIds).execute()).map(decodeUser);
        const posts = await ky
          .selectFrom("posts")
          .select(["id", "authorId", "title", "views"])
          .where(
            "authorId",
            "in",
            users.map((u) => u.id as string),
          )
          .execute();
        const comments = await ky
          .selectFrom("comments")
          .select(["id", "postId", "body"])
          .where(
            "postId",
            "in",
            posts.map((p) => p.id),
          )
          .execute();
        return nest(users, posts, comments);
      },
    },
    dz,
    sizes,
  );
  return {
    backend: `MariaDB (mysql2 3.24.5, pool ${POOL_SIZE}, database ${database})`,
    workloads,
    close: async () => {
      await db.close();
      await ky.destroy();
      await dzPool.end();
      await pool.end();
    },
  };
}

/** Drizzle on mysql2 (its own pool of the same size). */
function drizzlePeer(pool: mysql2p.Pool): DrizzlePeer {
  const t = mysqlTables();
  // "planetscale" mode writes relations as correlated subqueries; the default uses LATERAL joins, which MariaDB lacks.
  const dz = drizzle({ client: pool, schema: t, mode: "planetscale" });
  const p2Where = (age: unknown) => and(eq(t.users.active, true), gte(t.users.age, age as number));
  const p1 = dz
    .select()
    .from(t.users)
    .where(eq(t.users.id, sql.placeholder("id")))
    .prepare();
  const p2 = dz
    .select()
    .from(t.users)
    .where(p2Where(sql.placeholder("age")))
    .orderBy(asc(t.users.age), asc(t.users.id))
    .limit(P2_TAKE)
    .prepare();
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

async function loadData(pool: mysql2p.Pool, sizes: Sizes): Promise<void> {
  const data = makeData(sizes);
  const insert = async (table: string, cols: string[], rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += 5000)
      await pool.query(`INSERT INTO \`${table}\` (${cols.map((c) => `\`${c}\``).join(", ")}) VALUES ?`, [
        rows.slice(i, i + 5000),
      ]);
  };
  await insert(
    "users",
    ["id", "email", "name", "age", "active", "createdAt"],
    data.users.map((u) => [u.id, u.email, u.name, u.age, u.active, u.createdAt]),
  );
  await insert(
    "posts",
    ["id", "authorId", "title", "views"],
    data.posts.map((p) => [p.id, p.authorId, p.title, p.views]),
  );
  await insert(
    "comments",
    ["id", "postId", "body"],
    data.comments.map((c) => [c.id, c.postId, c.body]),
  );
}
