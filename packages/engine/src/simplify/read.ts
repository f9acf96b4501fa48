import type { ModelIndex } from "@strata/core";
import { isPlainObject, type Path, type SimplifyContext } from "./context.ts";
import type { NormFilter, NormOrder, NormRead, NormSelection } from "./normalized.ts";
import { describe } from "./values.ts";
import { compositeUnique, simplifyWhere } from "./where.ts";

const READ_KEYS = new Set(["where", "orderBy", "take", "skip", "cursor", "select", "include"]);

export interface ReadArgsOptions {
  /** Keys accepted besides the read keys (e.g. batchSize for stream). */
  extraKeys?: readonly string[];
  /** Paging and ordering are not allowed (findUnique). */
  single?: boolean;
}

/** Normalizes findMany-style arguments. */
export function simplifyRead(
  ctx: SimplifyContext,
  model: ModelIndex,
  args: unknown,
  path: Path,
  options: ReadArgsOptions = {},
): NormRead {
  const a = args === undefined ? {} : args;
  if (!isPlainObject(a)) {
    ctx.issues.add(path, `arguments must be an object, got ${describe(args)}`);
    return emptyRead(model);
  }
  for (const key of Object.keys(a)) {
    if (!READ_KEYS.has(key) && !options.extraKeys?.includes(key))
      ctx.issues.add([...path, key], `unknown argument "${key}"`);
    if (options.single && (key === "orderBy" || key === "take" || key === "skip" || key === "cursor")) {
      ctx.issues.add([...path, key], `"${key}" does not apply to a single-record lookup`);
    }
  }
  const where = simplifyWhere(ctx, model, a.where, [...path, "where"]);
  const orderBy = simplifyOrderBy(ctx, model, a.orderBy, [...path, "orderBy"]);
  const take = simplifyCount(ctx, a.take, [...path, "take"]);
  const skip = simplifyCount(ctx, a.skip, [...path, "skip"]);
  const cursor = a.cursor === undefined ? null : simplifyCursor(ctx, model, a.cursor, [...path, "cursor"]);
  const selection = simplifySelection(ctx, model, a.select, a.include, path);
  return { where, orderBy, take, skip, cursor, selection };
}

function emptyRead(model: ModelIndex): NormRead {
  return plainRead(null, allScalars(model));
}

/** A read with only a filter and a selection: no order, paging or cursor (write plans' finds and read-backs). */
export function plainRead(where: NormFilter | null, selection: NormSelection): NormRead {
  return { where, orderBy: [], take: null, skip: null, cursor: null, selection };
}

export function allScalars(model: ModelIndex): NormSelection {
  return { fields: model.def.fields.map((f) => f.name), relations: [] };
}

function simplifyOrderBy(ctx: SimplifyContext, model: ModelIndex, value: unknown, path: Path): NormOrder[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  const out: NormOrder[] = [];
  list.forEach((item, i) => {
    const here = Array.isArray(value) ? [...path, i] : path;
    if (!isPlainObject(item)) {
      ctx.issues.add(here, `orderBy entries are objects like { field: "asc" }, got ${describe(item)}`);
      return;
    }
    for (const [field, dir] of Object.entries(item)) {
      if (dir === undefined) continue;
      if (!model.fields.has(field)) {
        const hint = model.relations.has(field)
          ? " (ordering by a relation is not supported; order by a scalar field)"
          : "";
        ctx.issues.add([...here, field], `cannot order by "${field}": not a scalar field of ${model.name}${hint}`);
      } else if (model.field(field).type === "json" || model.field(field).type === "bytes") {
        ctx.issues.add([...here, field], `cannot order by "${field}": ${model.field(field).type} fields have no order`);
      } else if (dir !== "asc" && dir !== "desc") {
        ctx.issues.add([...here, field], `order direction must be "asc" or "desc", got ${describe(dir)}`);
      } else out.push({ field, dir });
    }
  });
  return out;
}

function simplifyCount(ctx: SimplifyContext, value: unknown, path: Path): number | null {
  if (value === undefined) return null;
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    ctx.issues.add(path, `expected a whole number >= 0, got ${describe(value)}`);
    return null;
  }
  return ctx.slot(value, path, isCount);
}

function simplifyCursor(ctx: SimplifyContext, model: ModelIndex, value: unknown, path: Path): NormRead["cursor"] {
  const filter = simplifyUniqueWhere(ctx, model, value, path);
  if (!filter) return null;
  return filter.fields;
}

export interface UniqueWhere {
  /** The unique set's fields with their slots. */
  fields: { field: string; slot: number }[];
  /** The whole filter (the unique equality plus any extra conditions). */
  filter: NormFilter;
}

