import { createServer, type Server, Socket } from "node:net";
import { expr, select, ValidationError } from "@strata/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresDialectFor } from "../src/dialects/postgres.ts";
import { printStatement } from "../src/index.ts";
import { statementName } from "../src/postgres/statements.ts";
import { backendsNamed, type PgTestDb, pgTestDb, typesSchema } from "./postgres-fixtures.ts";

let db: PgTestDb;
beforeAll(async () => {
  db = await pgTestDb();
  // The session's own prepared statements, readable through a statement AST.
  await db.admin(`CREATE SCHEMA "${db.schema}"`);
  await db.admin(
    `CREATE VIEW "${db.schema}".strata_prepared AS SELECT name FROM pg_prepared_statements WHERE name LIKE 'strata\\_%'`,
  );
});
afterAll(() => db.dispose());

const selectT = select.create({
  from: select.table("things"),
  selections: [select.selection(expr.column("t"))],
  where: expr.compare("=", expr.column("t"), expr.param(0)),
});
const readT = (t: string) => ({ kind: "QuerySql", statement: selectT, params: [t], result: "rows" }) as const;
const insertT = (t: string) =>
  ({ kind: "Insert", table: "things", columns: ["t"], rows: [[t]], returning: [] }) as const;

describe("postgres pool", () => {
  it("opens no connection before the first query, and stamps application_name strata/<name>/<tenant>", async () => {
    const driver = db.open({ name: "lazy" });
    const stamp = `strata/lazy/${db.schema}`;
    expect(await backendsNamed(db, stamp)).toEqual([]);
    await driver.push(typesSchema);
    expect((await backendsNamed(db, stamp)).length).toBe(1);
    await driver.close();
  });

  it("takes API.md's spelling too: pool: { max } and applicationName", async () => {
    const driver = db.open({ applicationName: "api", pool: { max: 2 } });
    expect(driver.pool.options.max).toBe(2);
    await driver.push(typesSchema);
    expect((await backendsNamed(db, `strata/api/${db.schema}`)).length).toBe(1);
    await driver.close();
  });

  it("refuses bad options before connecting: a schema over 63 bytes, a bad max, two spellings that disagree, unknown keys", () => {
    const refused = (options: Record<string, unknown>) => {
      try {
        db.open(options);
      } catch (err) {
        return err;
      }
      return undefined;
    };
    // Two tenants whose names share their first 63 bytes would share one schema: refused, not cut.
    const long = refused({ schema: `t_${"é".repeat(31)}_a` });
    expect(long).toBeInstanceOf(ValidationError);
    expect((long as Error).message).toMatch(/66 bytes; PostgreSQL keeps 63/);
    expect(refused({ schema: `t${"x".repeat(62)}` })).toBeUndefined();
    for (const bad of [
      { max: 0 },
      { max: 2.5 },
      { pool: { max: -1 } },
      { max: 2, pool: { max: 3 } },
      { maxx: 2 },
      { schema: "" },
    ]) {
      expect(refused(bad), JSON.stringify(bad)).toBeInstanceOf(ValidationError);
    }
  });

  it("close() drains the pool: no backend of it is left", async () => {
    const driver = db.open({ name: "drain", max: 3 });
    const conns = await Promise.all([driver.connect(), driver.connect(), driver.connect()]);
    await Promise.all(conns.map((c) => c.close()));
    expect((await backendsNamed(db, `strata/drain/${db.schema}`)).length).toBe(3);
    await driver.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await backendsNamed(db, `strata/drain/${db.schema}`)).toEqual([]);
    expect(driver.pool.totalCount).toBe(0);
  });

  it("uses named prepared statements by default, unnamed ones with pgbouncer: true", async () => {
    const named = db.open({ name: "named", max: 1 });
    const bouncer = db.open({ name: "bouncer", max: 1, pgbouncer: true });
    await named.push(typesSchema);
    const expected = statementName(printStatement(selectT, postgresDialectFor(db.schema)).sql);
    const seen = async (driver: typeof named) =>
      driver.pin(async (conn) => {
        await conn.exec(readT("x"));
        await conn.exec(readT("y")); // the same statement again reuses the prepared one
        const { rows } = await conn.exec({ kind: "QuerySql", statement: listPrepared(), params: [], result: "rows" });
        return rows.map((r) => r.name);
      });
    const namedSeen = await seen(named);
    expect(namedSeen).toContain(expected);
    expect(namedSeen.filter((n) => n === expected)).toHaveLength(1);
    expect(await seen(bouncer)).toEqual([]);
  });

  it("pin(): one physical connection throughout, DEALLOCATE ALL before it goes back", async () => {
    const driver = db.open({ name: "pin", max: 1 });
    await driver.push(typesSchema);
    const pid = await driver.pin(async (conn) => {
      await conn.exec(readT("a"));
      const pids = new Set([conn.pid]);
      await conn.exec(readT("b"));
      pids.add(conn.pid);
      expect(pids.size).toBe(1);
      return conn.pid;
    });
    // Same single pooled connection: the named statement was deallocated and pg forgot it, so it re-prepares fine.
    const after = await driver.pin(async (conn) => {
      expect(conn.pid).toBe(pid);
      const before = await conn.exec({ kind: "QuerySql", statement: listPrepared(), params: [], result: "rows" });
      await conn.exec(readT("a"));
      return before.rows.map((r) => r.name);
    });
    // Only the listing statement itself is prepared: what the first pin made was deallocated.
    expect(after).toHaveLength(1);
  });

  it("two tenants on one database (schema per tenant) never see each other's rows", async () => {
    const otherSchema = `${db.schema}_b`;
    const a = db.open({ name: "tenant" });
    const b = db.open({ name: "tenant", schema: otherSchema });
    try {
      await a.push(typesSchema);
      await b.push(typesSchema); // creates the missing schema
      await a.exec(insertT("only-a"));
      await b.exec(insertT("only-b"));
      expect((await a.exec(readT("only-b"))).rows).toEqual([]);
      expect((await b.exec(readT("only-a"))).rows).toEqual([]);
      expect((await b.exec(readT("only-b"))).rows).toEqual([{ t: "only-b" }]);
      expect((await backendsNamed(db, `strata/tenant/${otherSchema}`)).length).toBe(1);
    } finally {
      await b.close();
      await db.admin(`DROP SCHEMA IF EXISTS "${otherSchema}" CASCADE`);
    }
  });

  it("connects through a custom socket (a tunnel): every byte goes through it", async () => {
    const target = new URL(db.url);
    let bytes = 0;
    const proxy: Server = createServer((inbound) => {
      const outbound = new Socket().connect(Number(target.port || 5432), target.hostname);
      inbound.on("data", (d: Buffer) => {
        bytes += d.length;
      });
      inbound.pipe(outbound).pipe(inbound);
      inbound.on("error", () => outbound.destroy());
      outbound.on("error", () => inbound.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const address = proxy.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const opened: string[] = [];
    const driver = db.open({
      name: "tunnel",
      // Like an SSH forwardOut: an async factory handing back a connected Duplex.
      socket: async ({ host, port: dbPort }) => {
        opened.push(`${host}:${dbPort}`);
        const socket = new Socket();
        await new Promise<void>((resolve, reject) => socket.connect(port, "127.0.0.1", resolve).once("error", reject));
        return socket;
      },
    });
    try {
      await driver.push(typesSchema);
      await driver.exec(insertT("via-tunnel"));
      expect((await driver.exec(readT("via-tunnel"))).rows).toEqual([{ t: "via-tunnel" }]);
      expect(opened).toEqual([`${target.hostname}:${target.port || 5432}`]);
      expect(bytes).toBeGreaterThan(100);
    } finally {
      await driver.close();
      proxy.close();
    }
  });
});

/** The named Strata statements this session has prepared (pg_prepared_statements through a view). */
function listPrepared() {
  return select.create({ from: select.table("strata_prepared"), selections: [select.selection(expr.column("name"))] });
}
