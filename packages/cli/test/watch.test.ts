import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const bin = path.join(import.meta.dirname, "../bin/strata.js");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "strata-watch-"));
const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  fs.rmSync(tmp, { recursive: true, force: true });
});

const model = (fields: string) =>
  `import { field, id, model } from "@strata/core";\n@model()\nexport class Note {\n  @id() id!: string;\n${fields}}\n`;

/** Resolves when `text()` matches, or rejects after `ms` (the test stays bounded in time). */
function waitFor(text: () => string, pattern: RegExp, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (pattern.test(text())) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${pattern}; got:\n${text()}`));
      }
    }, 50);
  });
}

describe("strata generate --watch (the real bin)", () => {
  it("regenerates on change, reports bad models without stopping, stops on SIGTERM", async () => {
    const modelsDir = path.join(tmp, "src");
    fs.mkdirSync(modelsDir);
    const file = path.join(modelsDir, "models.ts");
    fs.writeFileSync(file, model("  @field() text!: string;\n"));
    const child = spawn(process.execPath, [bin, "generate", "--models", "src", "--out", "src/generated", "--watch"], {
      cwd: tmp,
    });
    children.push(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const types = () => fs.readFileSync(path.join(modelsDir, "generated/types.ts"), "utf8");
    const lines = () => stdout.trim().split("\n").filter(Boolean);

    await waitFor(() => stdout, /strata generate: 1 model \(Note\)/);
    expect(types()).not.toContain("pinned");

    fs.writeFileSync(file, model("  @field() text!: string;\n  @field() pinned!: boolean;\n"));
    await waitFor(() => (lines().length >= 2 ? types() : ""), /pinned: boolean;/);

    fs.writeFileSync(file, model("  @field() text!: string[];\n"));
    await waitFor(() => stderr, /src\/models\.ts:5: Note: field "text": unsupported field type string\[\]/);
    expect(types()).toContain("pinned: boolean;");
    expect(child.exitCode).toBeNull();

    fs.writeFileSync(file, model("  @field() body!: string;\n"));
    // The file is written before the run's summary line reaches stdout: wait for both.
    await waitFor(() => (lines().length >= 3 ? types() : ""), /body: string;/);
    // One line per successful run, none for its own output files.
    expect(lines()).toHaveLength(3);
    for (const line of lines()) expect(line).toMatch(/^strata generate: 1 model \(Note\) → src\/generated\//);

    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 90_000);
});
