import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";

export interface TscRun {
  ok: boolean;
  /** Error lines of tsc (empty when ok). */
  errors: string[];
  wallSeconds: number;
  /** Peak resident memory of the tsc process (from /usr/bin/time -v), when available. */
  maxRssMb: number | undefined;
  /** User + system CPU seconds of tsc (from /usr/bin/time -v): steadier than wall time on a busy machine. */
  cpuSeconds: number | undefined;
  /** tsc's own figures from --extendedDiagnostics ("Check time", "Memory used", ...). */
  diagnostics: Record<string, string>;
}

const TIME = "/usr/bin/time";

/** `tsc --noEmit --extendedDiagnostics -p dir`, under /usr/bin/time -v when present. */
export function runTsc(dir: string): TscRun {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const args = [tsc, "--noEmit", "--pretty", "false", "--extendedDiagnostics", "-p", dir];
  const timed = fs.existsSync(TIME);
  const started = performance.now();
  const run = timed
    ? spawnSync(TIME, ["-v", process.execPath, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallSeconds = (performance.now() - started) / 1000;
  const diagnostics: Record<string, string> = {};
  for (const line of run.stdout.split("\n")) {
    const m = /^([A-Z][A-Za-z /]+):\s+(\S+.*)$/.exec(line.trim());
    if (m?.[1] && m[2]) diagnostics[m[1].trim()] = m[2].trim();
  }
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  const cpu = ["User", "System"].map((k) => new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(run.stderr)?.[1]);
  const errors = run.stdout.split("\n").filter((l) => l.includes("error TS"));
  return {
    ok: run.status === 0 && errors.length === 0,
    errors,
    wallSeconds,
    maxRssMb: rss?.[1] ? Number(rss[1]) / 1024 : undefined,
    cpuSeconds: cpu[0] && cpu[1] ? Number(cpu[0]) + Number(cpu[1]) : undefined,
    diagnostics,
  };
}
