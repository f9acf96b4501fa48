import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const bin = path.join(import.meta.dirname, "../bin/strata.js");
const fixture = path.join(import.meta.dirname, "../../codegen/test/fixtures/models.ts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "strata-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const strata = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: "utf8" });

describe("the strata bin", () => {
  it("generate writes the client and prints a one-line summary", () => {
    const run = strata("generate", "--models", fixture, "--out", "client");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual([
      "strata generate: 6 models (User, Post, Comment, Profile, Category, TodoList) → client/ (schema.ts, types.ts, zod.ts, index.ts, schema.snapshot.json)",
    ]);
    expect(fs.readdirSync(path.join(tmp, "client")).sort()).toEqual([
      "index.ts",
      "schema.snapshot.json",
      "schema.ts",
      "types.ts",
      "zod.ts",
    ]);
  });

  it("exits 1 with file:line messages on bad models, writing nothing", () => {
    fs.writeFileSync(
      path.join(tmp, "bad.ts"),
      'import { model, field } from "@strata/core";\n@model()\nexport class A {\n  @field() x!: string;\n}\n',
    );
    const run = strata("generate", "--models", "bad.ts", "--out", "bad-out");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("bad.ts:3: A: the model has no id");
    expect(run.stderr).toContain("hint: mark the key with @id()");
    expect(fs.existsSync(path.join(tmp, "bad-out"))).toBe(false);
  });

  it("refuses a missing option", () => {
    const run = strata("generate", "--out", "x");
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("--models");
  });
});
