import { ConnectionLostError, DriverError, SerializationFailureError, StrataError } from "@strata/core";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { backends, itWith } from "../conformance/backends.js";
import { at, caught, type Db, useDb, userData } from "../conformance/fixtures.js";
import { type FaultName, failFirst, failNth, faults, txAction } from "../support/faults.js";
import { report } from "./figures.js";

/** What each injected fault must look like when it reaches the user. */
const EXPECTED: Record<FaultName, (err: unknown, injected: unknown) => void> = {
  connectionLost: (err) => {
    expect(err).toBeInstanceOf(ConnectionLostError);
    expect((err as StrataError).retryable).toBe(true);
  },
  serializationFailure: (err) => {
    expect(err).toBeInstanceOf(SerializationFailureError);
    expect((err as StrataError).retryable).toBe(true);
  },
  thrown: (err, injected) => {
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).cause).toBe(injected);
  },
};
const FAULT_NAMES = Object.keys(EXPECTED) as FaultName[];

/** Everything in the database, in a stable order (what "no partial write" compares). */
async function snapshot(db: Db) {
  const users = await db.user.findMany({ orderBy: { email: "asc" } });
  const posts = await db.post.findMany({ orderBy: { title: "asc" } });
  return { users, posts };
}

async function seed(db: Db) {
  const ann = await db.user.create({ data: userData(1, { age: 30 }) });
  await db.user.create({ data: userData(2, { age: 40 }) });
  await db.post.create({ data: { authorId: ann.id, title: "p1", createdAt: at(1) } });
  return ann;
}

describe.each(backends)("fault injection ($name)", (backend) => {
  const t = useDb(backend);
  const tally = { injected: 0, typed: 0, partialWrites: 0, nextQueryFailed: 0 };
  afterEach(() => t.log.inject(undefined));
  afterAll(() => report(`faults/${backend.name}`, tally));

  /**
   * Runs `work` once cleanly to count its operations, then once per operation
   * index and fault kind with that operation failing: the typed error must
   * reach the caller, the database must equal its state before the call, and
   * the next query on the same client must work.
   */
  async function everyStep(name: string, work: (db: Db) => PromiseLike<unknown>) {
    const { db, log } = t;
    await db.post.deleteMany({});
    await db.user.deleteMany({});
    await seed(db);
    log.clear();
    await work(db);
    const steps = log.ops().length;
    expect(steps, name).toBeGreaterThan(0);
    for (let step = 0; step < steps; step++) {
      for (const fault of FAULT_NAMES) {
        await db.post.deleteMany({});
        await db.user.deleteMany({});
        await seed(db);
        const before = await snapshot(db);
        let injected: unknown;
        log.inject(failNth(step, () => (injected = faults[fault]())));
        const err = await caught(() => work(db));
        log.inject(undefined);
        tally.injected++;
        EXPECTED[fault](err, injected);
        tally.typed++;
        const after = await snapshot(db).catch(() => {
          tally.nextQueryFailed++;
          return undefined;
        });
        if (JSON.stringify(after) !== JSON.stringify(before)) tally.partialWrites++;
        expect(after, `${name}: ${fault} at step ${step + 1}/${steps}`).toEqual(before);
      }
    }
  }

  const email = userData(1).email;

  it("update by key: a fault at any step (find, update, read-back, commit) writes nothing", async () => {
    await everyStep("update", (db) => db.user.update({ where: { email }, data: { name: "X", age: { increment: 1 } } }));
  });

  it("delete: a fault at any step writes nothing", async () => {
    await everyStep("delete", (db) => db.user.delete({ where: { email: userData(2).email } }));
  });

  it("upsert (update and create paths): a fault at any step writes nothing", async () => {
    await everyStep("upsert-update", (db) =>
      db.user.upsert({ where: { email }, create: userData(1), update: { name: "Y" } }),
    );
    await everyStep("upsert-create", (db) =>
      db.user.upsert({ where: { email: "new@x.io" }, create: userData(9, { email: "new@x.io" }), update: {} }),
    );
  });

  it("createMany: a fault on its insert writes none of the rows", async () => {
    await everyStep("createMany", (db) => db.user.createMany({ data: [userData(7), userData(8), userData(9)] }));
  });

  it("a transaction: a fault at any step (begin, writes, savepoint, commit) writes nothing", async () => {
    await everyStep("transaction", (db) =>
      db.transaction(async (tx) => {
        const u = await tx.user.create({ data: userData(5) });
        await tx.transaction(async (inner) => {
          await inner.post.create({ data: { authorId: u.id, title: "p5", createdAt: at(5) } });
        });
        await tx.user.update({ where: { email }, data: { age: 31 } });
      }),
    );
  });

  it("createMany failing mid-way on a real constraint (6,000 rows, the last a duplicate) writes nothing", async () => {
    // One atomic write: on a backend that bounds a transaction (DynamoDB: 100 items, 2 per user), as many as fit.
    const { maxItemsPerTransaction } = t.capability();
    const rows = Math.min(6000, Math.floor(maxItemsPerTransaction / 2) - 1);
    const data = Array.from({ length: rows }, (_, i) => userData(i + 10));
    data.push(userData(10));
    const err = await caught(t.db.user.createMany({ data }));
    expect(err).toBeInstanceOf(StrataError);
    expect((err as StrataError).code).toBe("UNIQUE_VIOLATION");
    expect(await t.db.user.count()).toBe(0);
    expect(await t.db.user.createMany({ data: data.slice(0, 2) })).toEqual({ count: 2 });
  });

  itWith(
    t.capability,
    "interactiveTransactions",
    "a commit that fails: the caller gets the typed error, nothing is written, the client goes on",
    async () => {
      t.log.inject(failFirst(txAction("commit"), faults.connectionLost));
      const err = await caught(t.db.transaction(async (tx) => tx.user.create({ data: userData(1) })));
      expect(err).toBeInstanceOf(ConnectionLostError);
      expect(t.log.ops().map((o) => (o.op.kind === "Transaction" ? o.op.action : o.kind))).toContain("rollback");
      t.log.inject(undefined);
      expect(await t.db.user.count()).toBe(0);
      await t.db.user.create({ data: userData(1) });
      expect(await t.db.user.count()).toBe(1);
    },
  );

  it("a statement that answers after the transaction's timeoutMs is rolled back", async () => {
    await t.db.user.create({ data: userData(1, { age: 1 }) });
    t.log.inject(
      failFirst(
        (op) => op.kind !== "Transaction",
        () => faults.stall(400),
      ),
    );
    const err = await caught(
      t.db.transaction(async (tx) => tx.user.update({ where: { email }, data: { age: 2 } }), { timeoutMs: 100 }),
    );
    expect(err).toBeInstanceOf(StrataError);
    expect((err as Error).message).toContain("timeoutMs");
    await new Promise((resolve) => setTimeout(resolve, 450)); // let the late answer arrive
    t.log.inject(undefined);
    expect((await t.db.user.findUniqueOrThrow({ where: { email } })).age).toBe(1);
  });
});
