import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pointRead } from "./point-read.ts";

/** Runs the benchmarks and prints one table per backend. `BENCH_TIME_MS` sets the time per task. */
const timeMs = Number(process.env.BENCH_TIME_MS ?? 2000);
const dir = mkdtempSync(join(tmpdir(), "strata-bench-"));
try {
  const p1 = await pointRead({ rows: 10_000, timeMs, file: join(dir, "bench.db") });
  console.log("SQLite (better-sqlite3), one run, medians per operation");
  console.table([
    {
      workload: "P1 findUnique by id",
      "raw (ns)": Math.round(p1.rawMedianNs),
      "strata (ns)": Math.round(p1.strataMedianNs),
      "ratio (lower is better)": `${p1.ratio.toFixed(2)}x`,
      goal: "<= 1.10x",
      "plan cache hit": p1.cacheHit,
    },
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
