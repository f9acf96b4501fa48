export type { SqlDialect } from "./dialect.ts";
export { sqliteDialect } from "./dialects/sqlite.ts";
export type { PrintedSql } from "./printer/context.ts";
export { printStatement } from "./printer/statement.ts";
export { sqliteCapability } from "./sqlite/capability.ts";
export { type SqliteDriver, sqlite } from "./sqlite/driver.ts";
export type { SqliteOptions } from "./sqlite/session.ts";
export type { StatementCacheStats } from "./sqlite/statements.ts";
