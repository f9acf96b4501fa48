import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FULL, QUICK } from "./data.ts";
import { peerComparison, runSuite, type WorkloadResult } from "./report.ts";
import { dynamoCounts } from "./suites/dynamo.ts";
import { mysqlSuite } from "./suites/mysql.ts";
import { postgresSuite } from "./suites/postgres.ts";
import { sqliteSuite } from "./suites/sqlite.ts";

/**
 * `pnpm bench` runs everything (about 4 minutes on 2 cores); `BENCH_QUICK=1 pnpm bench`
 * takes about two. `BENCH_TIME_MS` overrides the time per workload.
 */
const quick = process.env.BENCH_QUICK === "1";
const sizes = quick ? QUICK : FULL;
const timeMs = Number(process.env.BENCH_TIME_MS ?? (quick ? 1500 : 8000));
const only = process.env.BENCH_ONLY?.split(",");
const want = (name: string) => !only || only.includes(name);
// BENCH_ONLY takes any of: sqlite, postgres, mysql, dynamo.

const dir = mkdtempSync(join(tmpdir(), "strata-bench-"));
const p8: Record<string, string>[] = [];
try {
  if (want("sqlite")) {
    const suite = await sqliteSuite(join(dir, "bench.db"), sizes);
    const results: WorkloadResult[] = await runSuite(suite, timeMs);
    p8.push(...peerComparison("sqlite", results));
    await suite.close();
  }
  if (want("postgres")) {
    const suite = await postgresSuite(sizes);
    p8.push(...peerComparison("postgres", await runSuite(suite, timeMs)));
    await suite.close();
  }
  if (want("mysql")) {
    const suite = await mysqlSuite(sizes);
    p8.push(...peerComparison("mysql", await runSuite(suite, timeMs)));
    await suite.close();
  }
  if (want("dynamo")) {
    console.log("\nDynamoDB Local: requests per operation (counted by SDK middleware), against the physical minimum");
    console.table(await dynamoCounts());
  }
  console.log("\nP8: Strata against Drizzle and Kysely (each peer's faster style); below 1.00x Strata is faster");
  console.table(p8);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
