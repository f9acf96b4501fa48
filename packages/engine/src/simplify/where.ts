import type { FieldDef, ModelIndex } from "@strata/core";
import { isPlainObject, type Path, type SimplifyContext } from "./context.ts";
import type { CompareOp, NormFilter } from "./normalized.ts";
import { checkValue, describe, LONE_SURROGATE } from "./values.ts";

const COMPARE: Record<string, CompareOp> = { equals: "eq", lt: "lt", lte: "lte", gt: "gt", gte: "gte" };
const ORDERED_TYPES = new Set(["string", "number", "int", "bigint", "date"]);
const LIKE_OPS = new Set(["contains", "startsWith", "endsWith"]);

/** Normalizes a `where` object of `model` into a NormFilter (null when it filters nothing). */
export function simplifyWhere(ctx: SimplifyContext, model: ModelIndex, where: unknown, path: Path): NormFilter | null {
  if (where === undefined) return null;
  if (!isPlainObject(where)) {
    ctx.issues.add(path, `where must be an object, got ${describe(where)}`);
    return null;
  }
  const items: NormFilter[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    const here = [...path, key];
    const f = simplifyWhereEntry(ctx, model, key, value, here);
    if (f) items.push(f);
  }
  return combine("and", items);
}

function simplifyWhereEntry(
  ctx: SimplifyContext,
  model: ModelIndex,
  key: string,
  value: unknown,
  path: Path,
): NormFilter | null {
  if (key === "AND" || key === "OR" || key === "NOT") return simplifyLogical(ctx, model, key, value, path);
  const field = model.fields.get(key);
  if (field) return simplifyFieldFilter(ctx, field, value, path);
  const relation = model.relations.get(key);
  if (relation) return simplifyRelationFilter(ctx, model, key, value, path);
  const composite = compositeUnique(model, key);
  if (composite) return simplifyComposite(ctx, model, composite, value, path);
  ctx.issues.add(
    path,
    `unknown field "${key}" on model ${model.name}; known: ${[...model.fields.keys(), ...model.relations.keys()].join(", ")}`,
  );
  return null;
}

/** `{ a_b: { a, b } }` addresses a composite unique set (the id or a unique index). */
export function compositeUnique(model: ModelIndex, key: string): readonly string[] | undefined {
  return model.uniqueSets.find((set) => set.length > 1 && set.join("_") === key);
}

function simplifyComposite(
  ctx: SimplifyContext,
  model: ModelIndex,
  fields: readonly string[],
  value: unknown,
  path: Path,
): NormFilter | null {
  if (!isPlainObject(value)) {
    ctx.issues.add(path, `expected an object with ${fields.join(", ")}`);
    return null;
  }
  const items: NormFilter[] = [];
  for (const name of fields) {
    if (value[name] === undefined) ctx.issues.add([...path, name], `${name} is required in ${fields.join("_")}`);
    else {
      const f = simplifyFieldFilter(ctx, model.field(name), value[name], [...path, name]);
      if (f) items.push(f);
    }
  }
  for (const k of Object.keys(value)) if (!fields.includes(k)) ctx.issues.add([...path, k], `unknown key "${k}"`);
  return combine("and", items);
}

function simplifyLogical(
  ctx: SimplifyContext,
  model: ModelIndex,
  key: "AND" | "OR" | "NOT",
  value: unknown,
  path: Path,
): NormFilter | null {
  const list = Array.isArray(value) ? value : key === "OR" ? null : [value];
  if (!list) {
    ctx.issues.add(path, "OR must be an array of filters");
    return null;
  }
  const items = list.map(
    (w, i) =>
      simplifyWhere(ctx, model, w, Array.isArray(value) ? [...path, i] : path) ??
      ({ k: "const", value: true } as const),
  );
  if (key === "AND") return combine("and", items);
  if (key === "OR") return items.length === 0 ? { k: "const", value: false } : combine("or", items);
  const inner = combine("and", items);
  return inner ? { k: "not", item: inner } : { k: "const", value: false };
}

export function combine(k: "and" | "or", items: NormFilter[]): NormFilter | null {
  const flat: NormFilter[] = [];
  for (const item of items) {
    if (item.k === k) flat.push(...item.items);
    else flat.push(item);
  }
  if (flat.length === 0) return null;
  if (flat.length === 1) return flat[0] ?? null;
  return { k, items: flat };
}

