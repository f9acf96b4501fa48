import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../src/index.ts";

/**
 * The generated client's types, checked by tsc: test/generated is committed
 * (so `tsc -p packages/codegen` works in a clean clone) and must match what
 * the generator writes now; types/queries.typecheck.ts holds typed queries
 * with expectTypeOf assertions and @ts-expect-error negative cases.
 */
const here = import.meta.dirname;
const generatedDir = path.join(here, "generated");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

function snapshot(): Map<string, string> {
  if (!fs.existsSync(generatedDir)) return new Map();
  return new Map(fs.readdirSync(generatedDir).map((f) => [f, fs.readFileSync(path.join(generatedDir, f), "utf8")]));
}

describe("generated client types", () => {
  it("test/generated is what the generator writes (regenerated here; commit it if this fails)", () => {
    const before = snapshot();
    generate({ models: path.join(here, "fixtures/models.ts"), out: generatedDir });
    expect(snapshot()).toEqual(before);
  });

  it("type-check the typed queries with tsc (select, include, where, create, orderBy, counts)", () => {
    const run = spawnSync(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", "types/tsconfig.json"], {
      cwd: here,
      encoding: "utf8",
    });
    // Errors inside engine sources (another package, possibly mid-edit) are the engine's own typecheck's
    // business; a broken engine type still shows up here as a failed assertion in the queries file.
    const output = run.stdout + run.stderr;
    const ours = output.split("\n").filter((line) => line.includes("error TS") && !line.startsWith("../"));
    expect(ours).toEqual([]);
    // A non-zero exit must come from those other files' diagnostics, not from tsc failing to run.
    if (run.status !== 0) expect(output).toMatch(/^\.\.\/.*error TS/m);
  }, 120_000);
});
