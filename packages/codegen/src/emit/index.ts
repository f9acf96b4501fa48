import type { AppSchema } from "@strata/core";
import type { ModelClassRef } from "../reader/index.ts";
import { emitClient } from "./client.ts";
import { emitSchema } from "./schema.ts";
import { emitSnapshot } from "./snapshot.ts";
import { emitTypes } from "./types.ts";
import { emitZod } from "./zod.ts";

/** Every generated file by name; rendered in memory first so a failure writes nothing. */
export function emitFiles(schema: AppSchema, classes: readonly ModelClassRef[]): Map<string, string> {
  return new Map([
    ["schema.ts", emitSchema(schema)],
    ["types.ts", emitTypes(schema)],
    ["zod.ts", emitZod(schema)],
    ["index.ts", emitClient(schema, classes)],
    ["schema.snapshot.json", emitSnapshot(schema)],
  ]);
}
