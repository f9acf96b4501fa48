import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** `strata init` through the real bin, in an empty folder and in existing packages. */
const bin = path.join(import.meta.dirname, "../bin/strata.js");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "strata-init-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const strata = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

describe("strata init", () => {
  it("in an empty folder writes a SQLite app and says what to install", () => {
    const dir = path.join(tmp, "my-app");
    const run = strata(tmp, "init", "--dir", "my-app");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "strata init: wrote src/models.ts, src/main.ts, strata.config.ts, tsconfig.json, .gitignore, package.json",
    );
    expect(run.stdout).toContain("npm install @strata/core @strata/engine @strata/driver-sql zod better-sqlite3@12");
    expect(run.stdout).toContain("npm install -D @strata/cli typescript");
    const pkg = readJson(path.join(dir, "package.json"));
    expect(pkg).toMatchObject({
      name: "my-app",
      type: "module",
      scripts: { generate: "strata generate", start: "node dist/main.js" },
    });
    const tsconfig = readJson(path.join(dir, "tsconfig.json"));
    expect(tsconfig.compilerOptions).toMatchObject({
      target: "es2022",
      module: "nodenext",
      rootDir: "./src",
      outDir: "./dist",
    });
    expect(tsconfig.include).toEqual(["src"]);
    expect(fs.readFileSync(path.join(dir, "strata.config.ts"), "utf8")).toContain('url: "sqlite:./app.db"');
    // Before @strata/cli is installed, the config cannot load: said plainly.
    const early = strata(dir, "generate");
    expect(early.status).toBe(1);
    expect(early.stderr).toBe(
      "strata.config.ts: it imports @strata/cli, which is not installed here\n  hint: npm install -D @strata/cli\n",
    );
    // Installed (linked to this workspace's packages), the scaffold generates as it is.
    fs.mkdirSync(path.join(dir, "node_modules/@strata"), { recursive: true });
    for (const name of ["cli", "core"])
      fs.symlinkSync(path.join(import.meta.dirname, "../..", name), path.join(dir, "node_modules/@strata", name));
    const generated = strata(dir, "generate");
    expect(generated.stderr).toBe("");
    expect(generated.stdout).toContain("strata generate: 2 models (User, Post) → src/generated/");
  });

  it("in an existing package keeps its files and scripts and lists only the missing packages", () => {
    const dir = path.join(tmp, "existing");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({
        name: "existing",
        type: "module",
        scripts: { build: "tsc -p tsconfig.build.json" },
        dependencies: { zod: "^4.0.0", "better-sqlite3": "^12.0.0" },
      }),
    );
    fs.writeFileSync(path.join(dir, "tsconfig.json"), '{ "compilerOptions": { "strict": true } }\n');
    const run = strata(dir, "init");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("kept (already there): tsconfig.json");
    expect(run.stdout).toContain("npm install @strata/core @strata/engine @strata/driver-sql\n");
    expect(fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8")).toBe(
      '{ "compilerOptions": { "strict": true } }\n',
    );
    const pkg = readJson(path.join(dir, "package.json"));
    expect(pkg.scripts.build).toBe("tsc -p tsconfig.build.json");
    expect(pkg.scripts.migrate).toBe("strata migrate dev");
    expect(pkg.dependencies).toEqual({ zod: "^4.0.0", "better-sqlite3": "^12.0.0" });
  });

  it("refuses a CommonJS package that has code, writing nothing", () => {
    const dir = path.join(tmp, "cjs");
    fs.mkdirSync(dir);
    const manifest = JSON.stringify({ name: "cjs", type: "commonjs" });
    fs.writeFileSync(path.join(dir, "package.json"), manifest);
    fs.writeFileSync(path.join(dir, "index.js"), "module.exports = 1;\n");
    const run = strata(dir, "init");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('package.json has "type": "commonjs" and CommonJS code (index.js)');
    expect(fs.readdirSync(dir).sort()).toEqual(["index.js", "package.json"]);
    expect(fs.readFileSync(path.join(dir, "package.json"), "utf8")).toBe(manifest);
  });
});
