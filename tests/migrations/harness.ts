import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  type ComputedMigration,
  computeMigration,
  deployMigrations,
  liveFromIntrospection,
  migrationText,
  nextMigrationName,
  openTarget,
  type Renames,
  writeMigration,
} from "@strata/cli";
import type { AppSchema, Row } from "@strata/core";
import { adminQuery, createMysqlDatabase, dropSchema, findPostgres, randomSchemaName } from "../support/databases.ts";
import { snapshotText } from "./schemas.ts";

/** One fresh database per test file and backend: its URL, and `drop()` for afterAll. */
export interface MigrationBackend {
  name: "sqlite" | "postgres" | "mysql";
  url: string;
  /** Table names as SQL needs them (schema-qualified on PostgreSQL). */
  table(name: string): string;
  drop(): Promise<void>;
}

export async function freshBackend(name: MigrationBackend["name"]): Promise<MigrationBackend> {
  if (name === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-mig-"));
    const file = path.join(dir, "app.db");
    const drop = async () => fs.rmSync(dir, { recursive: true, force: true });
    return { name, url: `sqlite:${file}`, table: (t) => `"${t}"`, drop };
  }
  if (name === "postgres") {
    const server = (await findPostgres()).url;
    const schema = randomSchemaName();
    await adminQuery(server, `CREATE SCHEMA "${schema}"`);
    const url = `${server}?schema=${schema}`;
    return { name, url, table: (t) => `"${schema}"."${t}"`, drop: () => dropSchema(server, schema) };
  }
  const db = await createMysqlDatabase();
  return { name, url: db.url, table: (t) => `\`${t}\``, drop: db.drop };
}

/** Runs SQL on the backend through the same driver the CLI uses. */
export async function sql(backend: MigrationBackend, text: string, params: unknown[] = []): Promise<Row[]> {
  const driver = openTarget(backend.url);
  try {
    const conn = await driver.connect();
    try {
      return await conn.runSql(text, params);
    } finally {
      await conn.close();
    }
  } finally {
    await driver.close();
  }
}

/** The migration from the live database to `app`, as `strata migrate diff --url` computes it. */
export async function diffLive(
  backend: MigrationBackend,
  app: AppSchema,
  renames?: Renames,
): Promise<ComputedMigration> {
  const driver = openTarget(backend.url);
  try {
    const current = liveFromIntrospection(await driver.introspect());
    return computeMigration(current, app, driver, renames);
  } finally {
    await driver.close();
  }
}

/** diff + write + deploy, as `strata migrate dev` does; returns the computed migration. */
export async function migrateTo(
  backend: MigrationBackend,
  dir: string,
  app: AppSchema,
  name: string,
  renames?: Renames,
): Promise<ComputedMigration> {
  const migration = await diffLive(backend, app, renames);
  const driver = openTarget(backend.url);
  try {
    const file = nextMigrationName(dir, name);
    writeMigration(
      dir,
      file,
      new Map([[migration.dialect, migrationText(file, migration, driver.capability)]]),
      snapshotText(app),
    );
    const conn = await driver.connect();
    try {
      await deployMigrations({ conn, dialect: driver.dialect, capability: driver.capability }, dir);
    } finally {
      await conn.close();
    }
  } finally {
    await driver.close();
  }
  return migration;
}

export async function introspectTable(backend: MigrationBackend, table: string) {
  const driver = openTarget(backend.url);
  try {
    return (await driver.introspect()).tables.find((t) => t.name === table);
  } finally {
    await driver.close();
  }
}
