import type { AppSchema, Capability } from "@strata/core";
import {
  type MysqlDriver,
  mysql,
  mysqlCapability,
  mysqlDialect,
  type PostgresDriver,
  postgres,
  postgresCapability,
  postgresDialect,
  type SqlDialect,
  type SqliteDriver,
  sqlite,
  sqliteCapability,
  sqliteDialect,
} from "@strata/driver-sql";

/** A SQL database the CLI migrates. */
export type SqlTarget = SqliteDriver | PostgresDriver | MysqlDriver;

/** The SQL backends by dialect name, for offline diffs (no connection). */
export const SQL_BACKENDS: ReadonlyMap<string, { dialect: SqlDialect; capability: Capability }> = new Map([
  ["sqlite", { dialect: sqliteDialect, capability: sqliteCapability }],
  ["postgres", { dialect: postgresDialect, capability: postgresCapability }],
  ["mysql", { dialect: mysqlDialect, capability: mysqlCapability }],
]);

/**
 * Opens the driver a URL names: `sqlite:./app.db` (or `file:`), `postgres://…`
 * (`?schema=name` puts every table in that schema), `mysql://…` / `mariadb://…`.
 */
export function openTarget(url: string): SqlTarget {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case "sqlite":
    case "file": {
      const file = url.slice(scheme.length + 1).replace(/^\/\//, "");
      if (file.trim() === "")
        throw new RangeError(
          `the database URL ${url} names no file; write sqlite:./app.db (a path), or sqlite::memory: for a database that keeps nothing`,
        );
      return sqlite(file);
    }
    case "postgres":
    case "postgresql": {
      const parsed = new URL(url);
      const schema = parsed.searchParams.get("schema") ?? undefined;
      parsed.searchParams.delete("schema");
      return postgres(parsed.href, schema === undefined ? { name: "strata-cli" } : { name: "strata-cli", schema });
    }
    case "mysql":
    case "mariadb":
      return mysql(scheme === "mariadb" ? `mysql${url.slice("mariadb".length)}` : url);
    default:
      throw new RangeError(
        `unknown database URL ${scheme ? `scheme "${scheme}:"` : url}; expected sqlite:./file.db, postgres://… or mysql://…`,
      );
  }
}

/** Reads `schema.snapshot.json` (what `strata generate` writes) as an app schema. */
export function parseSnapshot(text: string, where: string): AppSchema {
  const data: unknown = JSON.parse(text);
  const models = data !== null && typeof data === "object" ? Reflect.get(data, "models") : undefined;
  if (!Array.isArray(models)) throw new RangeError(`${where}: not a Strata schema snapshot (no models list)`);
  return { models };
}
