import {
  ConnectionLostError,
  NotFoundError,
  retry,
  SerializationFailureError,
  type StrataError,
  TransactionAbortedError,
  TransactionClosedError,
  TransactionOutcomeUnknownError,
  TransactionTimeoutError,
  UniqueViolationError,
  ValidationError,
} from "@strata/core";
import { describe, expect, it } from "vitest";
import { failFirst, faults, txAction } from "../support/faults.js";
import { backends, itWith } from "./backends.js";
import { caught, sorted, useDb, userData } from "./fixtures.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Work that keeps the event loop busy (no timer can fire meanwhile), like a synchronous computation in a callback. */
function busyFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/** A promise to resolve from outside (lets two transactions take turns). */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** API.md §14: every call that resolves did what it says; every call that rejects did nothing (or says the outcome is unknown). */
describe.each(backends)("outcomes ($name)", (backend) => {
  const t = useDb(backend);
  const emails = async () => sorted((await t.db.user.findMany()).map((u) => u.email));
  const actions = () => t.log.ops("Transaction").map((l) => (l.op.kind === "Transaction" ? l.op.action : "?"));

  describe("a failed statement dooms the transaction", () => {
    itWith(
      t.capability,
      "interactiveTransactions",
      "an error caught inside the callback: later calls and the commit reject with TransactionAbortedError, nothing commits",
      async () => {
        await t.db.user.create({ data: userData(1) });
        const seen: unknown[] = [];
        const err = await caught(
          t.db.transaction(async (tx) => {
            await tx.user.create({ data: userData(2) });
            seen.push(await caught(tx.user.create({ data: userData(1) })));
            seen.push(await caught(tx.user.create({ data: userData(3) })));
            return "resolved anyway";
          }),
        );
        expect(seen[0]).toBeInstanceOf(UniqueViolationError);
        expect(seen[1]).toBeInstanceOf(TransactionAbortedError);
        expect((seen[1] as Error).cause).toBe(seen[0]);
        expect(err).toBeInstanceOf(TransactionAbortedError);
        expect((err as TransactionAbortedError).cause).toBe(seen[0]);
        expect((err as TransactionAbortedError).retryable).toBe(false);
        expect(await emails()).toEqual(["user1@x.io"]);
        expect(actions()).toEqual(["begin", "rollback"]);
        // The doomed call after the failure never reached the backend.
        const creates = t.log.ops("Insert", "QuerySql").filter((l) => l.onConnection && l.kind === "Insert");
        expect(creates).toHaveLength(2);
      },
    );

    itWith(
      t.capability,
      "interactiveTransactions",
      "a nested transaction contains an expected failure; the outer one goes on and commits",
      async () => {
        await t.db.user.create({ data: userData(1) });
        await t.db.transaction(async (tx) => {
          await tx.user.create({ data: userData(2) });
          const inner = await caught(tx.transaction(async (sp) => sp.user.create({ data: userData(1) })));
          expect(inner).toBeInstanceOf(UniqueViolationError);
          await tx.user.create({ data: userData(3) });
        });
        expect(await emails()).toEqual(["user1@x.io", "user2@x.io", "user3@x.io"]);
      },
    );

    itWith(
      t.capability,
      "interactiveTransactions",
      "a nested callback that catches its own failure still rolls back its savepoint and rejects",
      async () => {
        await t.db.user.create({ data: userData(1) });
        await t.db.transaction(async (tx) => {
          const inner = await caught(
            tx.transaction(async (sp) => {
              await sp.user.create({ data: userData(4) });
              await caught(sp.user.create({ data: userData(1) }));
              return "swallowed";
            }),
          );
          expect(inner).toBeInstanceOf(TransactionAbortedError);
          expect((inner as Error).cause).toBeInstanceOf(UniqueViolationError);
          await tx.user.create({ data: userData(5) });
        });
        expect(await emails()).toEqual(["user1@x.io", "user5@x.io"]);
      },
    );

    itWith(
      t.capability,
      "interactiveTransactions",
      "a conflict (serialization failure) dooms the whole transaction even inside a savepoint, and stays retryable",
      async () => {
        t.log.inject(failFirst((op) => op.kind === "Insert", faults.serializationFailure));
        try {
          const err = await caught(
            t.db.transaction(async (tx) => {
              await caught(tx.transaction(async (sp) => sp.user.create({ data: userData(1) })));
              await tx.user.create({ data: userData(2) });
            }),
          );
          expect(err).toBeInstanceOf(TransactionAbortedError);
          expect((err as Error).cause).toBeInstanceOf(SerializationFailureError);
          expect((err as StrataError).retryable).toBe(true);
        } finally {
          t.log.inject(undefined);
        }
        expect(await emails()).toEqual([]);
      },
    );
  });

  describe("calls inside one transaction take turns", () => {
    it("nested transactions started without awaiting each other are scoped to their own writes", async () => {
      const boom = new Error("boom");
      await t.db.transaction(async (tx) => {
        const results = await Promise.allSettled([
          tx.transaction(async (a) => {
            await a.user.create({ data: userData(2) });
            await sleep(20);
            throw boom;
          }),
          tx.transaction(async (b) => {
            await b.user.create({ data: userData(3) });
          }),
          tx.user.create({ data: userData(4) }),
        ]);
        expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
        expect((results[0] as PromiseRejectedResult).reason).toBe(boom);
      });
      expect(await emails()).toEqual(["user3@x.io", "user4@x.io"]);
    });

    itWith(
      t.capability,
      "interactiveTransactions",
      "two createMany started together, one failing: nothing commits and the transaction says why",
      async () => {
        await t.db.user.create({ data: userData(1) });
        const err = await caught(
          t.db.transaction(async (tx) => {
            const [good, bad] = await Promise.allSettled([
              tx.user.createMany({ data: [userData(2), userData(3)] }),
              tx.user.createMany({ data: [userData(4), userData(1)] }),
            ]);
            expect(good.status).toBe("fulfilled");
            expect(bad.status).toBe("rejected");
          }),
        );
        expect(err).toBeInstanceOf(TransactionAbortedError);
        expect((err as Error).cause).toBeInstanceOf(UniqueViolationError);
        expect(await emails()).toEqual(["user1@x.io"]);
      },
    );

    it("a call started but not awaited is finished before the commit, and the transaction resolves after it", async () => {
      let created: { email: string } | undefined;
      const result = await t.db.transaction(async (tx) => {
        void tx.user.create({ data: userData(2) }).then((u) => {
          created = u;
        });
        return "returned early";
      });
      expect(result).toBe("returned early");
      expect(created?.email).toBe("user2@x.io");
      expect(await emails()).toEqual(["user2@x.io"]);
    });

    it("a call made after the callback returned rejects with TransactionClosedError and runs nothing", async () => {
      let chained: PromiseLike<unknown> = Promise.resolve();
      let escaped: typeof t.db | undefined;
      await t.db.transaction(async (tx) => {
        escaped = tx;
        chained = tx.user.create({ data: userData(1) }).then(() => tx.user.create({ data: userData(2) }));
        chained.then(undefined, () => undefined);
      });
      expect(await caught(chained)).toBeInstanceOf(TransactionClosedError);
      t.log.clear();
      expect(await caught(escaped!.user.create({ data: userData(3) }))).toBeInstanceOf(TransactionClosedError);
      expect(await caught(escaped!.user.findMany())).toBeInstanceOf(TransactionClosedError);
      expect(t.log.ops()).toEqual([]);
      expect(await emails()).toEqual(["user1@x.io"]);
    });

    it("the outer client used inside a nested callback is refused (it cannot be ordered), nothing runs", async () => {
      await t.db.transaction(async (tx) => {
        await tx.user.create({ data: userData(1) });
        const err = await caught(tx.transaction(async () => tx.user.create({ data: userData(2) })));
        expect(err).toBeInstanceOf(TransactionClosedError);
        expect((err as Error).message).toMatch(/nested/);
      });
      expect(await emails()).toEqual(["user1@x.io"]);
    });
  });

  describe("timeouts", () => {
    it("synchronous work past the deadline: the next call and the commit are refused, nothing commits", async () => {
      const next = await caught(
        t.db.transaction(
          async (tx) => {
            await tx.user.create({ data: userData(1) });
            busyFor(120);
            await tx.user.create({ data: userData(2) });
          },
          { timeoutMs: 40 },
        ),
      );
      expect(next).toBeInstanceOf(TransactionTimeoutError);
      const atCommit = await caught(
        t.db.transaction(
          async (tx) => {
            await tx.user.create({ data: userData(3) });
            busyFor(120);
          },
          { timeoutMs: 40 },
        ),
      );
      expect(atCommit).toBeInstanceOf(TransactionTimeoutError);
      expect((atCommit as TransactionTimeoutError).timeoutMs).toBe(40);
      expect(actions()).not.toContain("commit");
      expect(await emails()).toEqual([]);
    });

    itWith(
      t.capability,
      "interactiveTransactions",
      "a timeout during a 20,000-row createMany commits none of the rows",
      async () => {
        const data = Array.from({ length: 20_000 }, (_, i) => userData(i));
        const started = performance.now();
        const err = await caught(t.db.transaction(async (tx) => tx.user.createMany({ data }), { timeoutMs: 30 }));
        expect(err).toBeInstanceOf(TransactionTimeoutError);
        expect(performance.now() - started).toBeLessThan(10_000);
        await sleep(300);
        expect(await t.db.user.count()).toBe(0);
      },
    );

    itWith(
      t.capability,
      "interactiveTransactions",
      "a timeout between a delete's read and its write: the write is never sent, the row stays",
      async () => {
        const u = await t.db.user.create({ data: userData(1) });
        t.log.clear();
        t.log.inject(
          failFirst(
            (op) => op.kind === "QuerySql",
            () => faults.stall(250),
          ),
        );
        const err = await caught(
          t.db.transaction(async (tx) => tx.user.delete({ where: { id: u.id } }), { timeoutMs: 60 }),
        );
        expect(err).toBeInstanceOf(TransactionTimeoutError);
        await sleep(300);
        t.log.inject(undefined);
        const writes = t.log
          .ops("QuerySql")
          .filter((l) => l.op.kind === "QuerySql" && l.op.statement.kind !== "Select");
        expect(writes).toEqual([]);
        expect(await t.db.user.count()).toBe(1);
      },
    );

    itWith(
      t.capability,
      "selectForUpdate",
      "a statement waiting for a row lock is cancelled at the deadline; the holder's write stands",
      async () => {
        const u = await t.db.user.create({ data: userData(1, { age: 0 }) });
        const locked = gate();
        const release = gate();
        const holder = t.db.transaction(async (tx) => {
          await tx.user.update({ where: { id: u.id }, data: { age: 1 } });
          locked.open();
          await release.wait;
        });
        await locked.wait;
        const started = performance.now();
        const err = await caught(
          t.db.transaction(async (tx) => tx.user.update({ where: { id: u.id }, data: { age: 2 } }), {
            timeoutMs: 250,
          }),
        );
        const waited = performance.now() - started;
        release.open();
        await holder;
        expect(err).toBeInstanceOf(TransactionTimeoutError);
        // Cancelled at the deadline, not when the lock was released (or the server's own lock timeout).
        expect(waited).toBeLessThan(3_000);
        expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).age).toBe(1);
        // The pooled session that was cancelled serves the next users.
        for (let i = 0; i < 6; i++) await t.db.user.update({ where: { id: u.id }, data: { age: { increment: 1 } } });
        expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).age).toBe(7);
      },
    );
  });

  describe("conditional writes are compare-and-set", () => {
    it("of 8 concurrent claimers of one row, exactly one wins; the others get NotFoundError (20 rounds)", async () => {
      for (let round = 0; round < 20; round++) {
        const u = await t.db.user.create({ data: userData(round, { role: "member" }) });
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            t.db.user.update({ where: { id: u.id, role: "member" }, data: { role: "admin", name: `claimer ${i}` } }),
          ),
        );
        const winners = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
        expect(winners, `round ${round}`).toHaveLength(1);
        for (const r of results) {
          if (r.status === "rejected") expect(r.reason, `round ${round}`).toBeInstanceOf(NotFoundError);
        }
        const row = await t.db.user.findUniqueOrThrow({ where: { id: u.id } });
        expect(row.name).toBe(`claimer ${winners[0]}`);
      }
    });

    it("of 2 concurrent deletes of one row, one returns it and the other gets NotFoundError (20 rounds)", async () => {
      for (let round = 0; round < 20; round++) {
        const u = await t.db.user.create({ data: userData(round) });
        const results = await Promise.allSettled([
          t.db.user.delete({ where: { id: u.id } }),
          t.db.user.delete({ where: { id: u.id } }),
        ]);
        expect(
          results.filter((r) => r.status === "fulfilled"),
          `round ${round}`,
        ).toHaveLength(1);
        const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
        expect(lost.reason, `round ${round}`).toBeInstanceOf(NotFoundError);
      }
      expect(await t.db.user.count()).toBe(0);
    });
  });

  describe("upsert", () => {
    it("8 concurrent upserts of one new key: all succeed, one row, every update applied (10 rounds)", async () => {
      for (let round = 0; round < 10; round++) {
        const email = `up${round}@x.io`;
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, () =>
            t.db.user.upsert({
              where: { email },
              create: userData(round, { email, age: 0 }),
              update: { age: { increment: 1 } },
            }),
          ),
        );
        const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(
          failed.map((f) => String(f.reason)),
          `round ${round}`,
        ).toEqual([]);
        const row = await t.db.user.findUniqueOrThrow({ where: { email } });
        // One call created it (age 0); the other seven updated it.
        expect(row.age, `round ${round}`).toBe(7);
      }
      expect(await t.db.user.count()).toBe(10);
    });

    // Key-value backends keep read-then-write (their native UpdateItem upsert is planned with the engine redesign).
    itWith(t.capability, "sql", "is one native conflict-clause statement on SQL backends", async () => {
      expect(t.capability().upsert).toBe(true);
      const explained = await t.db.user
        .upsert({ where: { email: "n@x.io" }, create: userData(1, { email: "n@x.io" }), update: { name: "N" } })
        .explain();
      expect(explained.operations[0]?.text).toMatch(/ON CONFLICT|ON DUPLICATE KEY UPDATE/);
      // Without RETURNING (MySQL) the row is read back by its unique where, in the same transaction.
      expect(explained.operations).toHaveLength(t.capability().returning ? 1 : 2);
    });
  });

  describe("lost replies are never retried blindly", () => {
    itWith(
      t.capability,
      "interactiveTransactions",
      "a COMMIT whose reply is lost: TransactionOutcomeUnknownError, not retried, applied once",
      async () => {
        t.log.inject(failFirst(txAction("commit"), faults.lostReply));
        let runs = 0;
        try {
          const err = await caught(
            t.db.transaction(
              async (tx) => {
                runs++;
                await tx.user.create({ data: userData(runs) });
              },
              { retry: { attempts: 3, minDelayMs: 1, maxDelayMs: 2 } },
            ),
          );
          expect(err).toBeInstanceOf(TransactionOutcomeUnknownError);
          expect((err as StrataError).retryable).toBe(false);
          expect((err as Error).cause).toBeInstanceOf(ConnectionLostError);
        } finally {
          t.log.inject(undefined);
        }
        expect(runs).toBe(1);
        expect(await emails()).toEqual(["user1@x.io"]);
      },
    );

    it("a write outside a transaction whose reply is lost: TransactionOutcomeUnknownError, retry() does not repeat it", async () => {
      t.log.inject(
        failFirst(
          (op) =>
            op.kind !== "Transaction" &&
            !(op.kind === "QuerySql" && op.statement.kind === "Select") &&
            !["GetByKey", "QueryPk", "QueryIndex", "Scan"].includes(op.kind),
          faults.lostReply,
        ),
      );
      let attempts = 0;
      try {
        const err = await caught(
          retry(
            () => {
              attempts++;
              return t.db.user.create({ data: userData(1) });
            },
            { attempts: 3, minDelayMs: 1, maxDelayMs: 2 },
          ),
        );
        expect(err).toBeInstanceOf(TransactionOutcomeUnknownError);
      } finally {
        t.log.inject(undefined);
      }
      expect(attempts).toBe(1);
      expect(await emails()).toEqual(["user1@x.io"]);
    });

    it("a read whose reply is lost is retryable, and retry() answers it", async () => {
      await t.db.user.create({ data: userData(1) });
      t.log.inject(failFirst((op) => op.kind !== "Transaction", faults.lostReply));
      let attempts = 0;
      try {
        const users = await retry(
          () => {
            attempts++;
            return t.db.user.findMany();
          },
          { attempts: 3, minDelayMs: 1, maxDelayMs: 2 },
        );
        expect(users.map((u) => u.email)).toEqual(["user1@x.io"]);
      } finally {
        t.log.inject(undefined);
      }
      expect(attempts).toBe(2);
    });

    itWith(
      t.capability,
      "interactiveTransactions",
      "a write inside a transaction whose reply is lost: the transaction rolls back, retry re-runs it, one row",
      async () => {
        t.log.inject(failFirst((op) => op.kind === "Insert", faults.lostReply));
        let runs = 0;
        try {
          await t.db.transaction(
            async (tx) => {
              runs++;
              await tx.user.create({ data: userData(1) });
            },
            { retry: { attempts: 3, minDelayMs: 1, maxDelayMs: 2 } },
          );
        } finally {
          t.log.inject(undefined);
        }
        expect(runs).toBe(2);
        expect(await emails()).toEqual(["user1@x.io"]);
      },
    );
  });

  describe("bad transaction options are refused before anything runs", () => {
    const bad: [string, unknown][] = [
      ["timeoutMs NaN", { timeoutMs: Number.NaN }],
      ["timeoutMs -1", { timeoutMs: -1 }],
      ["timeoutMs 0", { timeoutMs: 0 }],
      ["timeoutMs Infinity", { timeoutMs: Number.POSITIVE_INFINITY }],
      ["timeoutMs 3e9 (past a timer's range)", { timeoutMs: 3e9 }],
      ["timeoutMs as text", { timeoutMs: "100" }],
      ["retry.attempts 1.5", { retry: { attempts: 1.5 } }],
      ["retry.attempts 0", { retry: { attempts: 0 } }],
      ["retry.attempts as text", { retry: { attempts: "3" } }],
      ["retry null", { retry: null }],
      ["retry.maxDelayMs negative", { retry: { maxDelayMs: -5 } }],
      ["readOnly as text", { readOnly: "yes" }],
      ["an unknown option", { timeout: 100 }],
      ["options that are not an object", 5],
    ];
    it.each(bad)("%s", async (_name, options) => {
      let called = false;
      t.log.clear();
      const err = await caught(
        t.db.transaction(
          async () => {
            called = true;
          },
          options as Parameters<typeof t.db.transaction>[1],
        ),
      );
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(/expected|unknown option/);
      expect(called).toBe(false);
      expect(t.log.ops()).toEqual([]);
    });

    it("a callback that is not a function, and options on a nested transaction, are refused", async () => {
      const db = t.db as unknown as { transaction(fn: unknown, options?: unknown): Promise<unknown> };
      expect(await caught(db.transaction([t.db.user.count()]))).toBeInstanceOf(ValidationError);
      expect(await caught(db.transaction("work"))).toBeInstanceOf(ValidationError);
      await t.db.transaction(async (tx) => {
        const err = await caught(tx.transaction(async () => undefined, { timeoutMs: 10 }));
        expect(err).toBeInstanceOf(ValidationError);
      });
      expect(await caught(retry(async () => 1, { attempts: 0 }))).toBeInstanceOf(ValidationError);
    });
  });

  itWith(
    t.capability,
    "selectForUpdate",
    "a deadlock victim that catches the conflict cannot write on: its transaction rejects and nothing of it commits",
    async () => {
      const a = await t.db.user.create({ data: userData(1, { age: 0 }) });
      const b = await t.db.user.create({ data: userData(2, { age: 0 }) });
      const bothLocked = { a: gate(), b: gate() };
      const afterConflict: unknown[] = [];
      const run = (first: string, second: string, mine: "a" | "b", other: "a" | "b", marker: number) =>
        t.db.transaction(async (tx) => {
          await tx.user.update({ where: { id: first }, data: { age: { increment: 1 } } });
          bothLocked[mine].open();
          await bothLocked[other].wait;
          const conflict = await caught(
            tx.user.update({ where: { id: second }, data: { age: { increment: 1 } } }),
          ).catch(() => undefined);
          if (conflict !== undefined) {
            // The victim goes on writing as if nothing happened.
            afterConflict.push(conflict);
            afterConflict.push(await caught(tx.user.create({ data: userData(marker) })));
          }
        });
      const results = await Promise.allSettled([run(a.id, b.id, "a", "b", 10), run(b.id, a.id, "b", "a", 20)]);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(rejected).toHaveLength(1);
      expect(afterConflict[0]).toBeInstanceOf(SerializationFailureError);
      expect(afterConflict[1]).toBeInstanceOf(TransactionAbortedError);
      expect(rejected[0]!.reason).toBeInstanceOf(TransactionAbortedError);
      expect((rejected[0]!.reason as StrataError).retryable).toBe(true);
      // The winner's two increments committed; nothing of the victim did.
      const ages = (await t.db.user.findMany({ orderBy: { email: "asc" } })).map((u) => [u.email, u.age]);
      expect(ages).toEqual([
        ["user1@x.io", 1],
        ["user2@x.io", 1],
      ]);
    },
  );
});
