import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrationStatus, openTarget, parseRenames } from "@strata/cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffLive, freshBackend, introspectTable, type MigrationBackend, migrateTo, sql } from "./harness.ts";
import { v1, v2, v3, v4, v5, v6, vFail } from "./schemas.ts";

/**
 * One database per backend walks through every kind of change with rows in
 * it: after each step the old rows are checked, and a new diff against the
 * live database (introspected) is empty, i.e. the schema equals the snapshot.
 */
describe.each(["sqlite", "postgres", "mysql"] as const)("migrations on %s", (kind) => {
  let db: MigrationBackend;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `strata-evolve-${kind}-`));
  const users = async () =>
    sql(db, `SELECT * FROM ${db.table("users")} ORDER BY ${db.name === "mysql" ? "`id`" : '"id"'}`);
  const expectInSync = async (app: typeof v1) => expect((await diffLive(db, app)).steps).toEqual([]);

  beforeAll(async () => {
    db = await freshBackend(kind);
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("creates tables, then keeps rows through add column, index, unique and foreign key", async () => {
    await migrateTo(db, dir, v1, "init");
    await expectInSync(v1);
    await sql(db, `INSERT INTO ${db.table("users")} (name, age) VALUES ('ann', 30), ('bob', NULL)`);
    await sql(db, `INSERT INTO ${db.table("posts")} (title, ${q(db, "authorId")}) VALUES ('p1', 1), ('p2', 2)`);
    const m = await migrateTo(db, dir, v2, "keys");
    expect(m.dataLoss).toEqual([]);
    await expectInSync(v2);
    const rows = await users();
    expect(rows.map((r) => [r.name, num(r.age), num(r.score)])).toEqual([
      ["ann", 30, 0],
      ["bob", null, 0],
    ]);
    const posts = await introspectTable(db, "posts");
    expect(posts?.foreignKeys.map((fk) => [fk.columns, fk.referencesTable])).toEqual([[["authorId"], "users"]]);
    expect(posts?.indexes.find((i) => i.name === "posts_title_key")?.unique).toBe(true);
    expect((await sql(db, `SELECT COUNT(*) AS n FROM ${db.table("posts")}`))[0]?.n).toSatisfy((n) => num(n) === 2);
    await expect(
      sql(db, `INSERT INTO ${db.table("posts")} (title, ${q(db, "authorId")}) VALUES ('p3', 999)`),
    ).rejects.toThrow();
  });

  it("changes type, nullability and default in place or by rebuild, keeping values", async () => {
    const m = await migrateTo(db, dir, v3, "types");
    const rebuilt = m.planned.some((c) => c.kind === "rebuildTable");
    expect(rebuilt).toBe(!openTarget(db.url).capability.schemaMutations.alterColumnType);
    await expectInSync(v3);
    await sql(db, `INSERT INTO ${db.table("users")} (name, age) VALUES (NULL, 4294967296)`);
    const rows = await users();
    expect(rows.map((r) => [r.name, String(r.age), num(r.score)])).toEqual([
      ["ann", "30", 0],
      ["bob", "null", 0],
      [null, "4294967296", 1],
    ]);
    const posts = await sql(db, `SELECT title FROM ${db.table("posts")} ORDER BY title`);
    expect(posts.map((r) => r.title)).toEqual(["p1", "p2"]);
  });

  it("renames a column only when told, and drops index, unique and foreign key", async () => {
    const guessed = await diffLive(db, v4);
    expect(guessed.dataLoss).toEqual(["drop column users.name (its values are lost)"]);
    expect(guessed.renameCandidates).toEqual([{ kind: "column", table: "users", from: "name", to: "full_name" }]);
    const m = await migrateTo(db, dir, v4, "rename", parseRenames(["users.name:full_name"]));
    expect(m.dataLoss).toEqual([]);
    await expectInSync(v4);
    expect((await users()).map((r) => r.full_name)).toEqual(["ann", "bob", null]);
    await sql(db, `INSERT INTO ${db.table("posts")} (title, ${q(db, "authorId")}) VALUES ('p1', 999)`);
    expect((await introspectTable(db, "posts"))?.foreignKeys).toEqual([]);
  });

  it("drops a column and adds then drops a table, saying what is lost", async () => {
    const m5 = await migrateTo(db, dir, v5, "drop-score");
    expect(m5.dataLoss).toEqual(["drop column users.score (its values are lost)"]);
    await expectInSync(v5);
    await sql(db, `INSERT INTO ${db.table("tags")} (id, label) VALUES ('t', 'x')`);
    const m6 = await migrateTo(db, dir, v6, "drop-tags");
    expect(m6.dataLoss).toEqual(["drop table tags (every row of it is lost)"]);
    await expectInSync(v6);
    expect((await users()).map((r) => [r.full_name, String(r.age)])).toEqual([
      ["ann", "30"],
      ["bob", "null"],
      [null, "4294967296"],
    ]);
    expect(await introspectTable(db, "tags")).toBeUndefined();
  });

  it("a failing migration leaves the database as it was, or stops at a recorded statement (MySQL)", async () => {
    const before = await introspectTable(db, "users");
    await expect(migrateTo(db, dir, vFail, "fail")).rejects.toThrow(/fail\/\w+\.sql, statement \d+ of \d+/);
    const driver = openTarget(db.url);
    const conn = await driver.connect();
    const status = await migrationStatus({ conn, dialect: driver.dialect, capability: driver.capability }, dir);
    await conn.close();
    await driver.close();
    const last = status.at(-1);
    expect(status.slice(0, -1).every((s) => s.state === "applied")).toBe(true);
    expect((await users()).length).toBe(3);
    if (driver.capability.schemaMutations.transactionalDdl) {
      expect(last?.state).toBe("pending");
      expect(await introspectTable(db, "notes")).toBeUndefined();
      expect(await introspectTable(db, "users")).toEqual(before);
    } else {
      expect(last).toMatchObject({ state: "stopped", statementsDone: 1, statementsTotal: 2 });
      expect(last?.error).toMatch(/statement 2 of 2/);
      expect(await introspectTable(db, "notes")).toBeDefined();
    }
  });
});

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const q = (db: MigrationBackend, name: string): string => (db.name === "mysql" ? `\`${name}\`` : `"${name}"`);

describe("MySQL string columns made as TEXT (64 KB) by earlier versions", () => {
  let db: MigrationBackend;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-longtext-"));
  beforeAll(async () => {
    db = await freshBackend("mysql");
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("migrate proposes LONGTEXT in place, keeps the values, and then takes a 100 KB string", async () => {
    await migrateTo(db, dir, v1, "init");
    await sql(db, "ALTER TABLE `users` MODIFY COLUMN `name` TEXT NOT NULL");
    await sql(db, "INSERT INTO `users` (name, age) VALUES ('ann', 1)");
    await expect(sql(db, "INSERT INTO `users` (name, age) VALUES (?, 2)", ["x".repeat(100_000)])).rejects.toThrow();
    const m = await migrateTo(db, dir, v1, "longtext");
    expect(m.steps.length).toBeGreaterThan(0);
    expect(m.dataLoss).toEqual([]);
    expect(m.planned.map((c) => c.kind)).toEqual(["alterColumn"]);
    expect((await diffLive(db, v1)).steps).toEqual([]);
    await sql(db, "INSERT INTO `users` (name, age) VALUES (?, 2)", ["x".repeat(100_000)]);
    const rows = await sql(db, "SELECT name FROM `users` ORDER BY `id`");
    expect(rows.map((r) => String(r.name).length)).toEqual([3, 100_000]);
  });
});
