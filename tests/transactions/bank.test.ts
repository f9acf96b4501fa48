import { SerializationFailureError } from "@strata/core";
import { type Bank, openAccounts, openBank, runTransfers, transfer } from "bank-example/app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../conformance/backends.js";
import { failFirst, faults, txAction } from "../support/faults.js";
import { LoggingDriver } from "../support/logging-driver.js";

// The proof of user-level retry: real conflicts on the two server backends, which run concurrent sessions.
const servers = backends.filter((b) => b.name === "postgres" || b.name === "mysql");

describe.each(servers)("bank transfers at SERIALIZABLE ($name)", (backend) => {
  let db: Bank;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await backend.open();
    db = openBank(opened.driver);
    cleanup = opened.cleanup;
    await db.push();
  });
  afterAll(async () => {
    await db.close();
    await cleanup();
  });

  it("8 workers × 250 transfers with retry: every transfer commits, the total is preserved, conflicts happened", async () => {
    const ids = await openAccounts(db, 10, 1000);
    const result = await runTransfers(db, ids, 8, 250);
    expect(result.committed).toBe(2000);
    expect(result.total).toBe(10_000);
    expect(await db.transfer.count()).toBe(2000);
    expect(result.conflictsRetried).toBeGreaterThan(0);
  }, 180_000);

  it("without retry, a conflict reaches the caller as SerializationFailureError", async () => {
    const ids = await openAccounts(db, 10, 1000);
    const failure = await runTransfers(db, ids, 8, 100, false).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(SerializationFailureError);
    expect((failure as SerializationFailureError).retryable).toBe(true);
    // Whatever committed before the failure kept the books balanced.
    const accounts = await db.account.findMany();
    expect(accounts.reduce((sum, a) => sum + a.balance, 0)).toBe(10_000);
  }, 60_000);
});

describe.each(backends)("a transfer whose COMMIT reply is lost ($name)", (backend) => {
  it("is checked by its id, never applied twice, and the caller gets success", async () => {
    const opened = await backend.open();
    const log = new LoggingDriver(opened.driver);
    const db = openBank(log, backend.clientOptions);
    try {
      await db.push();
      const [a, b] = await openAccounts(db, 2, 100);
      // The first commit reaches the database, then its reply is lost (COMMIT, or DynamoDB's TransactWriteItems).
      log.inject(failFirst((op) => txAction("commit")(op) || op.kind === "TransactWrite", faults.lostReply));
      await transfer(db, a!, b!, 30, { attempts: 3, minDelayMs: 1, maxDelayMs: 2 });
      log.inject(undefined);
      expect(await db.transfer.count()).toBe(1);
      expect((await db.account.findUniqueOrThrow({ where: { id: a! } })).balance).toBe(70);
      expect((await db.account.findUniqueOrThrow({ where: { id: b! } })).balance).toBe(130);
    } finally {
      await db.close();
      await opened.cleanup();
    }
  });
});
