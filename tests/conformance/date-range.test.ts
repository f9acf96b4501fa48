import { ValidationError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { backends } from "./backends.js";
import { caught, useDb, userData } from "./fixtures.js";

/** Dates at and past the edges of every backend's range (Capability.dateRange). */
const EDGES = [
  "-271821-04-20T00:00:00.000Z", // a JavaScript Date's first day
  "-004713-01-01T00:00:00.000Z", // one year before PostgreSQL's first
  "-004712-01-01T00:00:00.000Z", // PostgreSQL's first day (4713 BC)
  "-000001-12-31T23:59:59.999Z",
  "0000-01-01T00:00:00.000Z",
  "0001-01-01T00:00:00.000Z",
  "0999-12-31T23:59:59.999Z",
  "1000-01-01T00:00:00.000Z", // MySQL's first
  "1969-12-31T23:59:59.999Z",
  "9999-12-31T23:59:59.999Z", // MySQL's and ISO text's last
  "+010000-01-01T00:00:00.000Z",
  "+275760-09-13T00:00:00.000Z", // a JavaScript Date's last day
];

describe.each(backends)("dates at the edges of the range ($name)", (backend) => {
  const t = useDb(backend);

  it("inside Capability.dateRange: round-trip exactly and compare in time order; outside: ValidationError, nothing written", async () => {
    const { min, max } = t.capability().dateRange;
    let kept = 0;
    let refused = 0;
    for (const [i, iso] of EDGES.entries()) {
      const at = new Date(iso);
      const data = userData(i, { createdAt: at });
      if (at.getTime() < min || at.getTime() > max) {
        t.log.clear();
        const err = await caught(t.db.user.create({ data }));
        expect(err, iso).toBeInstanceOf(ValidationError);
        expect((err as Error).message, iso).toMatch(/outside what this backend stores exactly/);
        expect(
          t.log.ops().filter((o) => o.kind !== "QuerySql" && o.kind !== "GetByKey"),
          iso,
        ).toEqual([]);
        expect(await caught(t.db.user.findMany({ where: { createdAt: { gt: at } } })), iso).toBeInstanceOf(
          ValidationError,
        );
        refused++;
        continue;
      }
      const created = await t.db.user.create({ data });
      expect(created.createdAt.toISOString(), iso).toBe(iso);
      const read = await t.db.user.findUniqueOrThrow({ where: { id: created.id } });
      expect(read.createdAt.toISOString(), iso).toBe(iso);
      kept++;
    }
    expect(await t.db.user.count()).toBe(kept);
    // Time order holds across every kept date (DynamoDB compares its ISO text; years past 9999 would sort wrong).
    const all = (await t.db.user.findMany()).map((u) => u.createdAt.getTime()).sort((a, b) => a - b);
    for (const [i, ms] of all.entries()) {
      expect(await t.db.user.count({ where: { createdAt: { gt: new Date(ms) } } }), new Date(ms).toISOString()).toBe(
        all.length - i - 1,
      );
    }
    expect(kept + refused).toBe(EDGES.length);
  });
});
