import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgTestDb, pgTestDb } from "./postgres-fixtures.ts";

let db: PgTestDb;
beforeAll(async () => {
  db = await pgTestDb();
});
afterAll(() => db.dispose());

describe("postgres introspection", () => {
  it("reports tables, columns, indexes, unique constraints, foreign keys, routines and sequences of the schema", async () => {
    const driver = db.open({ name: "introspect" });
    await driver.push({
      tables: [
        {
          name: "users",
          columns: [
            { name: "id", storage: "bigint", nullable: false, autoincrement: true },
            { name: "email", storage: "text", nullable: false, autoincrement: false },
            { name: "active", storage: "boolean", nullable: false, autoincrement: false, defaultLiteral: true },
            { name: "seen", storage: "timestamp", nullable: true, autoincrement: false },
          ],
          primaryKey: ["id"],
          indexes: [{ name: "users_email_key", columns: ["email"], unique: true }],
          foreignKeys: [],
        },
        {
          name: "posts",
          columns: [
            { name: "id", storage: "integer", nullable: false, autoincrement: true },
            { name: "author_id", storage: "bigint", nullable: false, autoincrement: false },
          ],
          primaryKey: ["id"],
          indexes: [],
          foreignKeys: [
            { name: "posts_author_fkey", columns: ["author_id"], referencesTable: "users", referencesColumns: ["id"] },
          ],
        },
      ],
    });
    const s = `"${db.schema}"`;
    await db.admin(`CREATE FUNCTION ${s}.add_one(n integer) RETURNS integer LANGUAGE sql AS 'SELECT n + 1'`);
    await db.admin(`CREATE PROCEDURE ${s}.noop() LANGUAGE plpgsql AS 'BEGIN END'`);
    await db.admin(`CREATE SEQUENCE ${s}.invoice_no START 1000 INCREMENT 5`);

    const info = await driver.introspect();
    expect(info.databases).toContain("test");
    expect(info.schemas).toContain(db.schema);
    expect(info.tables.map((t) => t.name)).toEqual(["posts", "users"]);
    const users = info.tables.find((t) => t.name === "users");
    expect(users?.schema).toBe(db.schema);
    expect(users?.primaryKey).toEqual(["id"]);
    expect(users?.columns).toEqual([
      { name: "id", type: "bigint", nullable: false, default: null, autoincrement: true },
      { name: "email", type: "text", nullable: false, default: null, autoincrement: false },
      { name: "active", type: "boolean", nullable: false, default: "true", autoincrement: false },
      { name: "seen", type: "timestamp with time zone", nullable: true, default: null, autoincrement: false },
    ]);
    expect(users?.indexes).toEqual([
      { name: "users_email_key", columns: ["email"], unique: true, primary: false },
      { name: "users_pkey", columns: ["id"], unique: true, primary: true },
    ]);
    expect(info.tables.find((t) => t.name === "posts")?.foreignKeys).toEqual([
      {
        name: "posts_author_fkey",
        columns: ["author_id"],
        referencesSchema: db.schema,
        referencesTable: "users",
        referencesColumns: ["id"],
        onDelete: "NO ACTION",
        onUpdate: "NO ACTION",
      },
    ]);
    expect(info.routines).toEqual([
      {
        schema: db.schema,
        name: "add_one",
        kind: "function",
        arguments: "n integer",
        returns: "integer",
        language: "sql",
      },
      { schema: db.schema, name: "noop", kind: "procedure", arguments: "", returns: null, language: "plpgsql" },
    ]);
    expect(info.sequences).toEqual(
      expect.arrayContaining([
        { schema: db.schema, name: "invoice_no", dataType: "bigint", start: "1000", increment: "5", ownedBy: null },
        {
          schema: db.schema,
          name: "users_id_seq",
          dataType: "bigint",
          start: "1",
          increment: "1",
          ownedBy: "users.id",
        },
      ]),
    );
  });
});
