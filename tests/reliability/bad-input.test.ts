import { ValidationError } from "@strata/core";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { caught } from "../conformance/fixtures.js";
import { diffBackends } from "./differential/backends.js";
import { diffSchema } from "./differential/schema.js";
import { report } from "./figures.js";
import { useBackend } from "./open-backend.js";

const good = {
  id: "ok1",
  name: "a",
  age: 1,
  score: 1.5,
  born: new Date(0),
  active: true,
  role: "admin",
  balance: 1n,
  meta: { b: 1, a: [2] },
};

/** Input the engine must refuse with ValidationError before any I/O (name → the call). */
const BAD: Record<string, { model: string; op: string; args: unknown }> = {
  "unknown field in data": { model: "DUser", op: "create", args: { data: { ...good, id: "b1", nope: 1 } } },
  "unknown field in where": { model: "DUser", op: "findMany", args: { where: { nope: 1 } } },
  "unknown field in orderBy": { model: "DUser", op: "findMany", args: { orderBy: { nope: "asc" } } },
  "Json path filter": { model: "DUser", op: "findMany", args: { where: { meta: { path: ["a"], gt: 2 } } } },
  "Json operator beside data keys": {
    model: "DUser",
    op: "deleteMany",
    args: { where: { meta: { equals: 1, a: 1 } } },
  },
  "divide by zero": { model: "DUser", op: "updateMany", args: { where: {}, data: { score: { divide: 0 } } } },
  "string for int": { model: "DUser", op: "create", args: { data: { ...good, id: "b2", age: "1" } } },
  "string for number": { model: "DUser", op: "findMany", args: { where: { score: "1" } } },
  "number for boolean": { model: "DUser", op: "create", args: { data: { ...good, id: "b3", active: 1 } } },
  "enum outside its values": { model: "DUser", op: "create", args: { data: { ...good, id: "b4", role: "root" } } },
  "string for date": { model: "DUser", op: "create", args: { data: { ...good, id: "b5", born: "2024-01-01" } } },
  "int 2^31": { model: "DUser", op: "create", args: { data: { ...good, id: "b6", age: 2 ** 31 } } },
  "int -2^31-1 in where": { model: "DUser", op: "findMany", args: { where: { age: { gt: -(2 ** 31) - 1 } } } },
  "int 1.5": { model: "DUser", op: "create", args: { data: { ...good, id: "b7", age: 1.5 } } },
  NaN: { model: "DUser", op: "create", args: { data: { ...good, id: "b8", score: Number.NaN } } },
  Infinity: { model: "DUser", op: "create", args: { data: { ...good, id: "b9", score: Number.POSITIVE_INFINITY } } },
  "-Infinity in where": { model: "DUser", op: "count", args: { where: { score: { lt: Number.NEGATIVE_INFINITY } } } },
  "Invalid Date": { model: "DUser", op: "create", args: { data: { ...good, id: "b10", born: new Date(Number.NaN) } } },
  "Invalid Date in where": { model: "DUser", op: "findMany", args: { where: { born: { gte: new Date("x") } } } },
  "bigint 2^64": { model: "DUser", op: "create", args: { data: { ...good, id: "b11", balance: 2n ** 64n } } },
  "bigint -2^63-1 in where": { model: "DUser", op: "findMany", args: { where: { balance: -(2n ** 63n) - 1n } } },
  "bigint 1.5": { model: "DUser", op: "create", args: { data: { ...good, id: "b12", balance: 1.5 } } },
  "null for a required field": {
    model: "DPost",
    op: "create",
    args: { data: { id: "p1", authorId: "ok1", title: null } },
  },
  "one bad row in createMany": {
    model: "DUser",
    op: "createMany",
    args: {
      data: [
        { ...good, id: "b13" },
        { ...good, id: "b14", age: 2 ** 40 },
      ],
    },
  },
  "bad update data": { model: "DUser", op: "update", args: { where: { id: "ok1" }, data: { age: Number.NaN } } },
  "bad updateMany data": { model: "DUser", op: "updateMany", args: { data: { born: new Date(Number.NaN) } } },
  "negative take": { model: "DUser", op: "findMany", args: { orderBy: { id: "asc" }, take: -1 } },
  "negative skip": { model: "DUser", op: "findMany", args: { orderBy: { id: "asc" }, skip: -1 } },
  "non-integer take": { model: "DUser", op: "findMany", args: { orderBy: { id: "asc" }, take: 1.5 } },
  "non-integer skip": { model: "DUser", op: "count", args: { skip: 0.5 } },
  "cursor on an unknown field": { model: "DUser", op: "findMany", args: { cursor: { nope: "x" } } },
  "cursor on a non-unique field": { model: "DUser", op: "findMany", args: { cursor: { name: "a" } } },
};

