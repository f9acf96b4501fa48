import { type Measured, measure } from "./harness/measure.ts";
import type { Suite } from "./workload.ts";

export interface WorkloadResult {
  id: string;
  title: string;
  goal: string;
  results: (Measured & { ratio: number })[];
}

/** Measures every workload of a suite (interleaved per workload) and prints one table for the backend. */
export async function runSuite(suite: Suite, timeMs: number): Promise<WorkloadResult[]> {
  const out: WorkloadResult[] = [];
  for (const w of suite.workloads) {
    const measured = await measure(w.tasks, { timeMs: timeMs * (w.weight ?? 1), batchMs: w.weight ? 200 : 20 });
    const base = measured.find((m) => m.name === w.baseline)!;
    out.push({ ...w, results: measured.map((m) => ({ ...m, ratio: m.medianNs / base.medianNs })) });
  }
  console.log(`\n${suite.backend}: median per operation, ratio to the raw driver in the same run (lower is better)`);
  console.table(
    out.map((w) => {
      const row: Record<string, string> = { workload: `${w.id} ${w.title}`, goal: w.goal };
      for (const r of w.results) row[r.name] = `${r.ratio.toFixed(2)}x (${fmt(r.medianNs)})`;
      const strata = w.results.find((r) => r.name === "strata")!;
      const limit = Number(/([\d.]+)x/.exec(w.goal)?.[1] ?? Number.NaN);
      row.met = strata.ratio <= limit ? "met" : "not met";
      return row;
    }),
  );
  if (suite.extra) console.table(await suite.extra());
  return out;
}

/** P8: Strata against the fastest and the plain style of each peer, per workload. */
export function peerComparison(backend: string, results: WorkloadResult[]): Record<string, string>[] {
  const peers = ["drizzle", "kysely"];
  const withPeers = results.filter((w) => w.results.some((r) => peers.some((p) => r.name.startsWith(p))));
  return withPeers.map((w) => {
    const strata = w.results.find((r) => r.name === "strata")!;
    const row: Record<string, string> = { backend, workload: w.id };
    let beatsAll = true;
    for (const peer of peers) {
      const mine = w.results.filter((r) => r.name.startsWith(peer));
      if (mine.length === 0) continue;
      const best = mine.reduce((a, b) => (a.medianNs <= b.medianNs ? a : b));
      row[`strata / best ${peer}`] = `${(strata.medianNs / best.medianNs).toFixed(2)}x (${best.name})`;
      if (strata.medianNs >= best.medianNs) beatsAll = false;
    }
    row["P8 faster than both"] = beatsAll ? "met" : "not met";
    return row;
  });
}

export function fmt(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${Math.round(ns)} ns`;
}

export { measure };
