import { ConnectionLostError, TransactionOutcomeUnknownError } from "@strata/core";
import type { Db } from "../conformance/fixtures.js";

/**
 * A chaos workload whose every answer is checkable. Each worker owns ROWS
 * users (email w<worker>-<k>) and keeps, per row, the set of values `age` may
 * hold: a write that succeeded pins it; a write that failed with
 * TransactionOutcomeUnknownError may or may not have applied, so both
 * outcomes stay possible until the next successful read reconciles them; a
 * write that failed with ConnectionLostError must not have applied at all.
 */
export const ROWS = 8;

export interface ChaosFigures {
  queries: number;
  ok: number;
  faults: number;
  wrongResults: number;
  untypedFailures: number;
  /** Writes that failed with TransactionOutcomeUnknownError: applied or not. */
  uncertainWrites: number;
  /** Writes that failed with ConnectionLostError: certainly not applied (a later read checks it). */
  lostNotApplied: number;
  firstUntyped: string;
}

export const emptyFigures = (): ChaosFigures => ({
  queries: 0,
  ok: 0,
  faults: 0,
  wrongResults: 0,
  untypedFailures: 0,
  uncertainWrites: 0,
  lostNotApplied: 0,
  firstUntyped: "",
});

const email = (worker: number, k: number) => `w${worker}-${k}@chaos.io`;

export async function seedWorkers(db: Db, workers: number): Promise<void> {
  const data = [];
  for (let w = 0; w < workers; w++) {
    for (let k = 0; k < ROWS; k++) data.push({ email: email(w, k), name: `w${w}`, role: "member" as const, age: 0 });
  }
  await db.user.createMany({ data });
}

/** Runs `ops` operations for one worker, or fewer if `deadline` (epoch ms) passes; `random` is seeded by the caller. */
export async function runWorker(
  db: Db,
  worker: number,
  ops: number,
  random: () => number,
  f: ChaosFigures,
  deadline: number,
) {
  const possible: Set<number>[] = Array.from({ length: ROWS }, () => new Set([0]));
  const check = (k: number, value: number | null | undefined) => {
    const set = possible[k]!;
    if (typeof value !== "number" || !set.has(value)) f.wrongResults++;
    else possible[k] = new Set([value]);
  };
  for (let i = 0; i < ops && Date.now() < deadline; i++) {
    const k = Math.floor(random() * ROWS);
    const roll = random();
    f.queries++;
    let write: ((v: number) => number) | undefined;
    try {
      if (roll < 0.4) {
        const row = await db.user.findUnique({ where: { email: email(worker, k) } });
        check(k, row?.age);
      } else if (roll < 0.5) {
        const rows = await db.user.findMany({ where: { name: `w${worker}` }, orderBy: { email: "asc" } });
        if (rows.length !== ROWS) f.wrongResults++;
        for (const row of rows) check(Number(/-(\d+)@/.exec(row.email)?.[1]), row.age);
      } else if (roll < 0.75) {
        write = (v) => v + 1;
        const row = await db.user.update({ where: { email: email(worker, k) }, data: { age: { increment: 1 } } });
        const expected = new Set([...possible[k]!].map(write));
        if (!expected.has(row.age ?? Number.NaN)) f.wrongResults++;
        possible[k] = new Set([row.age ?? Number.NaN]);
      } else {
        const value = (i % 1000) + 1;
        write = () => value;
        const row = await db.user.update({ where: { email: email(worker, k) }, data: { age: value } });
        if (row.age !== value) f.wrongResults++;
        possible[k] = new Set([value]);
      }
      f.ok++;
    } catch (err) {
      if (err instanceof TransactionOutcomeUnknownError && write) {
        // The connection died after the write was sent: applied or not, both stay possible until a read says which.
        f.faults++;
        f.uncertainWrites++;
        const applied = write;
        possible[k] = new Set([...possible[k]!, ...[...possible[k]!].map(applied)]);
        continue;
      }
      if (!(err instanceof ConnectionLostError)) {
        f.untypedFailures++;
        f.firstUntyped ||= err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        continue;
      }
      // A ConnectionLostError promises nothing was applied (a read, or a write that never reached the server
      // or whose transaction died with the connection): the possible values stay as they were.
      f.faults++;
      if (write) f.lostNotApplied++;
    }
  }
}

/** A small deterministic PRNG (mulberry32), so a run can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
