import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `strata generate` with a strata.config.ts, through the real bin. The
 * directory lives inside this package (.tmp/ is ignored by git) so the config
 * can import "@strata/cli" by the package's own name.
 */
const bin = path.join(import.meta.dirname, "../bin/strata.js");
const root = path.join(import.meta.dirname, "../.tmp");
fs.mkdirSync(root, { recursive: true });
const tmp = fs.mkdtempSync(path.join(root, "config-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const MODELS =
  'import { id, field, model } from "@strata/core";\n@model()\nexport class Note {\n  @id() id!: number;\n  @field() text!: string;\n}\n';

function project(name: string, config: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src/models.ts"), MODELS);
  fs.writeFileSync(path.join(dir, "strata.config.ts"), config);
  return dir;
}
const strata = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, "generate", ...args], { cwd, encoding: "utf8", timeout: 60_000 });

describe("strata.config.ts", () => {
  it("is found in the working directory; its paths are relative to it", () => {
    const dir = project(
      "plain",
      'import { defineConfig } from "@strata/cli";\nexport default defineConfig({ models: "src/models.ts", out: "src/generated" });\n',
    );
    const run = strata(path.join(dir, "src"), "--config", "../strata.config.ts");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^strata generate: 1 model \(Note\) → generated\//);
    expect(fs.readFileSync(path.join(dir, "src/generated/types.ts"), "utf8")).toContain("export interface NoteScalars");
    // Without --config, ./strata.config.ts is used.
    fs.rmSync(path.join(dir, "src/generated"), { recursive: true });
    expect(strata(dir).status).toBe(0);
    expect(fs.existsSync(path.join(dir, "src/generated/index.ts"))).toBe(true);
  });

  it("backends with dynamodb refuse a number id with file:line and a hint, writing nothing", () => {
    const dir = project(
      "dynamo",
      'import { defineConfig } from "@strata/cli";\nexport default defineConfig({ models: ["src"], out: "out", backends: ["sqlite", "dynamodb"] });\n',
    );
    const run = strata(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('src/models.ts:4: Note: the number id "id" autoincrements, which DynamoDB');
    expect(run.stderr).toContain("hint: use a string id");
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
    // A flag overrides the config's backends.
    expect(strata(dir, "--backends", "sqlite").status).toBe(0);
  });

  it("a config without models or out is refused with a hint", () => {
    const dir = project("bad", 'export default { out: "x" };\n');
    const run = strata(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("strata.config.ts: models must be a path or a list of paths");
    expect(run.stderr).toContain("hint: export default defineConfig(");
  });

  it("without flags or a config file, says what to pass", () => {
    const dir = path.join(tmp, "empty");
    fs.mkdirSync(dir);
    const run = strata(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("pass --models <paths...> and --out <dir>, or write strata.config.ts");
  });
});
