import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import type { Driver } from "@strata/core";
import { mysql, postgres } from "@strata/driver-sql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminQuery,
  createMysqlDatabase,
  findMysql,
  findPostgres,
  mysqlAdmin,
  randomSchemaName,
} from "../support/databases.js";
import { LoggingDriver } from "../support/logging-driver.js";
import { diffSchema } from "./differential/schema.js";
import { report } from "./figures.js";
import { runtimeClient } from "./runtime-schema.js";

/**
 * A real role with a random password per server: every error (message, stack,
 * cause chain, inspect output), explain text, logged operation and maskedUrl()
 * of succeeding and failing work must never contain it.
 */
const secret = () => `strata_secret_${randomBytes(9).toString("hex")}`;
const ROLE = `strata_sec_${randomBytes(4).toString("hex")}`;
const PASSWORD = secret();
const WRONG = secret();
const missingTable = {
  models: [{ ...diffSchema.models[0]!, name: "Ghost", table: "no_such_table", relations: [] }],
};

/** Every text an error exposes: message, stack, each cause's, and util.inspect of the whole object. */
function texts(err: unknown): string[] {
  const out: string[] = [inspect(err, { depth: 6 })];
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 10; depth++) {
    out.push(String(e));
    if (e instanceof Error) out.push(e.message, e.stack ?? "");
    e = e instanceof Error ? e.cause : undefined;
  }
  return out;
}

/** The texts are real (the masked URLs name the role and show ***), and none holds either password. */
function expectClean(seen: string[]): void {
  expect(seen.filter((t) => t.includes(ROLE) && t.includes("***")).length).toBeGreaterThanOrEqual(3);
  for (const text of seen) {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(WRONG);
  }
}

async function failure(work: () => PromiseLike<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error("expected a failure");
}

/** Runs succeeding and failing work through `makeDriver(url)` and returns every text it produced. */
async function exercise(
  url: (password: string, port?: number) => string,
  make: (u: string) => Driver & { maskedUrl(): string },
) {
  const seen: string[] = [];
  const good = make(url(PASSWORD));
  const log = new LoggingDriver(good);
  const db = runtimeClient(diffSchema, log);
  const errors: unknown[] = [];
  try {
    await db.push();
    const user = db.model("DUser");
    await user.create({ data: { id: "s1", name: "n" } });
    seen.push(
      JSON.stringify(
        await (user.findMany({ where: { name: "n" } }) as unknown as { explain(): Promise<unknown> }).explain(),
      ),
    );
    errors.push(await failure(() => user.create({ data: { id: "s1" } }))); // unique violation
    const ghost = runtimeClient(missingTable, good);
    errors.push(await failure(() => ghost.model("Ghost").findMany({}))); // bad table
    seen.push(good.maskedUrl(), ...log.ops().map((o) => o.text));
  } finally {
    await db.close();
  }
  for (const u of [url(WRONG), url(PASSWORD, 1)]) {
    const driver = make(u);
    seen.push(driver.maskedUrl());
    const client = runtimeClient(diffSchema, driver);
    // Wrong password (refused on MariaDB; PostgreSQL here trusts local connections) and an unreachable port.
    errors.push(
      await client
        .model("DUser")
        .count({})
        .then(
          () => undefined,
          (e: unknown) => e,
        ),
    );
    await client.close();
  }
  const typed = errors.filter((e) => e !== undefined);
  for (const e of typed) seen.push(...texts(e));
  return { seen, errors: typed.length };
}

