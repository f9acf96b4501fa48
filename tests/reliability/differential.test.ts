import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Backend } from "../conformance/backends.js";
import { diffBackends } from "./differential/backends.js";
import { explainDisagreement, type Opened, runEverywhere, type Verdict } from "./differential/compare.js";
import { type QuerySpec, querySpec, tagged } from "./differential/queries.js";
import { dataset, diffSchema } from "./differential/schema.js";
import { report } from "./figures.js";
import { runtimeClient } from "./runtime-schema.js";

/**
 * Differential fuzzing: one generated dataset loaded once per backend, then
 * generated queries run on every backend and compared (docs/reliability.md).
 */
const DATA_SEED = Number(process.env.STRATA_DIFF_DATA_SEED ?? 4242);
const SEED = Number(process.env.STRATA_DIFF_SEED ?? 90210);
const RUNS = Number(process.env.STRATA_DIFF_RUNS ?? 1000);
const RANDOM_RUNS = Number(process.env.STRATA_DIFF_RANDOM_RUNS ?? 200);
const REGRESSIONS = new URL("./regressions/differential.json", import.meta.url);

interface Regression {
  note: string;
  query: QuerySpec;
}

const data = dataset(DATA_SEED);
const opened: Opened[] = [];
const cleanups: (() => Promise<void>)[] = [];
const figures = {
  queries: 0,
  errored: 0,
  empty: 0,
  compared: 0,
  dynamoCompared: 0,
  dynamoRefused: 0,
  disagreements: 0,
  regressions: 0,
};

async function open(backend: Backend): Promise<Opened> {
  const { driver, cleanup } = await backend.open();
  cleanups.push(cleanup);
  const db = runtimeClient(diffSchema, driver, backend.clientOptions ?? {});
  cleanups.push(() => db.close());
  await db.push();
  await db.model("DUser").createMany({ data: data.users });
  await db.model("DPost").createMany({ data: data.posts });
  return { name: backend.name, db, relationFilters: driver.capability.sql };
}

function tally(verdict: Verdict): void {
  figures.queries++;
  if (verdict.errored) figures.errored++;
  if (verdict.empty) figures.empty++;
  figures.compared += verdict.compared.length;
  if (verdict.compared.includes("dynamodb")) figures.dynamoCompared++;
  if (verdict.refused.includes("dynamodb")) figures.dynamoRefused++;
  if (verdict.disagreement) figures.disagreements++;
}

/** The property: every backend answers the query alike (or refuses it by capability). */
async function agree(spec: QuerySpec): Promise<void> {
  const verdict = await runEverywhere(opened, spec);
  tally(verdict);
  if (verdict.disagreement) {
    throw new Error(
      `backends disagree on ${tagged.stringify(spec)}:\n${explainDisagreement(verdict.disagreement)}\n` +
        `keep the shrunk query in tests/reliability/regressions/differential.json`,
    );
  }
}

describe("differential fuzzing (sqlite, postgres, mysql, dynamodb)", () => {
  beforeAll(async () => {
    opened.push(...(await Promise.all(diffBackends.map(open))));
  }, 120_000);
  afterAll(async () => {
    report("differential", {
      ...figures,
      dataSeed: DATA_SEED,
      seed: SEED,
      users: data.users.length,
      posts: data.posts.length,
    });
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("every backend holds the same dataset", async () => {
    const rows = await Promise.all(opened.map((o) => o.db.model("DUser").findMany({ orderBy: { id: "asc" } })));
    // The very same text everywhere (Json keys in one order), and the values written (Json key order aside).
    for (const r of rows) expect(tagged.stringify(r)).toBe(tagged.stringify(rows[0]));
    expect(rows[0]).toEqual(data.users);
  });

  it("replays the regression cases", async () => {
    const cases = tagged.parse(readFileSync(REGRESSIONS, "utf8")) as Regression[];
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      await agree(c.query);
      figures.regressions++;
    }
  });

  it(`${RUNS} generated queries agree (fixed seed ${SEED})`, async () => {
    const before = { ...figures };
    await fc.assert(fc.asyncProperty(querySpec(true), agree), { seed: SEED, numRuns: RUNS });
    // Generated queries are valid: an error (the same on every backend) would hide a comparison.
    expect(figures.errored - before.errored).toBe(0);
    expect(figures.queries - before.queries).toBe(RUNS);
    // ...and most of them select something (the pools make filters hit rows).
    expect(figures.empty - before.empty).toBeLessThan(RUNS / 2);
  }, 120_000);

  it(`${RANDOM_RUNS} more with a random seed (printed on failure)`, async () => {
    const seed = Date.now() ^ (Math.random() * 0x7fffffff);
    await fc.assert(fc.asyncProperty(querySpec(true), agree), { seed, numRuns: RANDOM_RUNS });
  }, 120_000);
});
