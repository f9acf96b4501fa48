import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeBudgetProject } from "../src/typecheck/project.ts";
import { runTsc } from "../src/typecheck/run-tsc.ts";

/**
 * The type-check budget's project in small (10 models × 20 queries): the
 * generated client and the synthetic queries type-check. Time is never
 * asserted here; `pnpm --filter @strata/bench typecheck-budget` measures it.
 */
describe("type-check budget (smoke)", () => {
  it("a 10-model schema with relations and 20 typed queries passes tsc --noEmit", () => {
    const dir = path.join(import.meta.dirname, "../.tmp/typecheck-smoke");
    writeBudgetProject(dir, { models: 10, queries: 20 });
    const run = runTsc(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.errors).toEqual([]);
    expect(run.ok).toBe(true);
    // The figures the budget script prints are there to read.
    expect(Number(run.diagnostics.Files)).toBeGreaterThan(10);
    expect(run.diagnostics["Check time"]).toMatch(/^[\d.]+s$/);
  }, 120_000);
});
