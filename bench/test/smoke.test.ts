import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetCyclers, TINY } from "../src/data.ts";
import { dynamoCounts } from "../src/suites/dynamo.ts";
import { mysqlSuite } from "../src/suites/mysql.ts";
import { P6_READS, PG_URL, postgresSuite } from "../src/suites/postgres.ts";
import { sqliteSuite } from "../src/suites/sqlite.ts";
import type { Suite } from "../src/workload.ts";

/**
 * Keeps the bench code from rotting: every task of every workload runs once on
 * tiny data and must return what the raw baseline returns. Nothing is timed.
 */
type Row = Record<string, unknown>;

/** Rows compared by id at every level (the peers order nested rows differently), dates as epoch ms. */
function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) {
    const items = value.map(normalise);
    return items.every((x) => typeof x === "object" && x !== null && "id" in x)
      ? [...(items as Row[])].sort((a, b) => String(a.id).localeCompare(String(b.id)))
      : items;
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

/** Runs every task once (inputs in step) and expects each to equal the raw baseline's result. */
async function expectSameAsRaw(suite: Suite): Promise<void> {
  for (const w of suite.workloads) {
    // Tasks cycle through their inputs in step: the n-th call of each sees the same arguments.
    const results = [];
    for (const t of w.tasks) {
      resetCyclers();
      results.push({ name: t.name, value: normalise(await t.fn()) });
    }
    const [base, ...rest] = results;
    if (w.id === "P4") expect(base!.value).toBe(TINY.insertRows);
    else if (w.id.startsWith("P6")) expect(base!.value).toBe(P6_READS);
    else expect(Array.isArray(base!.value) ? (base!.value as unknown[]).length : base!.value).toBeTruthy();
    for (const r of rest)
      expect({ workload: w.id, task: r.name, value: r.value }).toEqual({
        workload: w.id,
        task: r.name,
        value: base!.value,
      });
  }
}

/** Every workload has both peers; P1 and P2 have Drizzle's prepared and Kysely's compiled style as well. */
function expectPeers(workloads: Suite["workloads"]): void {
  for (const w of workloads) {
    const names = w.tasks.map((t) => t.name);
    expect(names).toContain("drizzle");
    expect(names.some((n) => n.startsWith("kysely"))).toBe(true);
    if (w.id === "P1" || w.id === "P2")
      expect(names).toEqual(expect.arrayContaining(["drizzle prepared", "kysely compiled"]));
  }
}

describe("bench smoke (SQLite, tiny sizes)", () => {
  let dir: string;
  let suite: Suite;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "strata-bench-smoke-"));
    suite = await sqliteSuite(join(dir, "smoke.db"), TINY);
  });
  afterAll(async () => {
    await suite?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has P1–P4 with Strata, Drizzle and Kysely beside the raw baseline", () => {
    expect(suite.workloads.map((w) => w.id)).toEqual(["P1", "P2", "P3", "P4"]);
    for (const w of suite.workloads) {
      const names = w.tasks.map((t) => t.name);
      expect(names[0]).toBe(w.baseline);
      expect(names).toContain("strata");
      expect(names.some((n) => n.startsWith("drizzle"))).toBe(true);
      expect(names.some((n) => n.startsWith("kysely"))).toBe(true);
    }
  });

  it("every task returns what the raw driver returns", () => expectSameAsRaw(suite));

  it("P7 reports a plan cache hit on a repeated shape", async () => {
    const [row] = await suite.extra!();
    expect(row!["cache hit in explain"]).toBe(true);
  });
});

describe("bench smoke (PostgreSQL, tiny sizes)", () => {
  const schema = "strata_bench_smoke";
  const streamSchema = "strata_bench_smoke_stream";
  let suite: Suite;
  beforeAll(async () => {
    suite = await postgresSuite(TINY, { schema, streamSchema, streamRounds: 1 });
  });
  afterAll(async () => {
    await suite?.close();
    const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS "${streamSchema}" CASCADE`);
    await pool.end();
  });

  it("has P1–P4 with Drizzle and Kysely, and P6 at 1 and 8 workers", () => {
    expect(suite.workloads.map((w) => w.id)).toEqual(["P1", "P2", "P3", "P4", "P6a", "P6b"]);
    for (const w of suite.workloads) expect(w.tasks.map((t) => t.name).slice(0, 2)).toEqual(["raw", "strata"]);
    expectPeers(suite.workloads.filter((w) => !w.id.startsWith("P6")));
  });

  it("every task returns what raw pg returns", () => expectSameAsRaw(suite));

  it("P5 streams every row through Strata and pg-cursor (the row counts are checked inside)", async () => {
    const [row] = await suite.extra!();
    expect(String(row!.workload)).toContain(`P5 stream ${TINY.streamRows} rows`);
  });
});

describe("bench smoke (MariaDB, tiny sizes)", () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await mysqlSuite(TINY, "strata_bench_smoke");
  });
  afterAll(() => suite?.close());

  it("has P1–P4 with Drizzle (prepared and plain on P1/P2) and Kysely", () => expectPeers(suite.workloads));

  it("every task returns what raw mysql2 returns", () => expectSameAsRaw(suite));
});

describe("bench smoke (DynamoDB Local request counts)", () => {
  it("answers every workload correctly, never below the physical minimum", async () => {
    const rows = await dynamoCounts();
    expect(rows.map((r) => r.workload)).toHaveLength(5);
    for (const r of rows) expect(r.total).toBeGreaterThanOrEqual(r["physical minimum"]);
  }, 120_000);
});
