import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sqlite } from "@strata/driver-sql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshBackend, type MigrationBackend } from "./harness.ts";
import { snapshotText, v1 } from "./schemas.ts";

/**
 * The strata bin as a newcomer meets it: flags, messages, exit codes, and on a
 * pseudo-terminal (util-linux `script`) the prompts and the progress line.
 */
const bin = path.resolve(import.meta.dirname, "../../packages/cli/bin/strata.js");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "strata-cli-usage-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function strata(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const { STRATA_DATABASE_URL: _, ...rest } = process.env;
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...rest, ...env },
    timeout: 60_000,
  });
}

let counter = 0;
/** A project folder with `models` as src/models.ts. */
function project(models: string): string {
  const dir = path.join(root, `p${counter++}`);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src/models.ts"), models);
  return dir;
}

const NOTES = `import { field, id, model } from "@strata/core";
@model({ name: "notes" })
export class Note {
  @id() id!: string;
  @field() text!: string;
}
`;

describe("strata bin: flags and messages", () => {
  it("--version prints the package version", () => {
    const run = strata(root, ["--version"]);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(
      JSON.parse(fs.readFileSync(path.resolve(bin, "../../package.json"), "utf8")).version,
    );
  });

  it("generate --json prints the models and files as JSON", () => {
    const dir = project(NOTES);
    const run = strata(dir, ["generate", "--models", "src/models.ts", "--out", "src/generated", "--json"]);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.models).toEqual(["Note"]);
    expect(out.outDir).toBe(path.join(dir, "src/generated"));
    expect(out.files.map((f: string) => path.basename(f))).toContain("schema.snapshot.json");
  });

  it("a failure under --json is JSON on stdout, with exit 1 and nothing on stderr", () => {
    const usage = strata(root, ["migrate", "status", "--bogus", "--json"]);
    expect(usage.status).toBe(1);
    expect(usage.stderr).toBe("");
    expect(JSON.parse(usage.stdout)).toEqual({ error: { name: "UsageError", message: "unknown option '--bogus'" } });
    const failed = strata(root, ["migrate", "deploy", "--url", "sqlite:./x.db", "--migrations", "nope", "--json"]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe("");
    expect(JSON.parse(failed.stdout).error.message).toContain("the migrations directory nope does not exist");
  });

  it("a mistyped --migrations directory is an error, not 'nothing to apply'", () => {
    for (const command of ["deploy", "status"]) {
      const run = strata(root, ["migrate", command, "--url", "sqlite:./x.db", "--migrations", "migratoins"]);
      expect(run.status, command).toBe(1);
      expect(run.stderr).toContain(`strata migrate ${command}: the migrations directory migratoins does not exist`);
    }
  });

  it("--url sqlite: with no path is refused with the spelling to use", () => {
    const dir = project(NOTES);
    strata(dir, ["generate", "--models", "src/models.ts", "--out", "src/generated"]);
    const run = strata(dir, ["db", "push", "--url", "sqlite:"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("the database URL sqlite: names no file; write sqlite:./app.db");
    expect(fs.readdirSync(dir).sort()).toEqual(["src"]);
  });

  it("db inspect reads STRATA_DATABASE_URL, as its help says", () => {
    const dir = project(NOTES);
    strata(dir, ["generate", "--models", "src/models.ts", "--out", "src/generated"]);
    const url = `sqlite:${path.join(dir, "app.db")}`;
    expect(strata(dir, ["db", "push"], { STRATA_DATABASE_URL: url }).status).toBe(0);
    const run = strata(dir, ["db", "inspect", "--json"], { STRATA_DATABASE_URL: url });
    expect(run.status).toBe(0);
    expect(JSON.stringify(JSON.parse(run.stdout))).toContain('"notes"');
    expect(strata(dir, ["db", "inspect"]).stderr).toContain("set STRATA_DATABASE_URL");
  });

  it("after generate --out src/generated, migrate dev finds the snapshot there", () => {
    const dir = project(NOTES);
    strata(dir, ["generate", "--models", "src/models.ts", "--out", "src/generated"]);
    const run = strata(dir, ["migrate", "dev", "--url", "sqlite:./app.db", "--name", "init"]);
    expect(run.stderr).not.toContain("does not exist");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/wrote and applied .*_init/);
  });

  it("db push --help lists only the options push uses", () => {
    const help = strata(root, ["db", "push", "--help"]).stdout;
    expect(help).toContain("--accept-data-loss");
    expect(help).not.toContain("--migrations");
    expect(help).not.toContain("--name");
  });

  it("progress off a terminal is plain lines, no colour codes", () => {
    const dir = project(NOTES);
    strata(dir, ["generate", "--models", "src/models.ts", "--out", "src/generated"]);
    const run = strata(dir, ["migrate", "dev", "--url", "sqlite:./app.db"], { FORCE_COLOR: "1" });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("- applying pending migrations\n");
    expect(run.stderr).not.toContain("\x1b");
  });
});

describe("strata migrate dev: a migration that fails on SQLite", () => {
  it("is removed again with advice, so the next run is not stuck on it", async () => {
    const dir = project(NOTES);
    const file = path.join(dir, "app.db");
    strata(dir, ["generate", "--models", "src/models.ts", "--out", "src/generated"]);
    expect(strata(dir, ["migrate", "dev", "--url", `sqlite:${file}`, "--name", "init"]).status).toBe(0);
    const driver = sqlite(file);
    const conn = await driver.connect();
    await conn.runSql(`INSERT INTO "notes" ("id", "text") VALUES ('n1', 'hello')`);
    await conn.close();
    await driver.close();

    // A required field with no default, added to a table that has a row.
    fs.writeFileSync(
      path.join(dir, "src/models.ts"),
      NOTES.replace("  @field() text!: string;", "  @field() text!: string;\n  @field() title!: string;"),
    );
    strata(dir, ["generate", "--models", "src/models.ts", "--out", "src/generated"]);
    const failed = strata(dir, ["migrate", "dev", "--url", `sqlite:${file}`, "--name", "title"]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain("strata migrate dev: the new migration failed and nothing was applied");
    expect(failed.stderr).toContain("was removed again");
    expect(failed.stderr).toContain("needs a default (@field({ default: … })) or to be optional");
    expect(fs.readdirSync(path.join(dir, "migrations")).filter((m) => m.endsWith("_title"))).toEqual([]);

    fs.writeFileSync(
      path.join(dir, "src/models.ts"),
      NOTES.replace(
        "  @field() text!: string;",
        '  @field() text!: string;\n  @field({ default: "" }) title!: string;',
      ),
    );
    strata(dir, ["generate", "--models", "src/models.ts", "--out", "src/generated"]);
    const fixed = strata(dir, ["migrate", "dev", "--url", `sqlite:${file}`, "--name", "title"]);
    expect(fixed.stderr).not.toContain("failed");
    expect(fixed.stdout).toContain("0 pending applied; wrote and applied");
  });
});

describe("strata migrate deploy on PostgreSQL with a migration that has only sqlite.sql", () => {
  let db: MigrationBackend;
  const cwd = fs.mkdtempSync(path.join(root, "pg-"));
  beforeAll(async () => {
    db = await freshBackend("postgres");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("refuses it (naming the dialects it has) instead of skipping it; status shows it MISSING", () => {
    fs.writeFileSync(path.join(cwd, "v1.json"), snapshotText(v1));
    const dev = strata(cwd, ["migrate", "dev", "--url", "sqlite:./app.db", "--snapshot", "v1.json", "--name", "init"]);
    expect(dev.status).toBe(0);
    const deploy = strata(cwd, ["migrate", "deploy", "--url", db.url]);
    expect(deploy.status).toBe(1);
    expect(deploy.stderr).toMatch(/1 pending migration has no postgres\.sql.*\n {2}- \d+_init \(has sqlite\)/);
    const status = strata(cwd, ["migrate", "status", "--url", db.url]);
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/\d+_init {2}MISSING: no SQL for this database's dialect \(it has sqlite\)/);
  });
});

const ESC = String.fromCharCode(27);
const CURSOR_MOVE = new RegExp(`${ESC}\\[\\d+G$`);
const CURSOR_MOVES = new RegExp(`${ESC}\\[\\d+G`, "g");
/** A rename question at the end of the output; readline may follow it with a cursor move (ESC [ n G). */
const PROMPT = new RegExp(`Was [^\\n]*?\\? \\(y/N\\) (?:${ESC}\\[\\d+G)?$`);

/** Runs the bin on a pseudo-terminal of `columns` columns; `answer` replies to prompts. */
function onTerminal(
  cwd: string,
  args: readonly string[],
  options: { columns: number; answer?: (prompt: string) => string },
): Promise<{ output: string; status: number | null; prompts: string[]; quietWhileAsking: boolean[] }> {
  const command = `stty cols ${options.columns} rows 24; exec ${[process.execPath, bin, ...args].map((a) => `'${a}'`).join(" ")}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd, env: { ...process.env, TERM: "xterm" } });
  let output = "";
  const prompts: string[] = [];
  const quietWhileAsking: boolean[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `no exit within 30 s; ${output.length} bytes of output, ending ${JSON.stringify(output.slice(-200))}`,
        ),
      );
    }, 30_000);
    let searchFrom = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const asked = PROMPT.exec(output.slice(searchFrom));
      if (asked && options.answer) {
        searchFrom = output.length;
        prompts.push(asked[0].replace(CURSOR_MOVE, ""));
        const length = output.length;
        // Nothing may be drawn while the question waits for its answer.
        setTimeout(() => {
          quietWhileAsking.push(output.slice(length).replace(CURSOR_MOVES, "") === "");
          child.stdin.write(`${options.answer?.(asked[0])}\r`);
        }, 400);
      }
    });
    child.on("exit", (status) => {
      clearTimeout(timer);
      resolve({ output, status, prompts, quietWhileAsking });
    });
  });
}

describe("strata bin on a pseudo-terminal", () => {
  it("a terminal of 0 columns: the command finishes, printing plain lines (no cursor-up loop)", async () => {
    const dir = project(NOTES);
    strata(dir, ["generate", "--models", "src/models.ts", "--out", "src/generated"]);
    const run = await onTerminal(dir, ["migrate", "dev", "--url", "sqlite:./app.db", "--name", "init"], { columns: 0 });
    expect(run.status).toBe(0);
    expect(run.output).toContain("wrote and applied");
    expect(run.output).not.toContain("\x1b[1A");
    expect(run.output.length).toBeLessThan(2_000);
  });

  it("the rename prompt offers each column once and only type-compatible pairs, with the progress line paused", async () => {
    const before = `import { field, id, model } from "@strata/core";
@model({ name: "persons" })
export class Person {
  @id() id!: string;
  @field() first!: string;
  @field() last!: string;
  @field({ type: "int" }) age!: number;
}
`;
    const after = `import { field, id, model } from "@strata/core";
@model({ name: "persons" })
export class Person {
  @id() id!: string;
  @field() given!: string;
  @field() family!: string;
  @field({ type: "int" }) years!: number;
  @field() note?: string | null;
}
`;
    const dir = project(before);
    strata(dir, ["generate", "--models", "src/models.ts", "--out", "src/generated"]);
    expect(strata(dir, ["migrate", "dev", "--url", "sqlite:./app.db", "--name", "init"]).status).toBe(0);
    fs.writeFileSync(path.join(dir, "src/models.ts"), after);
    strata(dir, ["generate", "--models", "src/models.ts", "--out", "src/generated"]);
    const run = await onTerminal(dir, ["migrate", "dev", "--url", "sqlite:./app.db", "--name", "renames"], {
      columns: 100,
      answer: () => "y",
    });
    expect(run.prompts).toEqual([
      "Was column persons.first renamed to given? (y/N) ",
      "Was column persons.last renamed to family? (y/N) ",
      "Was column persons.age renamed to years? (y/N) ",
    ]);
    expect(run.quietWhileAsking).toEqual([true, true, true]);
    expect(run.status).toBe(0);
    const [migration] = fs.readdirSync(path.join(dir, "migrations")).filter((m) => m.endsWith("_renames"));
    const sql = fs.readFileSync(path.join(dir, "migrations", migration!, "sqlite.sql"), "utf8");
    expect(sql).toContain('RENAME COLUMN "first" TO "given"');
    expect(sql).toContain('RENAME COLUMN "last" TO "family"');
    expect(sql).toContain('RENAME COLUMN "age" TO "years"');
    expect(sql).not.toMatch(/RENAME COLUMN "first" TO "family"|RENAME COLUMN "last" TO "given"/);
    expect(sql).not.toContain("DROP COLUMN");
  });
});
