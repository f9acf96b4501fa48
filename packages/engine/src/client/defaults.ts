import { type AppSchema, type ModelClass, readModelMetadata, StrataError, uuidv7 } from "@strata/core";
import type { DefaultFactory } from "../plan/sql/context.ts";
import { schemaDifferences } from "./schema-check.ts";

/** Raised when the running classes no longer match the generated schema. */
export class SchemaMismatchError extends StrataError {
  override readonly code = "SCHEMA_MISMATCH";
}

/**
 * Builds each field's default factory: UUID v7 for string ids, literals from
 * the schema, and functions from the generated client (copied from the
 * decorators) or else from the classes' metadata. Checks on the way that the classes still declare
 * the fields the schema was generated from.
 */
export function buildDefaults(
  schema: AppSchema,
  models: Readonly<Record<string, ModelClass>>,
  generated: Readonly<Record<string, Readonly<Record<string, () => unknown>>>> = {},
): Map<string, Map<string, DefaultFactory>> {
  const out = new Map<string, Map<string, DefaultFactory>>();
  for (const model of schema.models) {
    const cls = models[model.name];
    const meta = cls ? readModelMetadata(cls) : undefined;
    const factories = new Map<string, DefaultFactory>();
    const differences = meta ? schemaDifferences(model, meta, models) : [];
    if (differences.length > 0) {
      throw new SchemaMismatchError(
        `Model ${model.name} changed since the last \`strata generate\` (${differences.join("; ")}). Run \`strata generate\` again.`,
      );
    }
    for (const field of model.fields) {
      const d = field.default;
      if (!d || d.kind === "autoincrement") continue;
      if (d.kind === "uuid") factories.set(field.name, uuidv7);
      else if (d.kind === "literal") {
        const value = d.value;
        factories.set(field.name, () => value);
      } else {
        const fn = meta?.fields[field.name]?.default ?? generated[model.name]?.[field.name];
        if (typeof fn !== "function") {
          throw new SchemaMismatchError(
            `${model.name}.${field.name} has a default function in the generated schema, but neither the generated client nor the ${model.name} class passed to createClient provides it. Run \`strata generate\` again.`,
          );
        }
        factories.set(field.name, fn);
      }
    }
    out.set(model.name, factories);
  }
  return out;
}
