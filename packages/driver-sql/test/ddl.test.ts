import { describe, expect, it } from "vitest";
import { sqliteDialect } from "../src/index.ts";
import { orderByDependencies, printCreateTable } from "../src/printer/ddl.ts";
import { pushStatements } from "../src/sqlite/push.ts";
import { schema } from "./fixtures.ts";

describe("DDL printing", () => {
  it("creates referenced tables first, then indexes", () => {
    expect(pushStatements(schema)).toEqual([
      'CREATE TABLE IF NOT EXISTS "users" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, ' +
        '"name" TEXT, "age" INTEGER, "big" INTEGER, "active" INTEGER NOT NULL DEFAULT 1)',
      'CREATE TABLE IF NOT EXISTS "posts" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "author_id" INTEGER NOT NULL, ' +
        `"title" TEXT NOT NULL DEFAULT 'untitled', ` +
        'CONSTRAINT "posts_author_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id"))',
      'CREATE UNIQUE INDEX IF NOT EXISTS "users_email_key" ON "users" ("email")',
      'CREATE INDEX IF NOT EXISTS "posts_author_idx" ON "posts" ("author_id")',
    ]);
  });

  it("prints composite keys, storage types, quoted string and negative defaults", () => {
    const sql = printCreateTable(
      {
        name: "memberships",
        columns: [
          { name: "org", storage: "text", nullable: false, autoincrement: false },
          { name: "user", storage: "integer", nullable: true, autoincrement: true },
          { name: "joined", storage: "epoch-ms", nullable: false, autoincrement: false },
          { name: "avatar", storage: "blob", nullable: true, autoincrement: false },
          { name: "meta", storage: "json-text", nullable: true, autoincrement: false },
          { name: "balance", storage: "real", nullable: false, autoincrement: false, defaultLiteral: -1.5 },
          { name: "note", storage: "text", nullable: true, autoincrement: false, defaultLiteral: "it's" },
          { name: "flag", storage: "boolean-int", nullable: true, autoincrement: false, defaultLiteral: null },
        ],
        primaryKey: ["org", "user"],
        indexes: [],
        foreignKeys: [],
      },
      sqliteDialect,
    );
    expect(sql).toBe(
      'CREATE TABLE IF NOT EXISTS "memberships" ("org" TEXT NOT NULL, "user" INTEGER NOT NULL, ' +
        '"joined" INTEGER NOT NULL, "avatar" BLOB, "meta" TEXT, "balance" REAL NOT NULL DEFAULT (-1.5), ' +
        `"note" TEXT DEFAULT 'it''s', "flag" INTEGER DEFAULT NULL, PRIMARY KEY ("org", "user"))`,
    );
  });

  it("keeps input order for reference cycles and self references", () => {
    const table = (name: string, ref: string) => ({
      name,
      columns: [],
      primaryKey: [],
      indexes: [],
      foreignKeys: [{ name: `${name}_fk`, columns: ["x"], referencesTable: ref, referencesColumns: ["id"] }],
    });
    expect(orderByDependencies([table("a", "b"), table("b", "a"), table("c", "c")]).map((t) => t.name)).toEqual([
      "b",
      "a",
      "c",
    ]);
  });
});
