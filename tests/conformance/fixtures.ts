import type { Capability, Operation } from "@strata/core";
import { ValidationError } from "@strata/core";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { LoggingDriver } from "../support/logging-driver.js";
import type { Backend } from "./backends.js";
import { createClient, type UserCreateInput } from "./generated/index.js";

export type Db = ReturnType<typeof createClient>;

/** One backend's database for one test file, reached through a LoggingDriver. */
export interface TestDb {
  readonly db: Db;
  readonly log: LoggingDriver;
  readonly capability: () => Capability;
}

/**
 * Opens a fresh database for the file (beforeAll), pushes the schema, empties
 * every table and the operation log before each test, and closes it afterwards.
 */
export function useDb(backend: Backend): TestDb {
  let state: { db: Db; log: LoggingDriver; cleanup: () => Promise<void> } | undefined;
  const get = () => {
    if (!state) throw new Error(`the ${backend.name} database is not open yet (use it inside a test)`);
    return state;
  };
  beforeAll(async () => {
    const { driver, cleanup } = await backend.open();
    const log = new LoggingDriver(driver);
    const db = createClient({ driver: log, ...backend.clientOptions });
    await db.push();
    state = { db, log, cleanup };
  });
  beforeEach(async () => {
    const { db, log } = get();
    await clean(db);
    log.clear();
  });
  afterAll(async () => {
    if (!state) return;
    await state.db.close();
    await state.cleanup();
    state = undefined;
  });
  return {
    get db() {
      return get().db;
    },
    get log() {
      return get().log;
    },
    capability: () => get().log.capability,
  };
}

/** Deletes every row, children before parents. */
export async function clean(db: Db): Promise<void> {
  await db.tally.deleteMany({});
  await db.comment.deleteMany({});
  await db.profile.deleteMany({});
  await db.post.deleteMany({});
  await db.user.deleteMany({});
}

/** A valid user's create data; `n` makes the unique email distinct. */
export function userData(n: number, extra: Partial<UserCreateInput> = {}): UserCreateInput {
  return { email: `user${n}@x.io`, name: `User ${n}`, role: "member", ...extra };
}

/** Zero-padded so string order equals numeric order. */
export const pad = (n: number): string => String(n).padStart(3, "0");

/** `count` users u000..u(count-1) created in one createMany; returns them ordered by email. */
export async function seedUsers(db: Db, count: number, extra: (i: number) => Partial<UserCreateInput> = () => ({})) {
  const data = Array.from({ length: count }, (_, i) => ({
    ...userData(i, extra(i)),
    email: `u${pad(i)}@x.io`,
    name: `U${pad(i)}`,
  }));
  await db.user.createMany({ data });
  return db.user.findMany({ orderBy: { email: "asc" } });
}

/** A fixed point in time with milliseconds, plus `minutes`. */
export const at = (minutes: number): Date => new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678) + minutes * 60_000);

/** Sorted copies, for comparing sets of values. */
export const sorted = <T>(values: readonly T[]): T[] => [...values].sort();

type Method =
  | "create"
  | "createMany"
  | "findUnique"
  | "findUniqueOrThrow"
  | "findFirst"
  | "findFirstOrThrow"
  | "findMany"
  | "count"
  | "update"
  | "updateMany"
  | "upsert"
  | "delete"
  | "deleteMany";

/** A delegate without static types: for feeding deliberately wrong input to the runtime validation. */
export type LooseDelegate = Record<Method, (args?: unknown) => PromiseLike<unknown>> & {
  stream(args?: unknown): AsyncIterable<unknown>;
};
export type LooseDb = Record<"user" | "post" | "comment" | "profile", LooseDelegate>;

/** The same client, typed loosely so tests can send input the generated types refuse. */
export const loose = (db: Db): LooseDb => db as unknown as LooseDb;

/** Awaits `work`, expects a ValidationError with an issue at `path`, and returns the error. */
export async function expectValidation(
  work: PromiseLike<unknown>,
  path: (string | number)[],
): Promise<ValidationError> {
  let caught: unknown;
  try {
    await work;
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  const err = caught as ValidationError;
  expect(err.code).toBe("VALIDATION");
  expect(err.issues.map((i) => i.path)).toContainEqual(path);
  for (const issue of err.issues) expect(issue.message.length).toBeGreaterThan(0);
  return err;
}

/** Awaits `work` and returns what it threw (fails the test when nothing was thrown). */
export async function caught(work: PromiseLike<unknown> | (() => PromiseLike<unknown>)): Promise<unknown> {
  try {
    await (typeof work === "function" ? work() : work);
  } catch (err) {
    return err;
  }
  throw new Error("expected the operation to throw, but it succeeded");
}

/** Operations of the given kinds the logging driver saw. */
export const kinds = (log: LoggingDriver): Operation["kind"][] => log.ops().map((o) => o.kind);
