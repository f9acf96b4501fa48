import { randomBytes } from "node:crypto";
import mysql2 from "mysql2/promise";
import pg from "pg";

/** This machine's service (ENV.md): trust auth, user postgres, database test. */
export const LOCAL_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

export interface FoundDatabase {
  url: string;
  /** Where it came from, for test output. */
  source: "env" | "testcontainers" | "local";
}

let found: Promise<FoundDatabase> | undefined;

/**
 * The one rule (ENV.md): `STRATA_PG_URL` if set; else a testcontainers
 * PostgreSQL when a container runtime answers; else the local service.
 * Resolved once per test worker.
 */
export function findPostgres(): Promise<FoundDatabase> {
  found ??= resolvePostgres();
  return found;
}

async function resolvePostgres(): Promise<FoundDatabase> {
  const fromEnv = process.env.STRATA_PG_URL;
  if (fromEnv) return { url: fromEnv, source: "env" };
  const container = await startContainer();
  return container ? { url: container, source: "testcontainers" } : { url: LOCAL_POSTGRES_URL, source: "local" };
}

/** A reusable postgres:15 container, or undefined at once when no container runtime answers. */
async function startContainer(): Promise<string | undefined> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import("testcontainers");
  try {
    await getContainerRuntimeClient();
  } catch {
    return undefined; // "Could not find a working container runtime strategy": fails fast, no Docker here.
  }
  const container = await new GenericContainer("postgres:15")
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: "trust", POSTGRES_DB: "test" })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .withReuse()
    .start();
  return `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/test`;
}

/** A fresh schema name for one test file: `strata_t_<random>`. */
export function randomSchemaName(): string {
  return `strata_t_${randomBytes(6).toString("hex")}`;
}

/** Runs one statement on its own short connection (setup and cleanup, outside any driver). */
export async function adminQuery(url: string, sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/** Drops a test schema and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  await adminQuery(url, `DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`);
}

// ---- MySQL / MariaDB -----------------------------------------------------------

/** This machine's service (ENV.md): MariaDB 10.11, user root, empty password, database test. */
export const LOCAL_MYSQL_URL = "mysql://root@127.0.0.1:3306/test";

let foundMysql: Promise<FoundDatabase> | undefined;

/**
 * The same rule for MySQL: `STRATA_MYSQL_URL` if set; else a testcontainers
 * MariaDB when a container runtime answers; else the local service.
 */
export function findMysql(): Promise<FoundDatabase> {
  foundMysql ??= resolveMysql();
  return foundMysql;
}

async function resolveMysql(): Promise<FoundDatabase> {
  const fromEnv = process.env.STRATA_MYSQL_URL;
  if (fromEnv) return { url: fromEnv, source: "env" };
  const container = await startMysqlContainer();
  return container ? { url: container, source: "testcontainers" } : { url: LOCAL_MYSQL_URL, source: "local" };
}

async function startMysqlContainer(): Promise<string | undefined> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import("testcontainers");
  try {
    await getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  const container = await new GenericContainer("mariadb:10.11")
    .withEnvironment({ MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: "1", MARIADB_DATABASE: "test" })
    .withExposedPorts(3306)
    .withWaitStrategy(Wait.forLogMessage(/ready for connections/, 2))
    .withReuse()
    .start();
  return `mysql://root@${container.getHost()}:${container.getMappedPort(3306)}/test`;
}

/** Runs statements on one short connection to the server (setup and cleanup, outside any driver). */
export async function mysqlAdmin(url: string, ...statements: string[]): Promise<unknown[]> {
  const conn = await mysql2.createConnection({ uri: url, supportBigNumbers: true, bigNumberStrings: true });
  try {
    const results: unknown[] = [];
    for (const sql of statements) results.push((await conn.query(sql))[0]);
    return results;
  } finally {
    await conn.end();
  }
}

/** A fresh database `strata_t_<random>` on the found server: its URL, and `drop()` for afterAll. */
export async function createMysqlDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const server = (await findMysql()).url;
  const name = randomSchemaName();
  await mysqlAdmin(server, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const drop = async (): Promise<void> => {
    await mysqlAdmin(server, `DROP DATABASE IF EXISTS \`${name}\``);
  };
  return { url: url.href, name, drop };
}
