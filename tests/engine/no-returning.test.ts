import type { AppSchema, Capability, Driver } from "@strata/core";
import { NotFoundError } from "@strata/core";
import { sqlite } from "@strata/driver-sql";
import { createStrataClient } from "@strata/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoggingDriver } from "../support/logging-driver.ts";

/** The SQLite driver presented as a backend without RETURNING, to exercise the read-back-by-key plans. */
class WithoutReturning extends LoggingDriver {
  override get capability(): Capability {
    return { ...this.inner.capability, returning: false };
  }
}

const schema: AppSchema = {
  models: [
    {
      name: "Counter",
      table: "counters",
      id: ["id"],
      fields: [
        { name: "id", type: "int", nullable: false, default: { kind: "autoincrement" } },
        { name: "name", type: "string", nullable: false },
        { name: "hits", type: "int", nullable: false, default: { kind: "literal", value: 0 } },
      ],
      indexes: [{ name: "counters_name_key", fields: ["name"], unique: true }],
      relations: [],
    },
    {
      name: "Tag",
      table: "tags",
      id: ["id"],
      fields: [
        { name: "id", type: "string", nullable: false, default: { kind: "uuid" } },
        { name: "label", type: "string", nullable: false },
      ],
      indexes: [],
      relations: [],
    },
  ],
};

describe("engine on a backend without RETURNING", () => {
  let driver: WithoutReturning;
  // The client's delegates are typed by a generated TypeMap; this test drives the runtime with a hand-written schema.
  let db: Record<string, Record<string, (args?: unknown) => Promise<Record<string, unknown>>>> & {
    push(): Promise<void>;
    close(): Promise<void>;
  };

  beforeAll(async () => {
    driver = new WithoutReturning(sqlite(":memory:"));
    db = createStrataClient({ schema }, { driver: driver as Driver }) as unknown as typeof db;
    await db.push();
  });
  afterAll(() => db.close());

  it("creates with an autoincrement id and reads the row back by lastInsertId", async () => {
    driver.clear();
    const a = await db.counter!.create!({ data: { name: "a" } });
    const b = await db.counter!.create!({ data: { name: "b" } });
    expect(a).toEqual({ id: 1, name: "a", hits: 0 });
    expect(b).toEqual({ id: 2, name: "b", hits: 0 });
    const insert = driver.ops("Insert")[0]!.op;
    expect(insert.kind === "Insert" && insert.returning).toEqual([]);
    expect(driver.ops("QuerySql").length).toBe(2);
  });

  it("creates with a generated string id and reads it back by that id", async () => {
    const t = await db.tag!.create!({ data: { label: "x" } });
    expect(t.label).toBe("x");
    expect(typeof t.id).toBe("string");
    expect(await db.tag!.findUnique!({ where: { id: t.id } })).toEqual(t);
  });

  it("updates by key: find → update → read back, also when the update changes a unique field", async () => {
    driver.clear();
    const updated = await db.counter!.update!({ where: { name: "a" }, data: { name: "a2", hits: { increment: 5 } } });
    expect(updated).toEqual({ id: 1, name: "a2", hits: 5 });
    expect(driver.ops("QuerySql").map((o) => o.text.split(" ")[0])).toEqual(["SELECT", "UPDATE", "SELECT"]);
    await expect(db.counter!.update!({ where: { name: "nope" }, data: { hits: 1 } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("upserts through the same plans", async () => {
    const created = await db.counter!.upsert!({
      where: { name: "c" },
      create: { name: "c" },
      update: { hits: { increment: 1 } },
    });
    const updated = await db.counter!.upsert!({
      where: { name: "c" },
      create: { name: "c" },
      update: { hits: { increment: 1 } },
    });
    expect(created.hits).toBe(0);
    expect(updated).toEqual({ ...created, hits: 1 });
  });
});
