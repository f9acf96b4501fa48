import type { Driver } from "@strata/core";
import type { StrataClient, TypeMapShape } from "../types/index.ts";
import { ClientRuntime } from "./client.ts";
import { Engine, type EngineSetup } from "./engine.ts";

export interface ClientOptions {
  driver: Driver;
  /** Most query shapes kept planned (default 1000). */
  planCacheSize?: number;
  /** Key-value backends: allow table scans and in-memory sorts (default false: refused with UnsupportedError). */
  allowScan?: boolean;
}

/**
 * Wires the engine to a driver. Generated clients call this with their schema
 * and model classes; the runtime object is untyped, the generated TypeMap
 * gives it its types.
 */
export function createStrataClient<TM extends TypeMapShape>(
  setup: EngineSetup,
  options: ClientOptions,
): StrataClient<TM> {
  const engine = new Engine(setup, options.driver, options);
  const runtime = new ClientRuntime(engine, options.driver, null);
  return runtime.facade() as unknown as StrataClient<TM>;
}
