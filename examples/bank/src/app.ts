import {
  type Driver,
  type RetryPolicy,
  SerializationFailureError,
  TransactionOutcomeUnknownError,
  uuidv7,
} from "@strata/core";
import { createClient } from "./generated/index.js";

export type Bank = ReturnType<typeof createClient>;

export function openBank(driver: Driver, options: { allowScan?: boolean } = {}): Bank {
  return createClient({ driver, ...options });
}

/** Opens `count` accounts with `balance` each and returns their ids. */
export async function openAccounts(db: Bank, count: number, balance: number): Promise<string[]> {
  await db.transfer.deleteMany({});
  await db.account.deleteMany({});
  const ids = Array.from({ length: count }, (_, i) => `acct-${String(i).padStart(3, "0")}`);
  await db.account.createMany({ data: ids.map((id, i) => ({ id, owner: `owner ${i}`, balance })) });
  return ids;
}

/**
 * Moves money at SERIALIZABLE. A conflict with a concurrent transfer throws
 * SerializationFailureError; with `retry` the whole transfer runs again.
 * The transfer's id, chosen before the first attempt, is its idempotency
 * key: when the connection dies after COMMIT was sent
 * (TransactionOutcomeUnknownError, never retried by `retry`), the row tells
 * whether the transfer landed, and running it again with the same id can
 * never move the money twice (a second row with that id is a unique violation).
 */
export async function transfer(
  db: Bank,
  fromId: string,
  toId: string,
  amount: number,
  retry?: RetryPolicy,
  id: string = uuidv7(),
  unknownOutcomes = 0,
): Promise<void> {
  try {
    await db.transaction(
      async (tx) => {
        const from = await tx.account.findUniqueOrThrow({ where: { id: fromId } });
        await tx.account.findUniqueOrThrow({ where: { id: toId } });
        if (from.balance < amount) throw new Error(`insufficient funds in ${fromId}`);
        await tx.account.update({ where: { id: fromId }, data: { balance: { decrement: amount } } });
        await tx.account.update({ where: { id: toId }, data: { balance: { increment: amount } } });
        await tx.transfer.create({ data: { id, fromId, toId, amount } });
      },
      // Backends with interactive transactions run it SERIALIZABLE; DynamoDB buffers the writes and checks versions.
      {
        ...(db.driver.capability.interactiveTransactions ? { isolation: "serializable" as const } : {}),
        ...(retry ? { retry } : {}),
      },
    );
  } catch (err) {
    if (!(err instanceof TransactionOutcomeUnknownError) || unknownOutcomes >= 2) throw err;
    // The COMMIT may or may not have landed: the transfer row says which.
    if (await db.transfer.findUnique({ where: { id } })) return;
    await transfer(db, fromId, toId, amount, retry, id, unknownOutcomes + 1);
  }
}

export interface RunResult {
  committed: number;
  conflictsRetried: number;
  total: number;
}

/** `workers` concurrent loops of `perWorker` transfers of 1 between random accounts. */
export async function runTransfers(
  db: Bank,
  ids: string[],
  workers: number,
  perWorker: number,
  retry = true,
): Promise<RunResult> {
  let committed = 0;
  let conflictsRetried = 0;
  const policy: RetryPolicy = {
    attempts: 30,
    minDelayMs: 1,
    maxDelayMs: 50,
    onRetry: (err) => {
      if (err instanceof SerializationFailureError) conflictsRetried++;
    },
  };
  const worker = async (w: number) => {
    for (let i = 0; i < perWorker; i++) {
      const a = (w * 7 + i * 3) % ids.length;
      const b = (a + 1 + ((i + w) % (ids.length - 1))) % ids.length;
      await transfer(db, ids[a]!, ids[b]!, 1, retry ? policy : undefined);
      committed++;
    }
  };
  // Wait for every worker, so nothing still runs when the first failure is reported.
  const settled = await Promise.allSettled(Array.from({ length: workers }, (_, w) => worker(w)));
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
  const accounts = await db.account.findMany();
  return { committed, conflictsRetried, total: accounts.reduce((sum, a) => sum + a.balance, 0) };
}