function simplifyFieldFilter(ctx: SimplifyContext, field: FieldDef, value: unknown, path: Path): NormFilter | null {
  if (value === null) return { k: "null", field: field.name, negated: false };
  if (!isPlainObject(value) || field.type === "json") {
    if (isPlainObject(value) && field.type === "json") {
      if (isOperatorObject(value)) return simplifyOperators(ctx, field, value, path);
      const problem = ambiguousJsonFilter(value);
      if (problem) {
        ctx.issues.add(path, problem);
        return null;
      }
    }
    return compareValue(ctx, field, "eq", value, path);
  }
  return simplifyOperators(ctx, field, value, path);
}

/** The operators a Json field takes; an object of only these is a filter, not a value. */
const JSON_OPERATORS = new Set(["equals", "not", "isNull", "in", "notIn"]);

/** Keys that read as filter operators; a Json filter object holding one among other keys is not an equality test. */
const JSON_OPERATOR_KEYS = new Set([
  ...JSON_OPERATORS,
  "path",
  "gt",
  "gte",
  "lt",
  "lte",
  "contains",
  "startsWith",
  "endsWith",
  "arrayContains",
  "arrayStartsWith",
  "arrayEndsWith",
  "mode",
]);

/**
 * `{ meta: { path: ["a"], gt: 2 } }` would otherwise compare the whole value
 * with that object and silently match nothing.
 */
function ambiguousJsonFilter(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  const operators = keys.filter((k) => JSON_OPERATOR_KEYS.has(k));
  if (operators.length === 0) return undefined;
  if (operators.includes("path")) {
    return "Json path filters (path with an operator) are not available yet; filter on the whole value with { equals: ... }, or read the rows and test the path in code";
  }
  if (operators.length === keys.length) {
    return `${operators.map((o) => `"${o}"`).join(", ")} ${operators.length === 1 ? "is" : "are"} not available on Json fields, which take equals, not, in, notIn and isNull. To compare the whole value with an object that has such keys, write { equals: { ... } }`;
  }
  return `this object mixes filter operators (${operators.join(", ")}) with other keys; Json fields take equals, not, in, notIn and isNull here. To compare the whole value with an object that has such keys, write { equals: { ... } }`;
}

function isOperatorObject(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => JSON_OPERATORS.has(k));
}

function compareValue(
  ctx: SimplifyContext,
  field: FieldDef,
  op: CompareOp,
  value: unknown,
  path: Path,
): NormFilter | null {
  if (value === null) {
    if (op === "eq" || op === "ne") return { k: "null", field: field.name, negated: op === "ne" };
    ctx.issues.add(path, "null can only be compared with equals/not");
    return null;
  }
  const strict = { ...field, nullable: false };
  const problem = checkValue(strict, value);
  if (problem) {
    ctx.issues.add(path, problem);
    return null;
  }
  return { k: "cmp", field: field.name, op, slot: ctx.slot(value, path, (v) => checkValue(strict, v) === undefined) };
}

function simplifyOperators(
  ctx: SimplifyContext,
  field: FieldDef,
  ops: Record<string, unknown>,
  path: Path,
): NormFilter | null {
  const items: NormFilter[] = [];
  for (const [op, value] of Object.entries(ops)) {
    if (value === undefined) continue;
    const here = [...path, op];
    const f = simplifyOperator(ctx, field, op, value, here);
    if (f) items.push(f);
  }
  return combine("and", items);
}

