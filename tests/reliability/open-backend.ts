import type { AppSchema, Driver } from "@strata/core";
import { afterAll, beforeAll } from "vitest";
import type { Backend } from "../conformance/backends.js";
import { LoggingDriver } from "../support/logging-driver.js";
import { type RuntimeClient, runtimeClient } from "./runtime-schema.js";

export interface Opened<L extends LoggingDriver = LoggingDriver> {
  readonly db: RuntimeClient;
  readonly log: L;
}

/** Opens `backend` for the file (beforeAll) behind a LoggingDriver (or `wrap`'s), pushes `schema`, closes it after. */
export function useBackend<L extends LoggingDriver = LoggingDriver>(
  backend: Backend,
  schema: AppSchema,
  wrap: (driver: Driver) => L = (driver) => new LoggingDriver(driver) as L,
): Opened<L> {
  let state: (Opened<L> & { cleanup(): Promise<void> }) | undefined;
  const get = () => {
    if (!state) throw new Error(`${backend.name} is not open yet`);
    return state;
  };
  beforeAll(async () => {
    const { driver, cleanup } = await backend.open();
    const log = wrap(driver);
    const db = runtimeClient(schema, log, backend.clientOptions ?? {});
    await db.push();
    state = { db, log, cleanup };
  }, 120_000);
  afterAll(async () => {
    if (!state) return;
    await state.db.close();
    await state.cleanup();
  });
  return {
    get db() {
      return get().db;
    },
    get log() {
      return get().log;
    },
  };
}
