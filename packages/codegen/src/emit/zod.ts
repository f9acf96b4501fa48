import type { AppSchema, FieldDef, ModelDef } from "@strata/core";
import { HEADER } from "./header.ts";

/**
 * `zod.ts`: per model a zod schema of create and of update data, named like
 * the TypeScript input types (`UserCreateInput` is both: the zod value and,
 * as a type, the interface from types.ts), and `inputSchemas`, which index.ts
 * hands to the engine so invalid data throws ValidationError before any I/O.
 * `z.infer` of each schema is assignable to the interface of the same name.
 */
export function emitZod(schema: AppSchema): string {
  const body = schema.models.map(modelSchemas).join("\n");
  const map = schema.models
    .map((m) => `  ${m.name}: { create: ${m.name}CreateInput, update: ${m.name}UpdateInput },`)
    .join("\n");
  return `${HEADER}
import { z } from "zod";
import type * as T from "./types.js";

// Shared field validators; the ranges are the engine's (32-bit int, signed 64-bit bigint).
const int = z.int32();
const bigint = z.bigint().min(-(2n ** 63n)).max(2n ** 63n - 1n);
const date = z.date();
const bytes = z.instanceof(Uint8Array);
const json = z.json();
const requiredJson = json.refine((v) => v !== null, "expected a JSON value other than null (the field is not nullable)");
const set = <V extends z.ZodType>(v: V) => z.strictObject({ set: v });
/** A value, \`{ set }\`, or exactly one arithmetic operator. */
const numeric = <V extends z.ZodType, N extends z.ZodType>(v: V, n: N) =>
  z.union([
    v,
    set(v),
    z.strictObject({ increment: n }),
    z.strictObject({ decrement: n }),
    z.strictObject({ multiply: n }),
    z.strictObject({ divide: n }),
  ]);

${body}
/** The validators the engine runs on create/update data (\`EngineSetup.inputSchemas\`). */
export const inputSchemas = {
${map}
};
`;
}

function modelSchemas(m: ModelDef): string {
  const N = m.name;
  const create = m.fields.map((f) => {
    const optional = f.nullable || f.default !== undefined;
    return `  ${f.name}: ${nullable(f)}${optional ? ".optional()" : ""},`;
  });
  const update = m.fields.map((f) => `  ${f.name}: ${updateSchema(f)}.optional(),`);
  return `export const ${N}CreateInput = z.strictObject({
${create.join("\n")}
});
export type ${N}CreateInput = T.${N}CreateInput;
export const ${N}UpdateInput = z.strictObject({
${update.join("\n")}
});
export type ${N}UpdateInput = T.${N}UpdateInput;
`;
}

function valueSchema(f: FieldDef): string {
  switch (f.type) {
    case "string":
      return "z.string()";
    case "number":
      return "z.number()";
    case "int":
      return "int";
    case "bigint":
      return "bigint";
    case "boolean":
      return "z.boolean()";
    case "date":
      return "date";
    case "bytes":
      return "bytes";
    case "json":
      return f.nullable ? "json" : "requiredJson";
    case "enum":
      return `z.enum([${(f.enumValues ?? []).map((v) => JSON.stringify(v)).join(", ")}])`;
    default: {
      const unknownType: never = f.type;
      throw new Error(`unknown field type ${String(unknownType)}`);
    }
  }
}

/** A nullable Json field takes null as a JSON value already; other nullable fields add `.nullable()`. */
function nullable(f: FieldDef): string {
  return f.nullable && f.type !== "json" ? `${valueSchema(f)}.nullable()` : valueSchema(f);
}

/** Update data: Json the value only; numbers a value, set or one operator; the rest a value or set. */
function updateSchema(f: FieldDef): string {
  if (f.type === "json") return nullable(f);
  if (f.type === "number" || f.type === "int" || f.type === "bigint")
    return `numeric(${nullable(f)}, ${valueSchema(f)})`;
  return `z.union([${nullable(f)}, set(${nullable(f)})])`;
}
