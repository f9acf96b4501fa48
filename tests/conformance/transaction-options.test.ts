import {
  type IsolationLevel,
  ReadOnlyTransactionError,
  SerializationFailureError,
  StrataError,
  UnsupportedError,
  ValidationError,
} from "@strata/core";
import { describe, expect } from "vitest";
import { backends, itWith } from "./backends.js";
import { caught, useDb, userData } from "./fixtures.js";

const LEVELS: IsolationLevel[] = ["read uncommitted", "read committed", "repeatable read", "snapshot", "serializable"];

describe.each(backends)("transaction options ($name)", (backend) => {
  const t = useDb(backend);
  const commits = () => t.log.ops("Transaction").filter((l) => l.op.kind === "Transaction" && l.op.action === "commit");

  itWith(
    t.capability,
    "readOnlyTransactions",
    "a write in a read-only transaction throws ReadOnlyTransactionError and writes nothing",
    async () => {
      await t.db.user.create({ data: userData(1) });
      const err = await caught(
        t.db.transaction(
          async (tx) => {
            expect(await tx.user.count()).toBe(1);
            await tx.user.create({ data: userData(2) });
          },
          { readOnly: true },
        ),
      );
      expect(err).toBeInstanceOf(ReadOnlyTransactionError);
      expect((err as ReadOnlyTransactionError).retryable).toBe(false);
      expect(await t.db.user.count()).toBe(1);
      // The connection is usable for writes again afterwards.
      await t.db.user.create({ data: userData(3) });
      expect(await t.db.user.count()).toBe(2);
    },
  );

  itWith(
    t.capability,
    "interactiveTransactions",
    "every isolation level the backend offers runs; the others are refused, never downgraded",
    async () => {
      for (const isolation of LEVELS) {
        const work = t.db.transaction(async (tx) => tx.user.count(), { isolation });
        if (t.capability().isolationLevels.includes(isolation)) expect(await work).toBe(0);
        else {
          const err = await caught(work);
          expect(err).toBeInstanceOf(UnsupportedError);
          expect((err as UnsupportedError).capability).toBe("isolationLevels");
        }
      }
    },
  );

  itWith(
    t.capability,
    "interactiveTransactions",
    "retry re-runs the whole callback on a serialization failure, and only then",
    async () => {
      // The first commit fails as a conflict would; the second attempt commits.
      let commitsSeen = 0;
      t.log.inject((op) => {
        if (op.kind === "Transaction" && op.action === "commit" && commitsSeen++ === 0) {
          return new SerializationFailureError("injected conflict");
        }
        return undefined;
      });
      let runs = 0;
      const retried: unknown[] = [];
      try {
        await t.db.transaction(
          async (tx) => {
            runs++;
            await tx.user.create({ data: userData(runs) });
          },
          { retry: { attempts: 3, minDelayMs: 1, maxDelayMs: 2, onRetry: (err) => retried.push(err) } },
        );
      } finally {
        t.log.inject(undefined);
      }
      expect(runs).toBe(2);
      expect(retried).toHaveLength(1);
      expect(retried[0]).toBeInstanceOf(SerializationFailureError);
      // The failed attempt was rolled back; only the second one's row exists.
      expect((await t.db.user.findMany()).map((u) => u.email)).toEqual(["user2@x.io"]);
      expect(commits()).toHaveLength(2);
    },
  );

  itWith(
    t.capability,
    "interactiveTransactions",
    "retry rethrows a non-retryable error at once, and the last error after the last attempt",
    async () => {
      let runs = 0;
      const notRetryable = await caught(
        t.db.transaction(
          async (tx) => {
            runs++;
            await tx.user.create({ data: { ...userData(1), role: "boss" as "admin" } });
          },
          { retry: { attempts: 5, minDelayMs: 1, maxDelayMs: 2 } },
        ),
      );
      expect(notRetryable).toBeInstanceOf(ValidationError);
      expect(runs).toBe(1);

      t.log.inject((op) =>
        op.kind === "Transaction" && op.action === "commit" ? new SerializationFailureError("always") : undefined,
      );
      let attempts = 0;
      try {
        const last = await caught(
          t.db.transaction(async () => void attempts++, { retry: { attempts: 3, minDelayMs: 1, maxDelayMs: 2 } }),
        );
        expect(last).toBeInstanceOf(SerializationFailureError);
        expect((last as SerializationFailureError & { attempts?: number }).attempts).toBe(3);
      } finally {
        t.log.inject(undefined);
      }
      expect(attempts).toBe(3);
    },
  );

  itWith(t.capability, "interactiveTransactions", "timeoutMs rolls back a transaction that runs too long", async () => {
    const err = await caught(
      t.db.transaction(
        async (tx) => {
          await tx.user.create({ data: userData(1) });
          await new Promise((resolve) => setTimeout(resolve, 200));
          await tx.user.create({ data: userData(2) });
        },
        { timeoutMs: 50 },
      ),
    );
    expect(err).toBeInstanceOf(StrataError);
    expect((err as Error).message).toMatch(/timeoutMs \(50 ms\)/);
    // Give the callback time to reach its second write, which must fail on the finished transaction.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await t.db.user.count()).toBe(0);
  });
});
