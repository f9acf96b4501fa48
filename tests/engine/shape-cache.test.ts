import { type AppSchema, ValidationError } from "@strata/core";
import { sqlite } from "@strata/driver-sql";
import { createStrataClient } from "@strata/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoggingDriver } from "../support/logging-driver.ts";

const schema: AppSchema = {
  models: [
    {
      name: "Item",
      table: "items",
      id: ["id"],
      fields: [
        { name: "id", type: "int", nullable: false },
        { name: "kind", type: "enum", nullable: false, enumValues: ["a", "b"] },
        { name: "note", type: "string", nullable: true },
        { name: "flag", type: "boolean", nullable: false },
      ],
      indexes: [],
      relations: [],
    },
  ],
};

type Rows = Record<string, unknown>[];
interface Delegate {
  findMany(args?: unknown): Promise<Rows> & { explain(): Promise<{ cacheHit: boolean }> };
  createMany(args: unknown): Promise<{ count: number }>;
}

/** The fast path (fingerprint → plan, skipping simplify) must give exactly what the full walk gives. */
describe("repeated query shapes", () => {
  const driver = new LoggingDriver(sqlite(":memory:"));
  let item: Delegate;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const db = createStrataClient({ schema }, { driver }) as unknown as {
      item: Delegate;
      push(): Promise<void>;
      close(): Promise<void>;
    };
    item = db.item;
    close = db.close;
    await db.push();
    await item.createMany({
      data: [
        { id: 1, kind: "a", note: null, flag: true },
        { id: 2, kind: "b", note: "x", flag: false },
        { id: 3, kind: "a", note: "y", flag: false },
      ],
    });
  });
  afterAll(() => close());

  const ids = (rows: Rows) => rows.map((r) => r.id);

  it("reads new values on every call of a cached shape", async () => {
    expect(ids(await item.findMany({ where: { kind: "a" }, orderBy: { id: "asc" } }))).toEqual([1, 3]);
    expect(ids(await item.findMany({ where: { kind: "b" }, orderBy: { id: "asc" } }))).toEqual([2]);
    expect((await item.findMany({ where: { kind: "b" }, orderBy: { id: "asc" } }).explain()).cacheHit).toBe(true);
  });

  it("keeps shape-deciding values apart: booleans, null, order directions, in-list emptiness", async () => {
    expect(ids(await item.findMany({ where: { note: { isNull: true } } }))).toEqual([1]);
    expect(ids(await item.findMany({ where: { note: { isNull: false } }, orderBy: { id: "asc" } }))).toEqual([2, 3]);
    expect(ids(await item.findMany({ where: { note: null } }))).toEqual([1]);
    expect(ids(await item.findMany({ where: { flag: true } }))).toEqual([1]);
    expect(ids(await item.findMany({ where: { flag: false }, orderBy: { id: "desc" } }))).toEqual([3, 2]);
    expect(ids(await item.findMany({ where: { flag: false }, orderBy: { id: "asc" } }))).toEqual([2, 3]);
    expect(ids(await item.findMany({ where: { id: { in: [1, 2] } }, orderBy: { id: "asc" } }))).toEqual([1, 2]);
    expect(ids(await item.findMany({ where: { id: { in: [] } } }))).toEqual([]);
    expect(ids(await item.findMany({ select: { id: true }, where: { id: 2 } }))).toEqual([2]);
    expect(await item.findMany({ select: { kind: true }, where: { id: 2 } })).toEqual([{ kind: "b" }]);
  });

  it("still validates values on a cached shape, before any I/O", async () => {
    await item.findMany({ where: { kind: "a", id: { gt: 0 } } });
    driver.clear();
    await expect(item.findMany({ where: { kind: "c", id: { gt: 0 } } })).rejects.toBeInstanceOf(ValidationError);
    await expect(item.findMany({ where: { kind: "a", id: { gt: 1.5 } } })).rejects.toBeInstanceOf(ValidationError);
    await expect(item.findMany({ where: { kind: "a", id: { in: ["1"] } } })).rejects.toBeInstanceOf(ValidationError);
    expect(driver.log).toEqual([]);
  });
});
