import type { DbSchema } from "@strata/core";
import type pg from "pg";
import { adminQuery, dropSchema, findPostgres, randomSchemaName } from "../../../tests/support/databases.ts";
import { type PostgresDriver, type PostgresOptions, postgres } from "../src/index.ts";

export { adminQuery };

/** A test file's PostgreSQL: its own schema, dropped (with every driver closed) by `dispose()`. */
export interface PgTestDb {
  url: string;
  schema: string;
  /** Opens a driver on the file's schema (closed by dispose). */
  open(options?: PostgresOptions): PostgresDriver;
  /** Runs SQL outside any driver (setup, checks). */
  admin(sql: string, values?: unknown[]): Promise<pg.QueryResult>;
  dispose(): Promise<void>;
}

export async function pgTestDb(): Promise<PgTestDb> {
  const { url } = await findPostgres();
  const schema = randomSchemaName();
  const drivers: PostgresDriver[] = [];
  return {
    url,
    schema,
    open(options = {}) {
      const driver = postgres(url, { schema, ...options });
      drivers.push(driver);
      return driver;
    },
    admin: (sql, values = []) => adminQuery(url, sql, values),
    async dispose() {
      await Promise.all(drivers.map((d) => d.close()));
      await dropSchema(url, schema);
    },
  };
}

/** Every storage type the PostgreSQL capability uses, in one table. */
export const typesSchema: DbSchema = {
  tables: [
    {
      name: "things",
      columns: [
        { name: "id", storage: "integer", nullable: false, autoincrement: true },
        { name: "t", storage: "text", nullable: true, autoincrement: false },
        { name: "r", storage: "real", nullable: true, autoincrement: false },
        { name: "i", storage: "integer", nullable: true, autoincrement: false },
        { name: "big", storage: "bigint", nullable: true, autoincrement: false },
        { name: "b", storage: "boolean", nullable: true, autoincrement: false },
        { name: "ts", storage: "timestamp", nullable: true, autoincrement: false },
        { name: "bytes", storage: "blob", nullable: true, autoincrement: false },
        { name: "j", storage: "json", nullable: true, autoincrement: false },
      ],
      primaryKey: ["id"],
      indexes: [{ name: "things_t_key", columns: ["t"], unique: true }],
      foreignKeys: [],
    },
  ],
};

/** Application names of this database's live backends. */
export async function backendsNamed(db: PgTestDb, applicationName: string): Promise<number[]> {
  const { rows } = await db.admin("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [applicationName]);
  return rows.map((r: { pid: number }) => r.pid);
}
