import type { AppSchema } from "@strata/core";
import { StrataError } from "@strata/core";
import { sqlite } from "@strata/driver-sql";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { report } from "./figures.js";
import { hostileString } from "./hostile.js";
import { runtimeClient, stringModel } from "./runtime-schema.js";

const SEED = Number(process.env.STRATA_FUZZ_SEED ?? 7331);
const RUNS = 50;

/** Names SQLite cannot take: empty, NUL, or its reserved `sqlite_` prefix. NUL is not generated yet: it reaches push as a raw RangeError (open bug). */
const refusable = (n: string) => n === "" || n.includes("\0") || n.toLowerCase().startsWith("sqlite_");

const names = fc
  .tuple(hostileString(false), hostileString(false), hostileString(false))
  .map(([t, c, d]) => ({ table: `t${t}`, column: `c${c}`, other: `d${d}` }))
  .filter((n) => !`${n.table}${n.column}${n.other}`.includes("\0"))
  .filter((n) => n.table.toLowerCase() !== "canary" && !refusable(n.table));

describe("hostile table and column names (sqlite; first slice)", () => {
  it("values round-trip through hostile table/column names and the canary stays intact", async () => {
    const figures = { schemas: 0, refused: 0, roundTripped: 0 };
    for (const n of fc.sample(names, { numRuns: RUNS, seed: SEED })) {
      const schema: AppSchema = {
        models: [
          stringModel("Item", n.table, [
            { name: "s", column: n.column },
            { name: "u", column: n.other, nullable: true },
          ]),
          stringModel("Canary", "canary", [{ name: "v" }]),
        ],
      };
      const db = runtimeClient(schema, sqlite(":memory:"));
      try {
        await db.push();
        await db.model("Canary").create({ data: { v: "alive" } });
        const item = db.model("Item");
        const v = `${n.table}|${n.column}`;
        await item.createMany({ data: [{ s: v, u: n.other }, { s: "b" }] });
        const got = (await item.findMany({ where: { s: v }, orderBy: { s: "asc" } })) as { s: string; u: string }[];
        expect(got.map((r) => [r.s, r.u])).toEqual([[v, n.other]]);
        await item.update({ where: { id: 2 }, data: { u: n.column } });
        await item.delete({ where: { id: 1 } });
        expect(await item.count()).toBe(1);
        expect(await db.model("Canary").count()).toBe(1);
        figures.roundTripped++;
      } catch (err) {
        // A column name the backend cannot take must be refused typed.
        expect(refusable(n.column) || refusable(n.other)).toBe(true);
        expect(err).toBeInstanceOf(StrataError);
        figures.refused++;
      }
      figures.schemas++;
      await db.close();
    }
    report("hostile-names/sqlite", figures);
    expect(figures.schemas).toBe(RUNS);
  });
});
