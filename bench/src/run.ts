import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FULL, QUICK } from "./data.ts";
import { peerComparison, runSuite, type WorkloadResult } from "./report.ts";
import { sqliteSuite } from "./suites/sqlite.ts";

/**
 * `pnpm bench` runs everything (about 10 minutes); `BENCH_QUICK=1 pnpm bench`
 * is the one-minute version. `BENCH_TIME_MS` overrides the time per workload.
 */
const quick = process.env.BENCH_QUICK === "1";
const sizes = quick ? QUICK : FULL;
const timeMs = Number(process.env.BENCH_TIME_MS ?? (quick ? 1500 : 8000));
const only = process.env.BENCH_ONLY?.split(",");
const want = (name: string) => !only || only.includes(name);
// PostgreSQL (P5, P6) and MySQL suites are not written yet: see docs/benchmarks.md, "What is left".

const dir = mkdtempSync(join(tmpdir(), "strata-bench-"));
const p8: Record<string, string>[] = [];
try {
  if (want("sqlite")) {
    const suite = await sqliteSuite(join(dir, "bench.db"), sizes);
    const results: WorkloadResult[] = await runSuite(suite, timeMs);
    p8.push(...peerComparison("sqlite", results));
    await suite.close();
  }
  console.log("\nP8: Strata against Drizzle and Kysely (each peer's faster style); below 1.00x Strata is faster");
  console.table(p8);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
