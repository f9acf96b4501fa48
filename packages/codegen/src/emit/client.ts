import path from "node:path";
import type { AppSchema } from "@strata/core";
import type { ModelClassRef } from "../reader/index.ts";
import { HEADER } from "./header.ts";

/**
 * `index.ts`: `createClient(options)` wiring the schema, the model classes and
 * the zod input schemas to the engine; re-exports the types and the zod schemas.
 */
export function emitClient(schema: AppSchema, classes: readonly ModelClassRef[], outDir: string): string {
  const inputs = schema.models.flatMap((m) => [`${m.name}CreateInput`, `${m.name}UpdateInput`]);
  const byFile = new Map<string, ModelClassRef[]>();
  for (const c of classes) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  const imports = [...byFile.keys()].sort().map((file) => {
    const refs = byFile.get(file) ?? [];
    const spec = importSpecifier(outDir, file);
    const named = refs.filter((r) => r.exportName !== "default").map((r) => r.model);
    const fallback = refs.find((r) => r.exportName === "default");
    const parts = [fallback?.model, named.length > 0 ? `{ ${named.join(", ")} }` : undefined].filter(Boolean);
    return `import ${parts.join(", ")} from "${spec}";`;
  });
  return `${HEADER}
import { type ClientOptions, createStrataClient, type StrataClient } from "@strata/engine";
${imports.join("\n")}
import { schema } from "./schema.js";
import type { StrataTypeMap } from "./types.js";
import { inputSchemas } from "./zod.js";

export { schema } from "./schema.js";
export type * from "./types.js";
// Each name is a zod schema and, as a type, the input interface of types.ts.
export { inputSchemas, ${inputs.join(", ")} } from "./zod.js";

export function createClient(options: ClientOptions): StrataClient<StrataTypeMap> {
  const models = { ${classes.map((c) => c.model).join(", ")} };
  return createStrataClient<StrataTypeMap>({ schema, models, inputSchemas }, options);
}
`;
}

/** Relative, with the `.js` extension NodeNext (and tsx/vitest) map back to the `.ts` file. */
function importSpecifier(outDir: string, file: string): string {
  const rel = path
    .relative(outDir, file)
    .split(path.sep)
    .join("/")
    .replace(/\.(m?)ts$/, ".$1js");
  return rel.startsWith(".") ? rel : `./${rel}`;
}
