import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SerializationFailureError } from "@strata/core";
import { afterEach, describe, expect, it } from "vitest";
import { type SqliteDriver, sqlite } from "../src/index.ts";
import { countRows, insertUsers, schema, tx } from "./fixtures.ts";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The longest the event loop went without running a 5 ms timer while `work` ran. */
async function worstStall(work: () => Promise<void>): Promise<number> {
  let worst = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(ticker);
  }
  return Math.max(worst, performance.now() - last);
}

describe("sqlite: two clients on one file", () => {
  const opened: SqliteDriver[] = [];
  let dir: string | undefined;
  const open = (options: Parameters<typeof sqlite>[1] = {}) => {
    dir ??= mkdtempSync(join(tmpdir(), "strata-busy-"));
    const driver = sqlite(join(dir, "app.db"), options);
    opened.push(driver);
    return driver;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((d) => d.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("a write waits for the other client's lock without stalling the event loop, then lands", async () => {
    const a = open();
    const b = open();
    await a.push(schema);
    const holder = await a.connect();
    await holder.exec(tx.begin());
    await holder.exec(insertUsers([["a@x.io", "A", 1]]));
    let landed = false;
    const stall = await worstStall(async () => {
      const write = b.exec(insertUsers([["b@x.io", "B", 2]])).then(() => {
        landed = true;
      });
      await sleep(300);
      expect(landed).toBe(false);
      await holder.exec(tx.commit());
      await holder.close();
      await write;
    });
    expect(landed).toBe(true);
    expect(stall).toBeLessThan(50);
    expect((await b.exec(countRows("users"))).rows[0]).toEqual({ n: 2 });
  });

  it("past busyTimeoutMs the waiting write fails with SerializationFailureError and writes nothing", async () => {
    const a = open();
    const b = open({ busyTimeoutMs: 200 });
    await a.push(schema);
    const holder = await a.connect();
    await holder.exec(tx.begin());
    await holder.exec(insertUsers([["a@x.io", "A", 1]]));
    let err: unknown;
    const stall = await worstStall(async () => {
      const started = performance.now();
      err = await b.exec(insertUsers([["b@x.io", "B", 2]])).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    });
    expect(err).toBeInstanceOf(SerializationFailureError);
    expect(stall).toBeLessThan(50);
    await holder.exec(tx.rollback());
    await holder.close();
    expect((await b.exec(countRows("users"))).rows[0]).toEqual({ n: 0 });
  });
});