/**
 * Normalizes a `where` that must address exactly one record: it must contain
 * equality on every field of one unique set (the id, a @unique field, or a
 * unique composite index).
 */
export function simplifyUniqueWhere(
  ctx: SimplifyContext,
  model: ModelIndex,
  where: unknown,
  path: Path,
): UniqueWhere | null {
  if (!isPlainObject(where)) {
    ctx.issues.add(
      path,
      `expected a where object naming a unique field (${uniqueHint(model)}), got ${describe(where)}`,
    );
    return null;
  }
  const issuesBefore = ctx.issues.issues.length;
  const filter = simplifyWhere(ctx, model, where, path);
  if (ctx.issues.issues.length > issuesBefore) return null;
  const eqs = new Map<string, number>();
  collectTopEqualities(filter, eqs);
  for (const key of Object.keys(where)) {
    const composite = compositeUnique(model, key);
    if (composite && where[key] === null) ctx.issues.add([...path, key], "a unique key cannot be null");
  }
  const set = model.uniqueSets.find((s) => s.every((f) => eqs.has(f)));
  if (!set || !filter) {
    ctx.issues.add(path, `where must name a unique value of ${model.name}: ${uniqueHint(model)}`);
    return null;
  }
  return { fields: set.map((field) => ({ field, slot: eqs.get(field)! })), filter };
}

function collectTopEqualities(filter: NormFilter | null, out: Map<string, number>): void {
  if (!filter) return;
  if (filter.k === "cmp" && filter.op === "eq") out.set(filter.field, filter.slot);
  if (filter.k === "and") for (const item of filter.items) collectTopEqualities(item, out);
}

function uniqueHint(model: ModelIndex): string {
  return model.uniqueSets.map((s) => (s.length === 1 ? s[0] : `${s.join("_")}: { ${s.join(", ")} }`)).join(" | ");
}

export function simplifySelection(
  ctx: SimplifyContext,
  model: ModelIndex,
  select: unknown,
  include: unknown,
  path: Path,
): NormSelection {
  if (select !== undefined && include !== undefined) {
    ctx.issues.add(path, "use either select or include at one level, not both (select can name relations too)");
    return allScalars(model);
  }
  if (select !== undefined) return simplifySelect(ctx, model, select, [...path, "select"]);
  const selection = allScalars(model);
  if (include === undefined) return selection;
  if (!isPlainObject(include)) {
    ctx.issues.add([...path, "include"], `include must be an object, got ${describe(include)}`);
    return selection;
  }
  for (const [name, value] of Object.entries(include)) {
    addRelationRead(ctx, model, selection, name, value, [...path, "include", name]);
  }
  return selection;
}

function simplifySelect(ctx: SimplifyContext, model: ModelIndex, select: unknown, path: Path): NormSelection {
  const selection: NormSelection = { fields: [], relations: [] };
  if (!isPlainObject(select)) {
    ctx.issues.add(path, `select must be an object, got ${describe(select)}`);
    return selection;
  }
  for (const [name, value] of Object.entries(select)) {
    if (value === undefined || value === false) continue;
    if (model.fields.has(name)) {
      if (value !== true) ctx.issues.add([...path, name], `select a scalar field with true, got ${describe(value)}`);
      else selection.fields.push(name);
    } else addRelationRead(ctx, model, selection, name, value, [...path, name]);
  }
  if (selection.fields.length === 0 && selection.relations.length === 0)
    ctx.issues.add(path, "select must pick at least one field");
  // Keep the schema's field order so equal selections have equal shapes.
  selection.fields.sort((a, b) => fieldOrder(model, a) - fieldOrder(model, b));
  return selection;
}

function fieldOrder(model: ModelIndex, name: string): number {
  return model.def.fields.findIndex((f) => f.name === name);
}

function addRelationRead(
  ctx: SimplifyContext,
  model: ModelIndex,
  selection: NormSelection,
  name: string,
  value: unknown,
  path: Path,
): void {
  if (value === undefined || value === false) return;
  const relation = model.relations.get(name);
  if (!relation) {
    ctx.issues.add(
      path,
      `unknown relation "${name}" on ${model.name}; relations: ${[...model.relations.keys()].join(", ") || "none"}`,
    );
    return;
  }
  const target = ctx.model(relation.target);
  const args = value === true ? {} : value;
  const toOne = relation.kind !== "hasMany";
  const read = simplifyRead(ctx, target, args, path, { single: toOne });
  selection.relations.push({ relation: name, read });
}

const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
