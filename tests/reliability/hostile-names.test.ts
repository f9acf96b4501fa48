import {
  type AppSchema,
  derivedName,
  ForeignKeyViolationError,
  type ModelDef,
  UniqueViolationError,
  ValidationError,
} from "@strata/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backends } from "../conformance/backends.js";
import { LoggingDriver } from "../support/logging-driver.js";
import { report } from "./figures.js";
import { hostileString } from "./hostile.js";
import { runtimeClient } from "./runtime-schema.js";

const SEED = Number(process.env.STRATA_FUZZ_SEED ?? 7331);
/** Schemas per backend; every schema is pushed into a fresh database (MySQL DDL is the slow part). */
const RUNS: Record<string, number> = { sqlite: 100, postgres: 100, mysql: 100, dynamodb: 40 };

/** The names of one generated schema: two related tables, their columns, and the reserved-prefix case. */
interface Names {
  item: string;
  s: string;
  u: string;
  child: string;
  fk: string;
  note: string;
}

/**
 * A name body: a hostile string (NUL included), or one of exactly the lengths
 * around the backends' limits in 1- to 4-byte characters (PostgreSQL keeps 63
 * bytes, MySQL 64 characters).
 */
const AT_LIMITS: [string, number][] = [
  ["x", 62],
  ["x", 63],
  ["x", 64],
  ["x", 65],
  ["é", 31],
  ["é", 32],
  ["é", 64],
  ["é", 65],
  ["中", 21],
  ["中", 22],
  ["😀", 16],
  ["😀", 17],
  ["😀", 64],
];
/** Characters up to U+FFFF only: MySQL refuses wider ones in any name, so most MySQL schemas would stop there. */
const bmp = (h: string) => [...h].map((c) => (c.codePointAt(0)! > 0xffff ? "\u{ffef}" : c)).join("");
const body = (prefix: string) =>
  fc.oneof(
    { weight: 2, arbitrary: hostileString(false).map((h) => prefix + h) },
    { weight: 10, arbitrary: hostileString(false).map((h) => prefix + bmp(h)) },
    // `prefix` + the character: `n` characters in all.
    { weight: 1, arbitrary: fc.constantFrom(...AT_LIMITS).map(([c, n]) => prefix + c.repeat(n - 1)) },
  );

const KEYS = ["item", "s", "u", "child", "fk", "note"] as const;
const names: fc.Arbitrary<Names> = fc
  .record({
    names: fc.record({ item: body("t"), s: body("c"), u: body("d"), child: body("e"), fk: body("f"), note: body("g") }),
    // Sometimes the item table takes SQLite's reserved prefix (other backends keep such a name).
    reserved: fc.constantFrom("", "", "", "", "sqlite_", "SQLITE_"),
    // One schema in ten gets a NUL in one of its names.
    nul: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...KEYS) }),
  })
  .map(({ names: n, reserved, nul }) => {
    const out = { ...n, item: reserved + n.item };
    if (nul !== null) out[nul] = `${out[nul]}\0x`;
    return out;
  })
  .filter((n) => n.item.toLowerCase() !== "canary" && n.child.toLowerCase() !== "canary");

const chars = (s: string) => [...s].length;
const bytes = (s: string) => new TextEncoder().encode(s).length;

/**
 * Whether `backend` must refuse the schema, from each backend's documented
 * limits (written out here on their own, not taken from the code under test).
 */
function mustRefuse(backend: string, n: Names): boolean {
  // DynamoDB tables get plain names (tableName), so only its column names are hostile.
  const all = backend === "dynamodb" ? [n.s, n.u, n.fk, n.note] : Object.values(n);
  if (all.some((x) => x.includes("\0"))) return true;
  switch (backend) {
    case "sqlite":
      return n.item.toLowerCase().startsWith("sqlite_");
    case "postgres":
      return all.some((x) => bytes(x) > 63);
    case "mysql":
      return all.some(
        (x) => chars(x) > 64 || /[ \t\n\v\f\r]$/.test(x) || [...x].some((c) => c.codePointAt(0)! > 0xffff),
      );
    default:
      // DynamoDB: table and index names here are plain (see tableName); attribute names up to 255 bytes.
      return all.some((x) => bytes(x) > 255);
  }
}

/** DynamoDB table names take only [A-Za-z0-9_.-]: there the tables get plain names and the columns stay hostile. */
function tableName(backend: string, name: string, plain: string): string {
  return backend === "dynamodb" ? plain : name;
}

