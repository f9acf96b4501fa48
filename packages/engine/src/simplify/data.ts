import type { FieldDef, ModelIndex } from "@strata/core";
import { isPlainObject, type Path, type SimplifyContext } from "./context.ts";
import type { NormAssignment, NormCreateRow } from "./normalized.ts";
import { checkValue, describe } from "./values.ts";

const NUMERIC = new Set(["number", "int", "bigint"]);
const ARITHMETIC = ["increment", "decrement", "multiply", "divide"] as const;

export function rejectNonField(ctx: SimplifyContext, model: ModelIndex, key: string, path: Path): void {
  if (model.relations.has(key)) {
    ctx.issues.add(path, `"${key}" is a relation; nested writes are not supported: set the foreign key field instead`);
  } else {
    ctx.issues.add(
      path,
      `unknown field "${key}" on model ${model.name}; known: ${[...model.fields.keys()].join(", ")}`,
    );
  }
}

/** A field must be given on create when it is not nullable and has no default. */
export function isRequiredOnCreate(field: FieldDef): boolean {
  return !field.nullable && field.default === undefined;
}

export function simplifyCreateData(ctx: SimplifyContext, model: ModelIndex, data: unknown, path: Path): NormCreateRow {
  const row: NormCreateRow = { fields: [] };
  if (!isPlainObject(data)) {
    ctx.issues.add(path, `data must be an object, got ${describe(data)}`);
    return row;
  }
  for (const key of Object.keys(data)) {
    if (!model.fields.has(key)) rejectNonField(ctx, model, key, [...path, key]);
  }
  for (const field of model.def.fields) {
    const value = data[field.name];
    if (value === undefined) {
      if (isRequiredOnCreate(field)) ctx.issues.add([...path, field.name], `${field.name} is required`);
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) ctx.issues.add([...path, field.name], problem);
    else row.fields.push({ field: field.name, slot: ctx.slot(value, [...path, field.name], fits(field)) });
  }
  return row;
}

export function simplifyUpdateData(
  ctx: SimplifyContext,
  model: ModelIndex,
  data: unknown,
  path: Path,
): NormAssignment[] {
  const out: NormAssignment[] = [];
  if (!isPlainObject(data)) {
    ctx.issues.add(path, `data must be an object, got ${describe(data)}`);
    return out;
  }
  for (const field of model.def.fields) {
    const value = data[field.name];
    if (value === undefined) continue;
    const here = [...path, field.name];
    if (isPlainObject(value) && field.type !== "json") {
      const assignment = simplifyUpdateOperator(ctx, field, value, here);
      if (assignment) out.push(assignment);
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) ctx.issues.add(here, problem);
    else out.push({ field: field.name, how: "set", slot: ctx.slot(value, here, fits(field)) });
  }
  for (const key of Object.keys(data)) {
    if (!model.fields.has(key)) rejectNonField(ctx, model, key, [...path, key]);
  }
  return out;
}

function simplifyUpdateOperator(
  ctx: SimplifyContext,
  field: FieldDef,
  value: Record<string, unknown>,
  path: Path,
): NormAssignment | null {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const [op, operand] = entries[0] ?? [];
  if (entries.length !== 1 || op === undefined) {
    ctx.issues.add(
      path,
      `give exactly one of set${NUMERIC.has(field.type) ? ", increment, decrement, multiply, divide" : ""}`,
    );
    return null;
  }
  const here = [...path, op];
  if (op === "set") {
    const problem = checkValue(field, operand);
    if (problem) ctx.issues.add(here, problem);
    else return { field: field.name, how: "set", slot: ctx.slot(operand, here, fits(field)) };
    return null;
  }
  if (!(ARITHMETIC as readonly string[]).includes(op)) {
    ctx.issues.add(here, `unknown update operator "${op}"`);
    return null;
  }
  if (!NUMERIC.has(field.type)) {
    ctx.issues.add(here, `"${op}" only applies to number fields; ${field.name} is ${field.type}`);
    return null;
  }
  const strict = { ...field, nullable: false };
  const problem = checkValue(strict, operand) ?? (op === "divide" && isZero(operand) ? DIVIDE_BY_ZERO : undefined);
  if (problem) ctx.issues.add(here, problem);
  else
    return {
      field: field.name,
      how: op as NormAssignment["how"],
      slot: ctx.slot(operand, here, op === "divide" ? fitsDivisor(strict) : fits(strict)),
    } as NormAssignment;
  return null;
}

const DIVIDE_BY_ZERO = "cannot divide by zero (the result has no value); give a non-zero divisor";

const isZero = (v: unknown): boolean => v === 0 || v === 0n;

/** A divisor also must not be zero: checked here, before I/O, so no backend decides what x / 0 stores. */
function fitsDivisor(field: FieldDef): (v: unknown) => boolean {
  return (v) => !isZero(v) && checkValue(field, v) === undefined;
}

/** The slot check of a field's value: the same validation the walk applied. */
function fits(field: FieldDef): (v: unknown) => boolean {
  return (v) => checkValue(field, v) === undefined;
}
