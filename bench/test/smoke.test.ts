import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetCyclers, TINY } from "../src/data.ts";
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

  it("every task returns what the raw driver returns", async () => {
    for (const w of suite.workloads) {
      // Tasks cycle through their inputs in step: the n-th call of each sees the same arguments.
      const results = [];
      for (const t of w.tasks) {
        resetCyclers();
        results.push({ name: t.name, value: normalise(await t.fn()) });
      }
      const [base, ...rest] = results;
      if (w.id === "P4") expect(base!.value).toBe(TINY.insertRows);
      else expect(Array.isArray(base!.value) ? (base!.value as unknown[]).length : base!.value).toBeTruthy();
      for (const r of rest)
        expect({ workload: w.id, task: r.name, value: r.value }).toEqual({
          workload: w.id,
          task: r.name,
          value: base!.value,
        });
    }
  });

  it("P7 reports a plan cache hit on a repeated shape", async () => {
    const [row] = await suite.extra!();
    expect(row!["cache hit in explain"]).toBe(true);
  });
});
