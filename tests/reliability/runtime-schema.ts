import type { AppSchema, Driver, ModelDef } from "@strata/core";
import { createStrataClient, type TypeMapShape } from "@strata/engine";
import type { LooseDelegate } from "../conformance/fixtures.js";

/** A client over a schema built at run time (what codegen would emit), typed loosely. */
export interface RuntimeClient {
  model(name: string): LooseDelegate;
  push(): Promise<void>;
  close(): Promise<void>;
}

export function runtimeClient(schema: AppSchema, driver: Driver, options: { allowScan?: boolean } = {}): RuntimeClient {
  const client = createStrataClient<TypeMapShape>({ schema }, { driver, ...options }) as unknown as Record<
    string,
    unknown
  > & {
    push(): Promise<void>;
    close(): Promise<void>;
  };
  return {
    model: (name) => client[name.charAt(0).toLowerCase() + name.slice(1)] as LooseDelegate,
    push: () => client.push(),
    close: () => client.close(),
  };
}

/** One model: an autoincrement int id and the given string fields (nullable when asked). */
export function stringModel(
  name: string,
  table: string,
  fields: readonly { name: string; column?: string; nullable?: boolean }[],
): ModelDef {
  return {
    name,
    table,
    id: ["id"],
    fields: [
      { name: "id", type: "int", nullable: false, default: { kind: "autoincrement" } },
      ...fields.map((f) => ({
        name: f.name,
        type: "string" as const,
        nullable: f.nullable ?? false,
        ...(f.column === undefined ? {} : { column: f.column }),
      })),
    ],
    indexes: [],
    relations: [],
  };
}
