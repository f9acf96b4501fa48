import {
  ConnectionLostError,
  DriverError,
  type Operation,
  type Row,
  SerializationFailureError,
  type StreamOptions,
} from "@strata/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FaultName, failNth, faults } from "../support/faults.js";
import { LoggingDriver } from "../support/logging-driver.js";
import { diffBackends } from "./differential/backends.js";
import { diffSchema } from "./differential/schema.js";
import { report } from "./figures.js";
import { useBackend } from "./open-backend.js";

/**
 * A LoggingDriver whose streams can also fail part-way, after a given number
 * of rows: the page holding that row is cut there, handed out, and the next
 * read throws.
 */
class MidStreamDriver extends LoggingDriver {
  failAfter: { rows: number; make: () => unknown } | undefined;
  override streamPages(op: Operation, options: StreamOptions): AsyncIterable<Row[]> {
    const inner = super.streamPages(op, options);
    const plan = this.failAfter;
    if (!plan) return inner;
    return (async function* () {
      let n = 0;
      for await (const page of inner) {
        if (n + page.length > plan.rows) {
          if (plan.rows > n) yield page.slice(0, plan.rows - n);
          throw plan.make();
        }
        n += page.length;
        yield page;
      }
    })();
  }
}

const EXPECTED: Record<FaultName, (err: unknown, injected: unknown) => void> = {
  connectionLost: (err) => expect(err).toBeInstanceOf(ConnectionLostError),
  serializationFailure: (err) => expect(err).toBeInstanceOf(SerializationFailureError),
  thrown: (err, injected) => {
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).cause).toBe(injected);
  },
};
const ROWS = 40;
const users = Array.from({ length: ROWS }, (_, i) => ({ id: `s${String(i).padStart(2, "0")}`, age: i }));

describe.each(diffBackends)("stream fault injection ($name)", (backend) => {
  const t = useBackend(backend, diffSchema, (d) => new MidStreamDriver(d));
  const tally = { injected: 0, typed: 0, nextQueryFailed: 0 };
  beforeAll(async () => {
    await t.db.model("DUser").createMany({ data: users });
  });
  afterEach(() => {
    t.log.inject(undefined);
    t.log.failAfter = undefined;
  });
  afterAll(() => report(`stream-faults/${backend.name}`, tally));

  /** Consumes a stream of every user in batches of 7; returns what it threw, or undefined. */
  async function consume(ordered = true): Promise<{ rows: number; err: unknown }> {
    let rows = 0;
    // Ordered on DynamoDB means a scan sorted in memory (no driver stream): unordered streams page through it.
    const args = ordered ? { orderBy: { id: "asc" }, batchSize: 7 } : { batchSize: 7 };
    try {
      for await (const _ of t.db.model("DUser").stream(args)) rows++;
    } catch (err) {
      return { rows, err };
    }
    return { rows, err: undefined };
  }

  /** The next query and a whole new stream work after the fault. */
  async function goesOn(): Promise<void> {
    const count = await t.db
      .model("DUser")
      .count({})
      .then(
        (n) => n,
        () => -1,
      );
    if (count !== ROWS) tally.nextQueryFailed++;
    expect(count).toBe(ROWS);
    expect(await consume()).toEqual({ rows: ROWS, err: undefined });
  }

  for (const fault of Object.keys(EXPECTED) as FaultName[]) {
    it(`${fault} on each operation the stream sends reaches the consumer typed`, async () => {
      t.log.clear();
      expect(await consume()).toEqual({ rows: ROWS, err: undefined });
      const steps = t.log.ops().length;
      expect(steps).toBeGreaterThan(0);
      for (let step = 0; step < steps; step++) {
        let injected: unknown;
        t.log.inject(failNth(step, () => (injected = faults[fault]())));
        const { err } = await consume();
        t.log.inject(undefined);
        tally.injected++;
        EXPECTED[fault](err, injected);
        tally.typed++;
        await goesOn();
      }
    });

    it(`${fault} part-way through the rows reaches the consumer typed, after the rows before it`, async () => {
      for (const after of [0, 9, 23]) {
        let injected: unknown;
        t.log.failAfter = { rows: after, make: () => (injected = faults[fault]()) };
        const { rows, err } = await consume(false);
        t.log.failAfter = undefined;
        expect(injected, "the fault fired inside the driver's stream").toBeDefined();
        tally.injected++;
        EXPECTED[fault](err, injected);
        tally.typed++;
        // Rows come out in whole batches of 7: never more than were read before the fault.
        expect(rows).toBeLessThanOrEqual(after);
        await goesOn();
      }
    });
  }
});