function schemaFor(backend: string, n: Names, i: number): AppSchema {
  const item = tableName(backend, n.item, `item${i}`);
  const child = tableName(backend, n.child, `child${i}`);
  // Index names as `strata generate` derives them; DynamoDB GSI names take the same plain characters as tables.
  const name = (table: string, column: string, suffix: string) =>
    backend === "dynamodb" ? `${table}_${suffix}_${i}` : derivedName(`${table}_${column}_${suffix}`);
  const int = (fieldName: string, column?: string) => ({
    name: fieldName,
    type: "int" as const,
    nullable: false,
    ...(column === undefined ? {} : { column }),
  });
  const str = (fieldName: string, column: string, nullable = false) => ({
    name: fieldName,
    type: "string" as const,
    nullable,
    column,
  });
  const models: ModelDef[] = [
    {
      name: "Item",
      table: item,
      id: ["id"],
      fields: [int("id"), str("s", n.s), str("u", n.u, true)],
      indexes: [
        { name: name(item, n.s, "key"), fields: ["s"], unique: true },
        { name: name(item, n.u, "idx"), fields: ["u"], unique: false },
      ],
      relations: [{ name: "children", kind: "hasMany", target: "Child", foreignKey: ["itemId"], references: ["id"] }],
    },
    {
      name: "Child",
      table: child,
      id: ["id"],
      fields: [int("id"), int("itemId", n.fk), str("note", n.note, true)],
      indexes: [{ name: name(child, n.fk, "idx"), fields: ["itemId"], unique: false }],
      relations: [{ name: "item", kind: "belongsTo", target: "Item", foreignKey: ["itemId"], references: ["id"] }],
    },
    {
      name: "Canary",
      table: "canary",
      id: ["id"],
      fields: [int("id"), { name: "v", type: "string", nullable: false }],
      indexes: [],
      relations: [],
    },
  ];
  return { models };
}

describe.each(backends.map((b) => [b.name, b] as const))("hostile table and column names on %s", (name, backend) => {
  it("each name is kept exactly or refused before any I/O with a ValidationError, and the canary stays intact", async () => {
    const runs = RUNS[name] ?? 30;
    const figures = { schemas: 0, refused: 0, roundTripped: 0, atLimit: 0 };
    let i = 0;
    for (const n of fc.sample(names, { numRuns: runs, seed: SEED })) {
      i++;
      const refuse = mustRefuse(name, n);
      if (Object.values(n).some((x) => chars(x) >= 20)) figures.atLimit++;
      const { driver, cleanup } = await backend.open();
      const log = new LoggingDriver(driver);
      try {
        let db: ReturnType<typeof runtimeClient>;
        try {
          db = runtimeClient(schemaFor(name, n, i), log, backend.clientOptions ?? {});
        } catch (err) {
          // Refused while the client is made: typed, naming what to change, and nothing sent.
          if (!(err instanceof ValidationError)) throw err;
          expect(refuse, `refused but within ${name}'s limits: ${JSON.stringify(n)}\n${err.message}`).toBe(true);
          expect(err.issues[0]?.code).toBe("invalid_identifier");
          expect(log.ops()).toHaveLength(0);
          figures.refused++;
          continue;
        }
        expect(refuse, `accepted but beyond ${name}'s limits: ${JSON.stringify(n)}`).toBe(false);
        await roundTrip(db, n, log.capability.foreignKeys);
        await db.close();
        figures.roundTripped++;
      } catch (err) {
        throw new Error(`names ${JSON.stringify(n)} on ${name} (STRATA_FUZZ_SEED=${SEED}): ${(err as Error).message}`, {
          cause: err,
        });
      } finally {
        figures.schemas++;
        await cleanup();
      }
    }
    report(`hostile-names/${name}`, figures);
    expect(figures.schemas).toBe(runs);
    // The sample must exercise both sides of the rules, or it proves nothing.
    expect(figures.roundTripped).toBeGreaterThan(runs / 4);
    if (name !== "dynamodb") expect(figures.refused).toBeGreaterThan(0);
  }, 300_000);
});

async function roundTrip(db: ReturnType<typeof runtimeClient>, n: Names, foreignKeys: boolean): Promise<void> {
  await db.push();
  const canary = db.model("Canary");
  await canary.create({ data: { id: 1, v: "alive" } });
  const item = db.model("Item");
  const child = db.model("Child");
  const v = `${n.item}|${n.s}`;
  await item.createMany({
    data: [
      { id: 1, s: v, u: n.u },
      { id: 2, s: "b" },
    ],
  });
  expect(await item.findMany({ where: { s: v }, select: { s: true, u: true } })).toEqual([{ s: v, u: n.u }]);
  expect(await item.findMany({ where: { u: n.u }, select: { id: true } })).toEqual([{ id: 1 }]);

  // The unique index under its (derived) name is enforced and reported on the right field.
  const dup = await item.create({ data: { id: 3, s: "b" } }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(dup).toBeInstanceOf(UniqueViolationError);
  expect((dup as UniqueViolationError).fields).toEqual(["s"]);

  await child.create({ data: { id: 1, itemId: 1, note: n.note } });
  if (foreignKeys) {
    await expect(child.create({ data: { id: 2, itemId: 99, note: "x" } })).rejects.toBeInstanceOf(
      ForeignKeyViolationError,
    );
  }
  const withChildren = (await item.findMany({
    where: { id: 1 },
    include: { children: true },
  })) as { children: { note: string; itemId: number }[] }[];
  expect(withChildren.map((r) => r.children.map((c) => [c.itemId, c.note]))).toEqual([[[1, n.note]]]);

  await item.update({ where: { id: 2 }, data: { u: n.fk } });
  expect(await item.findUnique({ where: { id: 2 }, select: { u: true } })).toEqual({ u: n.fk });
  await child.delete({ where: { id: 1 } });
  await item.delete({ where: { id: 1 } });
  expect(await item.count()).toBe(1);
  expect(await child.count()).toBe(0);
  expect(await canary.findMany({})).toEqual([{ id: 1, v: "alive" }]);
}
