import type { DbSchema } from "@strata/core";
import { createMysqlDatabase, mysqlAdmin } from "../../../tests/support/databases.ts";
import { type MysqlDriver, type MysqlOptions, mysql } from "../src/index.ts";

/** A test file's MySQL database (`strata_t_<random>`), dropped with every driver closed by `dispose()`. */
export interface MysqlTestDb {
  url: string;
  name: string;
  /** Opens a driver on the file's database (closed by dispose). */
  open(options?: MysqlOptions): MysqlDriver;
  /** Runs statements outside any driver (setup, checks); returns each result. */
  admin(...statements: string[]): Promise<unknown[]>;
  /** Rows of one admin query. */
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  dispose(): Promise<void>;
}

export async function mysqlTestDb(): Promise<MysqlTestDb> {
  const db = await createMysqlDatabase();
  const drivers: MysqlDriver[] = [];
  const admin = (...statements: string[]) => mysqlAdmin(db.url, ...statements);
  return {
    url: db.url,
    name: db.name,
    open(options = {}) {
      const driver = mysql(db.url, options);
      drivers.push(driver);
      return driver;
    },
    admin,
    rows: async <T>(sql: string) => (await admin(sql))[0] as T[],
    async dispose() {
      await Promise.all(drivers.map((d) => d.close()));
      await db.drop();
    },
  };
}

/** Connections the server holds open on this database (PROCESSLIST), excluding the admin connection asking. */
export async function connectionsOn(t: MysqlTestDb): Promise<number[]> {
  const rows = await t.rows<{ ID: number | string }>(
    `SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '${t.name}' AND ID <> CONNECTION_ID()`,
  );
  return rows.map((r) => Number(r.ID));
}

/** Every storage type the MySQL capability uses, in one table. */
export const typesSchema: DbSchema = {
  tables: [
    {
      name: "types",
      columns: [
        { name: "id", storage: "integer", nullable: false, autoincrement: true },
        { name: "label", storage: "text", nullable: false, autoincrement: false },
        { name: "score", storage: "real", nullable: true, autoincrement: false },
        { name: "big", storage: "bigint", nullable: true, autoincrement: false },
        { name: "flag", storage: "boolean-int", nullable: true, autoincrement: false },
        { name: "at", storage: "timestamp", nullable: true, autoincrement: false },
        { name: "bytes", storage: "blob", nullable: true, autoincrement: false },
        { name: "doc", storage: "json-text", nullable: true, autoincrement: false },
        { name: "note", storage: "text", nullable: true, autoincrement: false, defaultLiteral: "it's \\ fine" },
      ],
      primaryKey: ["id"],
      indexes: [{ name: "types_label_key", columns: ["label"], unique: true }],
      foreignKeys: [],
    },
  ],
};
