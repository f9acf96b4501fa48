import type { AppSchema, FieldDef, ModelDef } from "@strata/core";
import { HEADER } from "./header.ts";

/**
 * `zod.ts`: per model a zod schema of create and of update data, named like
 * the TypeScript input types (`UserCreateInput` is both: the zod value and,
 * as a type, the interface from types.ts), and `inputSchemas`, which index.ts
 * hands to the engine so invalid data throws ValidationError before any I/O.
 * `z.infer` of each schema is assignable to the interface of the same name.
 *
 * Built with `zod/mini` (the same schemas and issues as `zod`, with far
 * lighter types), and field validators are shared constants (one per type,
 * nullability and optionality in use), so a model's schema is one
 * `z.strictObject` of names: a 200-model schema stays cheap for the checker.
 */
export function emitZod(schema: AppSchema): string {
  const shared = new Map<string, string>();
  const body = schema.models.map((m) => modelSchemas(m, shared)).join("\n");
  const derived = [...shared].sort(([a], [b]) => a.localeCompare(b)).map(([n, e]) => `const ${n} = ${e};`);
  const map = schema.models
    .map((m) => `  ${m.name}: { create: ${m.name}CreateInput, update: ${m.name}UpdateInput },`)
    .join("\n");
  return `${HEADER}
import * as z from "zod/mini";
import type * as T from "./types.js";

// Field validators; the ranges are the engine's (32-bit int, signed 64-bit bigint).
const string = z.string();
const number = z.number();
const int = z.int32();
const bigint = z.bigint().check(z.minimum(-(2n ** 63n)), z.maximum(2n ** 63n - 1n));
const boolean = z.boolean();
const date = z.date();
const bytes = z.instanceof(Uint8Array);
const json = z.json();
const requiredJson = json.check(
  z.refine((v) => v !== null, "expected a JSON value other than null (the field is not nullable)"),
);
const set = <V extends z.ZodMiniType>(v: V) => z.strictObject({ set: v });
/** A value, \`{ set }\`, or exactly one arithmetic operator. */
const numeric = <V extends z.ZodMiniType, N extends z.ZodMiniType>(v: V, n: N) =>
  z.union([
    v,
    set(v),
    z.strictObject({ increment: n }),
    z.strictObject({ decrement: n }),
    z.strictObject({ multiply: n }),
    z.strictObject({ divide: n }),
  ]);
${derived.join("\n")}

${body}
/** The validators the engine runs on create/update data (\`EngineSetup.inputSchemas\`). */
export const inputSchemas = {
${map}
};
`;
}

function modelSchemas(m: ModelDef, shared: Map<string, string>): string {
  const N = m.name;
  const create = m.fields.map((f) => `  ${f.name}: ${createSchema(f, shared)},`);
  const update = m.fields.map((f) => `  ${f.name}: ${updateSchema(f, shared)},`);
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

/** The base validator: a shared constant's name, or an enum inline. */
function valueSchema(f: FieldDef): string {
  switch (f.type) {
    case "string":
    case "number":
    case "int":
    case "bigint":
    case "boolean":
    case "date":
    case "bytes":
      return f.type;
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

/** A nullable Json field takes null as a JSON value already; other nullable fields are wrapped in `z.nullable`. */
function nullable(f: FieldDef): string {
  return f.nullable && f.type !== "json" ? `z.nullable(${valueSchema(f)})` : valueSchema(f);
}

/** Enums are written inline (their values differ per field); other fields name a shared constant. */
function share(f: FieldDef, shared: Map<string, string>, name: string, expression: string): string {
  if (f.type === "enum") return expression;
  shared.set(name, expression);
  return name;
}

function createSchema(f: FieldDef, shared: Map<string, string>): string {
  const optional = f.nullable || f.default !== undefined;
  const base = nullable(f);
  if (!optional) return base;
  const name = `${f.type === "json" ? valueSchema(f) : f.type}${f.nullable && f.type !== "json" ? "OrNull" : ""}Optional`;
  return share(f, shared, name, `z.optional(${base})`);
}

/** Update data: Json the value only; numbers a value, set or one operator; the rest a value or set. */
function updateSchema(f: FieldDef, shared: Map<string, string>): string {
  const base = nullable(f);
  const name = `${f.type === "json" ? valueSchema(f) : f.type}${f.nullable && f.type !== "json" ? "OrNull" : ""}Update`;
  if (f.type === "json") return share(f, shared, name, `z.optional(${base})`);
  if (f.type === "number" || f.type === "int" || f.type === "bigint")
    return share(f, shared, name, `z.optional(numeric(${base}, ${valueSchema(f)}))`);
  return share(f, shared, name, `z.optional(z.union([${base}, set(${base})]))`);
}
