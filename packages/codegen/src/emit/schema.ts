import type { AppSchema } from "@strata/core";
import { HEADER } from "./header.ts";

/**
 * `schema.ts`: the app schema as plain data, annotated `AppSchema` (no literal
 * types: nothing reads them, and a 200-model `as const` costs the checker).
 */
export function emitSchema(schema: AppSchema): string {
  return `${HEADER}
import type { AppSchema } from "@strata/core";

export const schema: AppSchema = ${JSON.stringify(schema, null, 2)};
`;
}