function simplifyOperator(
  ctx: SimplifyContext,
  field: FieldDef,
  op: string,
  value: unknown,
  path: Path,
): NormFilter | null {
  const cmp = COMPARE[op];
  if (cmp) {
    if (cmp !== "eq" && !ORDERED_TYPES.has(field.type)) {
      ctx.issues.add(path, `operator "${op}" is not available on ${field.type} field ${field.name}`);
      return null;
    }
    return compareValue(ctx, field, cmp, value, path);
  }
  if (op === "not") {
    if (isPlainObject(value) && field.type !== "json") {
      const inner = simplifyOperators(ctx, field, value, path);
      return inner ? { k: "not", item: inner } : null;
    }
    return compareValue(ctx, field, "ne", value, path);
  }
  if (op === "in" || op === "notIn") return simplifyIn(ctx, field, op === "notIn", value, path);
  if (op === "isNull") {
    if (typeof value !== "boolean") ctx.issues.add(path, "isNull takes true or false");
    else if (!field.nullable) ctx.issues.add(path, `${field.name} is not nullable, so isNull does not apply`);
    else return { k: "null", field: field.name, negated: !value };
    return null;
  }
  if (LIKE_OPS.has(op)) {
    if (field.type !== "string")
      ctx.issues.add(path, `operator "${op}" only applies to string fields; ${field.name} is ${field.type}`);
    else {
      const problem = checkValue({ ...field, nullable: false }, value);
      if (problem) ctx.issues.add(path, problem);
      else return { k: "like", field: field.name, mode: op as "contains", slot: ctx.slot(value, path, isString) };
    }
    return null;
  }
  ctx.issues.add(path, `unknown operator "${op}" for ${field.type} field ${field.name}`);
  return null;
}

/** Why null cannot stand in an in/notIn list, and what to write instead. */
function nullInList(field: FieldDef, negated: boolean): string {
  const f = field.name;
  if (!field.nullable) return `${f} is required, so it is never null: remove null from the list`;
  return negated
    ? `null in notIn would make SQL's NOT IN match nothing; to exclude NULL too, write AND: [{ ${f}: { notIn: [...] } }, { ${f}: { not: null } }]`
    : `null in a list never matches (SQL compares with =); to match NULL too, write OR: [{ ${f}: { in: [...] } }, { ${f}: null }]`;
}

function simplifyIn(
  ctx: SimplifyContext,
  field: FieldDef,
  negated: boolean,
  value: unknown,
  path: Path,
): NormFilter | null {
  if (!Array.isArray(value)) {
    ctx.issues.add(path, `expected an array, got ${describe(value)}`);
    return null;
  }
  // `in []` matches nothing and `notIn []` everything; decided here so no empty list reaches SQL.
  if (value.length === 0) return { k: "const", value: negated };
  const strict = { ...field, nullable: false };
  value.forEach((v, i) => {
    const problem = v === null ? nullInList(field, negated) : checkValue(strict, v);
    if (problem) ctx.issues.add([...path, i], problem);
  });
  const check = (v: unknown) =>
    Array.isArray(v) && v.length > 0 && v.every((item) => checkValue(strict, item) === undefined);
  return { k: "in", field: field.name, slot: ctx.slot(value, path, check), negated };
}

function simplifyRelationFilter(
  ctx: SimplifyContext,
  model: ModelIndex,
  name: string,
  value: unknown,
  path: Path,
): NormFilter | null {
  const relation = model.relations.get(name)!;
  const target = ctx.model(relation.target);
  const toMany = relation.kind === "hasMany";
  const modes = toMany ? ["some", "none", "every"] : ["is", "isNot"];
  if (!isPlainObject(value) && value !== null) {
    ctx.issues.add(path, `relation filter on ${name} takes { ${modes.join(" | ")}: where }`);
    return null;
  }
  if (value === null) {
    if (toMany) ctx.issues.add(path, `${name} is a to-many relation; use { none: {} } to find records without any`);
    else return { k: "rel", relation: name, mode: "is", filter: null };
    return null;
  }
  const isModeObject = Object.keys(value).length > 0 && Object.keys(value).every((k) => modes.includes(k));
  if (!isModeObject && !toMany) {
    // `author: { name: "A" }` reads as `author: { is: { name: "A" } }`.
    return { k: "rel", relation: name, mode: "is", filter: simplifyWhere(ctx, target, value, path) };
  }
  const items: NormFilter[] = [];
  for (const [mode, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    if (!modes.includes(mode)) {
      ctx.issues.add([...path, mode], `unknown relation filter "${mode}" on ${name}; use ${modes.join(", ")}`);
      continue;
    }
    const filter = inner === null ? null : simplifyWhere(ctx, target, inner, [...path, mode]);
    items.push({ k: "rel", relation: name, mode: mode as "some", filter });
  }
  return combine("and", items);
}

const isString = (v: unknown) => typeof v === "string" && !LONE_SURROGATE.test(v);
