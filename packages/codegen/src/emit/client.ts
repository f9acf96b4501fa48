import type { AppSchema } from "@strata/core";
import type { ModelClassRef } from "../reader/index.ts";
import { HEADER } from "./header.ts";

/**
 * `index.ts`: `createClient(options)` wiring the schema, the default functions
 * (copied from the decorators) and the zod input schemas to the engine;
 * re-exports the types and the zod schemas. It does not import the model
 * classes: an app runs without loading them (so their decorators need not run
 * on this Node), and passes them to `createClient({ models })` to check them.
 */
export function emitClient(schema: AppSchema, classes: readonly ModelClassRef[]): string {
  const inputs = schema.models.flatMap((m) => [`${m.name}CreateInput`, `${m.name}UpdateInput`]);
  const defaults = classes
    .filter((c) => c.defaultFunctions.size > 0)
    .map((c) => {
      const fields = [...c.defaultFunctions].map(([field, text]) => `    ${JSON.stringify(field)}: ${text},`);
      return `  ${JSON.stringify(c.model)}: {\n${fields.join("\n")}\n  },`;
    });
  return `${HEADER}
import { type ClientOptions, createStrataClient, type StrataClient } from "@strata/engine";
import { schema } from "./schema.js";
import type { StrataTypeMap } from "./types.js";
import { inputSchemas } from "./zod.js";

export { schema } from "./schema.js";
export type * from "./types.js";
// Each name is a zod schema and, as a type, the input interface of types.ts.
export { inputSchemas, ${inputs.join(", ")} } from "./zod.js";

/** The models' default functions, copied from their decorators by strata generate. */
const defaults: Record<string, Record<string, () => unknown>> = {${defaults.length > 0 ? `\n${defaults.join("\n")}\n` : ""}};

/** \`options.models\` (the decorated classes, optional) are checked against the generated schema. */
export function createClient(options: ClientOptions): StrataClient<StrataTypeMap> {
  return createStrataClient<StrataTypeMap>({ schema, defaults, inputSchemas }, options);
}
`;
}
