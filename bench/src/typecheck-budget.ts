/**
 * Type-check budget: a schema of N models (default 200, related to each
 * other) and a file of Q typed queries (default 1,000), timed under
 * `tsc --noEmit`. Goal on the reference machine: < 10 s and < 1 GB.
 *   pnpm --filter @strata/bench typecheck-budget [--models 200] [--queries 1000] [--keep]
 * The project is removed afterwards unless --keep (then it stays in bench/.tmp/typecheck-budget).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeBudgetProject } from "./typecheck/project.ts";
import { runTsc } from "./typecheck/run-tsc.ts";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive integer`);
  return value;
}

const size = { models: flag("models", 200), queries: flag("queries", 1000) };
const dir = path.join(import.meta.dirname, "../.tmp/typecheck-budget");
const generatedAt = performance.now();
writeBudgetProject(dir, size);
const generateSeconds = (performance.now() - generatedAt) / 1000;
const run = runTsc(dir);
if (!process.argv.includes("--keep")) fs.rmSync(dir, { recursive: true, force: true });
if (!run.ok) {
  console.error(run.errors.slice(0, 20).join("\n"));
  process.exitCode = 1;
}
const d = run.diagnostics;
const rss = run.maxRssMb === undefined ? "n/a" : `${run.maxRssMb.toFixed(0)} MB`;
console.log(`type-check budget: ${size.models} models, ${size.queries} queries (${os.cpus()[0]?.model ?? "?"}, node ${process.version})
  strata generate:   ${generateSeconds.toFixed(1)} s
  tsc --noEmit wall: ${run.wallSeconds.toFixed(1)} s (goal < 10 s)   cpu: ${run.cpuSeconds?.toFixed(1) ?? "n/a"} s   peak RSS: ${rss} (goal < 1024 MB)
  machine load (1 min) at the end: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cpus
  tsc check time:    ${d["Check time"] ?? "?"}   total: ${d["Total time"] ?? "?"}   memory used: ${d["Memory used"] ?? "?"}
  types: ${d.Types ?? "?"}   instantiations: ${d.Instantiations ?? "?"}   files: ${d.Files ?? "?"}   lines of TypeScript: ${d["Lines of TypeScript"] ?? "?"}
  result: ${run.ok ? "ok" : `${run.errors.length} errors`}`);
