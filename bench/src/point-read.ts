import { sqlite } from "@strata/driver-sql";
import Database from "better-sqlite3";
import { Bench } from "tinybench";
import { createClient } from "./generated/index.js";

export interface PointReadResult {
  rawMedianNs: number;
  strataMedianNs: number;
  ratio: number;
  cacheHit: boolean;
}

/**
 * P1: findUnique by id on SQLite, Strata (no manual prepare) against a raw
 * better-sqlite3 prepared statement, in one run on the same database file.
 */
export async function pointRead(options: { rows: number; timeMs: number; file: string }): Promise<PointReadResult> {
  const driver = sqlite(options.file);
  const db = createClient({ driver });
  await db.push();
  await db.user.deleteMany({});
  const ids: string[] = [];
  const data = Array.from({ length: options.rows }, (_, i) => {
    const id = `u${String(i).padStart(6, "0")}`;
    ids.push(id);
    return {
      id,
      email: `user${i}@example.com`,
      name: `User ${i}`,
      age: i % 90,
      active: i % 2 === 0,
      createdAt: new Date(1_700_000_000_000 + i),
    };
  });
  await db.user.createMany({ data });

  const raw = new Database(options.file);
  const stmt = raw.prepare('SELECT "id", "email", "name", "age", "active", "createdAt" FROM "users" WHERE "id" = ?');
  let i = 0;
  const nextId = () => ids[i++ % ids.length]!;

  const bench = new Bench({ time: options.timeMs, warmup: true });
  bench
    .add("raw better-sqlite3 (prepared)", () => {
      const row = stmt.get(nextId()) as Record<string, unknown>;
      // The same decoding a user would write by hand: booleans and dates.
      row.active = row.active === 1;
      row.createdAt = new Date(row.createdAt as number);
    })
    .add("strata findUnique", async () => {
      await db.user.findUnique({ where: { id: nextId() } });
    });
  await bench.run();
  const [rawTask, strataTask] = bench.tasks;
  const median = (t: typeof rawTask) => {
    const r = t?.result;
    if (!r || !("latency" in r)) throw new Error(`benchmark task ${t?.name} did not complete`);
    return r.latency.p50 * 1e6;
  };
  const explain = await db.user.findUnique({ where: { id: ids[0]! } }).explain();
  const result = {
    rawMedianNs: median(rawTask),
    strataMedianNs: median(strataTask),
    ratio: 0,
    cacheHit: explain.cacheHit,
  };
  result.ratio = result.strataMedianNs / result.rawMedianNs;
  raw.close();
  await db.close();
  return result;
}
