import type { Driver } from "@strata/core";
import { mysql, postgres } from "@strata/driver-sql";
import mysql2 from "mysql2/promise";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createClient } from "../conformance/generated/index.js";
import { createMysqlDatabase, dropSchema, findMysql, findPostgres, randomSchemaName } from "../support/databases.js";
import { emptyFigures, runWorker, seeded, seedWorkers } from "./chaos-workload.js";
import { report } from "./figures.js";

const WORKERS = 4;
const OPS = 10_000;
/** Hard bound on one chaos run; the workload normally ends long before. */
const DEADLINE_MS = 75_000;
const SEED = Number(process.env.STRATA_CHAOS_SEED ?? 20240601);
/**
 * The killer waits for this many finished operations between two kills, so the
 * workload progresses however slowly the machine opens connections (a
 * PostgreSQL connect took 3 ms on one machine and 25 ms on another; killing
 * faster than the pool reconnects would only measure the connect time).
 */
const OPS_BETWEEN_KILLS = 8;

interface Killer {
  /** Kills one pooled backend of the driver under test; true when one was killed. */
  killOne(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * 4 workers × 2,500 checked operations while `killer` kills a random pooled
 * connection every 2–8 ms (at most one kill per OPS_BETWEEN_KILLS operations); then the time from the last kill until the pool
 * serves a query again.
 */
async function chaos(name: string, driver: Driver, killer: Killer) {
  const db = createClient({ driver });
  await db.push();
  await seedWorkers(db, WORKERS);
  const f = emptyFigures();
  const started = Date.now();
  let running = true;
  let kills = 0;
  let lastKill = 0;
  const random = seeded(SEED);
  let queriesAtKill = 0;
  const killing = (async () => {
    while (running && Date.now() - started < DEADLINE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 2 + random() * 6));
      if (f.queries - queriesAtKill < OPS_BETWEEN_KILLS) continue;
      queriesAtKill = f.queries;
      if (await killer.killOne().catch(() => false)) {
        kills++;
        lastKill = Date.now();
      }
    }
  })();
  const workers = Array.from({ length: WORKERS }, (_, w) =>
    runWorker(db, w, OPS / WORKERS, seeded(SEED + w + 1), f, started + DEADLINE_MS),
  );
  await Promise.all(workers);
  running = false;
  await killing;
  const elapsed = Date.now() - started;
  // Recovery: from the last kill until a query succeeds again.
  let recovered = -1;
  while (recovered < 0) {
    try {
      await db.user.count();
      recovered = Date.now() - lastKill;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
  await killer.close();
  await db.close();
  const { firstUntyped, ...numbers } = f;
  report(`chaos/${name}`, {
    ...numbers,
    kills,
    seconds: (elapsed / 1000).toFixed(1),
    recoveryMs: recovered,
    seed: SEED,
  });
  expect(f.queries, "the workload ran to the end").toBe(OPS);
  expect(kills, "the killer killed connections").toBeGreaterThan(0);
  expect(f.faults, "faults reached the workload").toBeGreaterThan(0);
  expect(f.wrongResults).toBe(0);
  expect(f.untypedFailures, firstUntyped).toBe(0);
  expect(recovered).toBeLessThan(5_000);
}

describe.sequential("chaos: killed connections under load", () => {
  it("PostgreSQL: pg_terminate_backend on pooled backends every few ms", { timeout: 120_000 }, async () => {
    const { url } = await findPostgres();
    const schema = randomSchemaName();
    const driver = postgres(url, { schema, name: "chaos", max: WORKERS });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await chaos("postgres", driver, {
        async killOne() {
          const { rows } = await admin.query<{ killed: boolean }>(
            `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
             WHERE application_name LIKE $1 AND pid <> pg_backend_pid() ORDER BY random() LIMIT 1`,
            [`strata/chaos/${schema}%`],
          );
          return rows[0]?.killed === true;
        },
        close: async () => undefined,
      });
    } finally {
      await admin.end();
      await dropSchema(url, schema);
    }
  });

  it("MariaDB: KILL on pooled connections every few ms", { timeout: 120_000 }, async () => {
    const database = await createMysqlDatabase();
    const driver = mysql(database.url, { poolSize: WORKERS });
    const admin = await mysql2.createConnection({ uri: (await findMysql()).url });
    try {
      await chaos("mariadb", driver, {
        async killOne() {
          const [rows] = await admin.query<mysql2.RowDataPacket[]>(
            "SELECT id FROM information_schema.PROCESSLIST WHERE db = ? AND id <> CONNECTION_ID() ORDER BY RAND() LIMIT 1",
            [database.name],
          );
          const id = Number(rows[0]?.id);
          if (!Number.isSafeInteger(id) || id <= 0) return false;
          return admin.query(`KILL CONNECTION ${id}`).then(
            () => true,
            () => false, // already gone
          );
        },
        close: () => admin.end(),
      });
    } finally {
      await database.drop();
    }
  });
});
