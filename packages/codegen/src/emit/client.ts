import path from "node:path";
import type { ModelClassRef } from "../reader/index.ts";
import { HEADER } from "./header.ts";

/** `index.ts`: `createClient(options)` wiring the schema and the model classes to the engine. */
export function emitClient(classes: readonly ModelClassRef[], outDir: string): string {
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

export { schema } from "./schema.js";
export type * from "./types.js";

export function createClient(options: ClientOptions): StrataClient<StrataTypeMap> {
  return createStrataClient<StrataTypeMap>({ schema, models: { ${classes.map((c) => c.model).join(", ")} } }, options);
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
