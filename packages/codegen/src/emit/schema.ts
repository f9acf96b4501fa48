import type { AppSchema } from "@strata/core";
import { HEADER } from "./header.ts";

/**
 * `schema.ts`: the app schema as a literal. `as const satisfies AppSchema`
 * keeps it checked against core's type while it stays plain data.
 */
export function emitSchema(schema: AppSchema): string {
  return `${HEADER}
import type { AppSchema } from "@strata/core";

export const schema = ${JSON.stringify(schema, null, 2)} as const satisfies AppSchema;
`;
}
