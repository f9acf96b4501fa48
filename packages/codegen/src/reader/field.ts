import type { FieldDef, FieldDefault, ScalarType } from "@strata/core";
import type { Decorator, PropertyDeclaration } from "ts-morph";
import { optionsArg, optionValue, type Read, readDefault, readString } from "./decorator-args.ts";
import { copyableDefault } from "./default-function.ts";
import { overrideAllowed, readAnnotation } from "./field-type.ts";

const TYPE_OPTIONS: readonly string[] = ["string", "number", "int", "bigint", "boolean", "date", "bytes", "json"];

/**
 * One scalar property (`@field`, `@id`, `@unique`) → FieldDef. `options` is
 * the decorator that carries FieldOptions (`@field(...)` or `@unique(...)`).
 */
export interface ReadFieldResult {
  def: FieldDef;
  /** The source text of a default function, copied into the generated client. */
  defaultFunction?: string;
}

export function readField(
  prop: PropertyDeclaration,
  options: Decorator | undefined,
  isId: boolean,
): Read<ReadFieldResult> {
  const name = prop.getName();
  const annotation = readAnnotation(prop.getTypeNode(), prop.hasQuestionToken());
  if (!annotation.ok) return annotation;
  const opts = options ? optionsArg(options, 0) : { ok: true as const, value: undefined };
  if (!opts.ok) return opts;

  const override = readString(optionValue(opts.value, "type"), "type");
  if (!override.ok) return override;
  let type: ScalarType = annotation.type;
  if (override.value !== undefined) {
    const wanted = override.value;
    if (!isScalarTypeOption(wanted) || !overrideAllowed(annotation.type, wanted)) {
      return {
        ok: false,
        message: `type: "${wanted}" does not fit the TypeScript type ${prop.getTypeNode()?.getText()}`,
        hint: `only a number may be stored as "int"; otherwise change the annotation (bigint for "bigint", Date for "date", ...)`,
      };
    }
    type = wanted;
  }

  const column = readString(optionValue(opts.value, "column"), "column");
  if (!column.ok) return column;
  const defaultExpr = optionValue(opts.value, "default");
  const given = readDefault(defaultExpr);
  if (!given.ok) return given;
  let defaultFunction: string | undefined;
  if (given.value?.kind === "function" && defaultExpr) {
    const copied = copyableDefault(defaultExpr);
    if (!copied.ok) return copied;
    defaultFunction = copied.value;
  }

  let fieldDefault = given.value;
  if (isId) {
    if (annotation.nullable) {
      return { ok: false, message: `id field "${name}" is nullable`, hint: `declare it required: ${name}!: ...` };
    }
    // Generated keys: UUID v7 for strings, autoincrement (an integer column) for numbers.
    if (fieldDefault === undefined && type === "string") fieldDefault = { kind: "uuid" };
    if (fieldDefault === undefined && (type === "number" || type === "int" || type === "bigint")) {
      fieldDefault = { kind: "autoincrement" };
      if (type === "number") type = "int";
    }
  }
  const def: FieldDef = { name, type, nullable: annotation.nullable };
  if (annotation.enumValues) def.enumValues = annotation.enumValues;
  if (fieldDefault) {
    const problem = defaultProblem(def, fieldDefault);
    if (problem) return problem;
    def.default = fieldDefault;
  }
  if (column.value !== undefined) def.column = column.value;
  return { ok: true, value: defaultFunction === undefined ? { def } : { def, defaultFunction } };
}

function isScalarTypeOption(value: string): value is ScalarType {
  return TYPE_OPTIONS.includes(value);
}

const LITERAL_TYPES: Partial<Record<ScalarType, string>> = {
  string: "string",
  enum: "string",
  number: "number",
  int: "number",
  boolean: "boolean",
};

/** A literal default must have the field's type (and be one of an enum's values). */
function defaultProblem(def: FieldDef, value: FieldDefault): Read<ReadFieldResult> | undefined {
  if (value.kind !== "literal") return undefined;
  const literal = value.value;
  if (literal === null) {
    if (def.nullable) return undefined;
    return {
      ok: false,
      message: `default null on the required field "${def.name}"`,
      hint: `make it nullable (${def.name}?: ...) or pick another default`,
    };
  }
  const expected = LITERAL_TYPES[def.type];
  const fits =
    expected === typeof literal && (def.type !== "enum" || def.enumValues?.includes(String(literal)) === true);
  if (fits && !(def.type === "int" && !Number.isInteger(literal))) return undefined;
  return {
    ok: false,
    message: `default ${JSON.stringify(literal)} does not fit the ${def.type} field "${def.name}"`,
    hint:
      expected === undefined
        ? `a ${def.type} default must be a function, e.g. default: () => ...`
        : `use a ${def.type === "enum" ? `value of ${def.enumValues?.map((v) => JSON.stringify(v)).join(" | ")}` : def.type} literal`,
  };
}
