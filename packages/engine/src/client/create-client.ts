import type { Driver, ModelClass } from "@strata/core";
import type { StrataClient, TypeMapShape } from "../types/index.ts";
import { ClientRuntime } from "./client.ts";
import { Engine, type EngineSetup } from "./engine.ts";

export interface ClientOptions {
  driver: Driver;
  /** Most query shapes kept planned (default 1000). */
  planCacheSize?: number;
  /** Key-value backends: allow table scans and in-memory sorts (default false: refused with UnsupportedError). */
  allowScan?: boolean;
  /**
   * The decorated model classes, by model name. Optional: the generated client
   * runs without them; given, they are checked against the generated schema
   * (a class edited since the last `strata generate` is a SchemaMismatchError).
   */
  models?: Readonly<Record<string, ModelClass>>;
}

/**
 * Wires the engine to a driver. Generated clients call this with their schema
 * (and default functions); the runtime object is untyped, the generated TypeMap
 * gives it its types.
 */
export function createStrataClient<TM extends TypeMapShape>(
  setup: EngineSetup,
  options: ClientOptions,
): StrataClient<TM> {
  const models = setup.models ?? options.models;
  const engine = new Engine(models ? { ...setup, models } : setup, options.driver, options);
  const runtime = new ClientRuntime(engine, options.driver, null);
  return runtime.facade() as unknown as StrataClient<TM>;
}