describe("secrets never appear in errors, explain, logs or maskedUrl()", () => {
  const figures: Record<string, number> = {};
  afterAll(() => report("secrets", figures));

  describe("postgres", () => {
    let base: URL;
    const schema = randomSchemaName();
    beforeAll(async () => {
      base = new URL((await findPostgres()).url);
      await adminQuery(base.href, `CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'`);
      await adminQuery(base.href, `GRANT CREATE, CONNECT ON DATABASE ${base.pathname.slice(1)} TO ${ROLE}`);
    });
    afterAll(async () => {
      await adminQuery(base.href, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await adminQuery(base.href, `DROP OWNED BY ${ROLE}`); // its grant on the database
      await adminQuery(base.href, `DROP ROLE ${ROLE}`);
    });
    it("no text contains the password", async () => {
      const url = (password: string, port?: number) => {
        const u = new URL(base.href);
        Object.assign(u, { username: ROLE, password, ...(port ? { port: String(port) } : {}) });
        return u.href;
      };
      const { seen, errors } = await exercise(url, (u) => postgres(u, { schema, max: 2 }));
      figures.postgresTexts = seen.length;
      figures.postgresErrors = errors;
      expect(errors).toBeGreaterThanOrEqual(3);
      expectClean(seen);
    });

    it("every URL form: inspect, JSON, maskedUrl and connect errors never show the password", async () => {
      const host = `${base.hostname}:${base.port || 5432}`;
      const db = base.pathname;
      const raw = `${PASSWORD}@x`;
      const forms: [string, string, string][] = [
        ["userinfo", `postgres://${ROLE}:${PASSWORD}@${host}${db}`, PASSWORD],
        ["?password=", `postgres://${ROLE}@${host}${db}?password=${PASSWORD}`, PASSWORD],
        ["?sslpassword=", `postgres://${ROLE}@${host}${db}?sslpassword=${PASSWORD}`, PASSWORD],
        ["a raw @ in the password", `postgres://${ROLE}:${raw}@${host}${db}`, raw],
        [
          "percent-encoded",
          `postgres://${ROLE}:${encodeURIComponent(`${PASSWORD}/:@`)}@${host}${db}`,
          `${PASSWORD}/:@`,
        ],
      ];
      let count = 0;
      for (const [form, url, password] of forms) {
        const driver = postgres(url, { max: 1, acquireTimeoutMs: 3000 });
        const client = runtimeClient(diffSchema, driver);
        const down = postgres(url.replace(host, "127.0.0.1:1"), { max: 1, acquireTimeoutMs: 3000 });
        const refused = await down.ping().then(
          () => undefined,
          (e: unknown) => e,
        );
        const seen = [
          driver.maskedUrl(),
          inspect(driver, { depth: 8 }),
          JSON.stringify(driver),
          inspect(client, { depth: 8 }),
          JSON.stringify(client),
          inspect(driver.pool, { depth: 8 }),
          JSON.stringify(driver.pool.options),
          ...texts(refused),
        ];
        expect(refused, form).toBeDefined();
        expect(driver.maskedUrl(), form).toContain("***");
        for (const text of seen) {
          expect(text, form).not.toContain(PASSWORD);
          expect(text, form).not.toContain(password);
          expect(text, form).not.toContain(encodeURIComponent(password));
        }
        count += seen.length;
        await client.close();
        await down.close();
      }
      figures.postgresUrlFormTexts = count;
    });
  });

  describe("mysql", () => {
    let database: Awaited<ReturnType<typeof createMysqlDatabase>>;
    let server: string;
    beforeAll(async () => {
      server = (await findMysql()).url;
      database = await createMysqlDatabase();
      await mysqlAdmin(
        server,
        `CREATE USER '${ROLE}'@'%' IDENTIFIED BY '${PASSWORD}'`,
        `GRANT ALL ON \`${database.name}\`.* TO '${ROLE}'@'%'`,
      );
    });
    afterAll(async () => {
      await mysqlAdmin(server, `DROP USER IF EXISTS '${ROLE}'@'%'`);
      await database.drop();
    });
    it("no text contains the password", async () => {
      const url = (password: string, port?: number) => {
        const u = new URL(database.url);
        Object.assign(u, { username: ROLE, password, ...(port ? { port: String(port) } : {}) });
        return u.href;
      };
      const { seen, errors } = await exercise(url, (u) => mysql(u, { poolSize: 2, connectTimeoutMs: 3000 }));
      figures.mysqlTexts = seen.length;
      figures.mysqlErrors = errors;
      expect(errors).toBe(4);
      expectClean(seen);
    });
  });
});