/** Letters from a fixed linear congruential sequence: no repetition for a compressor to use. */
function randomLetters(length: number, seed: number): string {
  let x = seed;
  let out = "";
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += String.fromCharCode(97 + (Math.floor(x / 65536) % 26));
  }
  return out;
}

describe.each(diffBackends)("bad input ($name)", (backend) => {
  const t = useBackend(backend, diffSchema);
  const tally = { cases: 0, validationErrors: 0, reachedDriver: 0, rowsWritten: 0 };
  afterAll(() => report(`bad-input/${backend.name}`, tally));

  beforeEach(async () => {
    await t.db.model("DPost").deleteMany({});
    await t.db.model("DUser").deleteMany({});
    await t.db.model("DUser").create({ data: good });
    t.log.clear();
  });

  it.each(Object.entries(BAD))("%s: ValidationError before any I/O, nothing written", async (_name, call) => {
    const err = await caught(() => t.db.model(call.model)[call.op as "findMany"](call.args));
    tally.cases++;
    expect(err).toBeInstanceOf(ValidationError);
    tally.validationErrors++;
    expect((err as ValidationError).issues.length).toBeGreaterThan(0);
    tally.reachedDriver += t.log.ops().length;
    expect(t.log.ops()).toEqual([]);
    const users = (await t.db.model("DUser").findMany({})) as unknown[];
    tally.rowsWritten += users.length - 1;
    expect(users).toEqual([good]);
    expect(Object.keys((users[0] as { meta: object }).meta)).toEqual(["a", "b"]);
  });

  it("an oversize key string is stored exactly or refused with a ValidationError before I/O, never truncated", async () => {
    // MySQL/MariaDB keys are VARCHAR(191); DynamoDB keys stop at 1,024 bytes (sort keys; partition keys at 2,048).
    const figures: Record<string, string> = {};
    const limits = t.log.capability.keyLimits;
    for (const length of [191, 192, 1000, 1024, 1025, 2600, 2601, 3000]) {
      // Random-looking text: PostgreSQL compresses repetitive index entries, and the limit must not depend on that.
      const id = randomLetters(length, length);
      t.log.clear();
      const outcome = await t.db
        .model("DUser")
        .create({ data: { ...good, id } })
        .then(
          () => "stored",
          (e: unknown) => e,
        );
      const sent = t.log.ops().length;
      const rows = (await t.db.model("DUser").findMany({ where: { NOT: { id: "ok1" } } })) as { id: string }[];
      const fits = length <= (limits?.stringChars ?? limits?.stringBytes ?? Number.POSITIVE_INFINITY);
      if (fits) {
        expect(outcome).toBe("stored");
        expect(rows.map((r) => r.id)).toEqual([id]);
        expect(await t.db.model("DUser").findUnique({ where: { id } })).toMatchObject({ id });
        figures[length] = "stored";
      } else {
        expect(outcome).toBeInstanceOf(ValidationError);
        expect((outcome as Error).message).toContain("key field");
        expect(sent).toBe(0);
        expect(rows).toEqual([]);
        // The same value as a filter is refused too (DynamoDB's key lookup would fail at the server).
        t.log.clear();
        expect(await caught(() => t.db.model("DUser").findUnique({ where: { id } }))).toBeInstanceOf(ValidationError);
        expect(t.log.ops()).toEqual([]);
        figures[length] = "ValidationError";
      }
      await t.db.model("DUser").deleteMany({ where: { NOT: { id: "ok1" } } });
    }
    if (backend.name === "mysql") expect(figures[192]).toBe("ValidationError");
    if (backend.name === "dynamodb") expect(figures[1025]).toBe("ValidationError");
    if (backend.name === "postgres") expect([figures[2600], figures[2601]]).toEqual(["stored", "ValidationError"]);
    expect(figures[191]).toBe("stored");
    report(`oversize-key/${backend.name}`, figures);
  });
});
