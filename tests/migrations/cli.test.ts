import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, findPostgres } from "../support/databases.ts";
import { freshBackend, type MigrationBackend, sql } from "./harness.ts";
import { snapshotText, v1, v2, v4 } from "./schemas.ts";

const bin = path.resolve(import.meta.dirname, "../../packages/cli/bin/strata.js");
const strata = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
const json = (stdout: string): Record<string, unknown> => JSON.parse(stdout);

function workdir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-cli-mig-"));
  for (const [name, app] of Object.entries({ v1, v2, v4 }))
    fs.writeFileSync(path.join(dir, `${name}.json`), snapshotText(app));
  return dir;
}

describe("strata migrate diff (offline, against the previous migration's snapshot)", () => {
  const cwd = workdir();
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it("writes one SQL file per dialect and the snapshot, then an empty diff writes nothing", () => {
    const first = strata(cwd, "migrate", "diff", "--snapshot", "v1.json", "--name", "init", "--json");
    expect(first.status).toBe(0);
    const out = json(first.stdout);
    const dir = String(out.directory);
    expect(fs.readdirSync(dir).sort()).toEqual(["mysql.sql", "postgres.sql", "snapshot.json", "sqlite.sql"]);
    expect(fs.readFileSync(path.join(dir, "postgres.sql"), "utf8")).toContain('CREATE TABLE "users"');
    expect(fs.readFileSync(path.join(dir, "snapshot.json"), "utf8")).toBe(snapshotText(v1));
    const again = strata(cwd, "migrate", "diff", "--snapshot", "v1.json");
    expect(again.stdout.trim()).toBe("strata migrate diff: no changes, nothing written");
    const next = strata(cwd, "migrate", "diff", "--snapshot", "v2.json", "--name", "keys", "--dialects", "sqlite");
    expect(next.status).toBe(0);
    const sqlite = fs.readFileSync(path.join(next.stdout.match(/wrote (\S+)/)?.[1] ?? "", "sqlite.sql"), "utf8");
    expect(sqlite).toMatch(/-- step \d+: rebuild table posts/);
  });
});

describe.each(["sqlite", "postgres", "mysql"] as const)("the strata bin on %s", (kind) => {
  let db: MigrationBackend;
  const cwd = workdir();
  beforeAll(async () => {
    db = await freshBackend(kind);
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it("migrate dev, deploy and status record each migration; an edited applied migration is refused", () => {
    const dev = strata(cwd, "migrate", "dev", "--url", db.url, "--snapshot", "v1.json", "--name", "init");
    expect(dev.stderr).not.toContain("failed");
    expect(dev.stdout).toMatch(/strata migrate dev: 0 pending applied; wrote and applied .*_init/);
    const status = json(strata(cwd, "migrate", "status", "--url", db.url, "--json").stdout);
    expect(status.migrations).toEqual([expect.objectContaining({ state: "applied" })]);
    expect(strata(cwd, "migrate", "deploy", "--url", db.url).stdout.trim()).toBe(
      "strata migrate deploy: nothing to apply",
    );
    const [name] = fs.readdirSync(path.join(cwd, "migrations"));
    const file = path.join(cwd, "migrations", name ?? "", `${db.name}.sql`);
    fs.appendFileSync(file, "-- edited\n");
    const refused = strata(cwd, "migrate", "deploy", "--url", db.url);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${file} was edited after it was applied`);
    const edited = strata(cwd, "migrate", "status", "--url", db.url);
    expect(edited.stdout).toContain("EDITED after it was applied");
  });

  it("db push refuses data loss and names it, applies the rename it suggests; db inspect --json", async () => {
    await sql(db, `INSERT INTO ${db.table("users")} (name, age) VALUES ('ann', 30)`);
    expect(strata(cwd, "db", "push", "--url", db.url, "--snapshot", "v2.json").status).toBe(0);
    const refused = strata(cwd, "db", "push", "--url", db.url, "--snapshot", "v4.json");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("drop column users.name (its values are lost)");
    expect(refused.stderr).toContain("pass --rename users.name:full_name");
    const renamed = strata(
      cwd,
      "db",
      "push",
      "--url",
      db.url,
      "--snapshot",
      "v4.json",
      "--rename",
      "users.name:full_name",
      "--json",
    );
    expect(renamed.status).toBe(0);
    expect(json(renamed.stdout).dataLoss).toEqual([]);
    expect((await sql(db, `SELECT full_name FROM ${db.table("users")}`)).map((r) => r.full_name)).toEqual(["ann"]);
    if (kind === "postgres") {
      const schema = new URL(db.url).searchParams.get("schema");
      await adminQuery(
        (await findPostgres()).url,
        `CREATE FUNCTION "${schema}".answer() RETURNS int LANGUAGE sql AS 'SELECT 42'`,
      );
    }
    const inspected = json(strata(cwd, "db", "inspect", "--url", db.url, "--json").stdout);
    const tables = inspected.tables as { name: string; columns: { name: string }[] }[];
    expect(tables.find((t) => t.name === "users")?.columns.map((c) => c.name)).toEqual([
      "id",
      "full_name",
      "age",
      "score",
    ]);
    const text = strata(cwd, "db", "inspect", "--url", db.url).stdout;
    expect(text).toMatch(/table (\S+\.)?users\ncolumn +type/);
    if (kind === "postgres") {
      expect(inspected.routines).toEqual([expect.objectContaining({ name: "answer", kind: "function" })]);
      expect(text).toContain("sequences");
    }
  });
});
