import type { ModelIndex } from "@strata/core";
import { isPlainObject, SimplifyContext } from "./context.ts";
import { isRequiredOnCreate, rejectNonField, simplifyCreateData, simplifyUpdateData } from "./data.ts";
import type { NormAssignment, NormCreateRow, NormFilter, NormRead, NormSelection } from "./normalized.ts";
import { allScalars, simplifyRead, simplifySelection, simplifyUniqueWhere, type UniqueWhere } from "./read.ts";
import { checkValue, describe } from "./values.ts";
import { simplifyWhere } from "./where.ts";

export type ReadOp = "findMany" | "findFirst" | "findFirstOrThrow" | "findUnique" | "findUniqueOrThrow";
export type Op =
  | ReadOp
  | "count"
  | "create"
  | "createMany"
  | "update"
  | "updateMany"
  | "upsert"
  | "delete"
  | "deleteMany"
  | "stream";

export type NormQuery =
  | { op: ReadOp | "stream"; model: string; read: NormRead }
  | { op: "count"; model: string; read: NormRead }
  | { op: "create"; model: string; row: NormCreateRow; selection: NormSelection }
  | { op: "createMany"; model: string; fields: string[] }
  | { op: "update"; model: string; where: NormFilter; set: NormAssignment[]; selection: NormSelection }
  | { op: "updateMany"; model: string; where: NormFilter | null; set: NormAssignment[] }
  | {
      op: "upsert";
      model: string;
      unique: UniqueWhere;
      create: NormCreateRow;
      set: NormAssignment[];
      selection: NormSelection;
    }
  | { op: "delete"; model: string; where: NormFilter; selection: NormSelection }
  | { op: "deleteMany"; model: string; where: NormFilter | null };

export interface Simplified {
  query: NormQuery;
  values: unknown[];
}

type Args = Record<string, unknown>;

function checkKeys(ctx: SimplifyContext, args: Args, allowed: readonly string[]): void {
  for (const key of Object.keys(args)) {
    if (!allowed.includes(key)) ctx.issues.add([key], `unknown argument "${key}"; expected ${allowed.join(", ")}`);
  }
}

function require(ctx: SimplifyContext, args: Args, key: string): void {
  if (args[key] === undefined) ctx.issues.add([key], `${key} is required`);
}

/**
 * The simplify phase: validates the user's arguments against the schema and
 * splits them into a shape (the NormQuery) and the values. Throws
 * ValidationError before any I/O.
 */
export function simplify(ctx: SimplifyContext, model: ModelIndex, op: Op, rawArgs: unknown): Simplified {
  const name = model.name;
  const context = `${lowerFirst(name)}.${op}`;
  if (rawArgs !== undefined && !isPlainObject(rawArgs)) {
    ctx.issues.add([], `arguments must be an object, got ${describe(rawArgs)}`);
    ctx.finish(context);
  }
  const args: Args = (rawArgs as Args | undefined) ?? {};
  const query = simplifyQuery(ctx, model, op, args);
  ctx.finish(context);
  return { query, values: ctx.values };
}

function simplifyQuery(ctx: SimplifyContext, model: ModelIndex, op: Op, args: Args): NormQuery {
  const name = model.name;
  switch (op) {
    case "findMany":
    case "findFirst":
    case "findFirstOrThrow":
      return { op, model: name, read: simplifyRead(ctx, model, args, []) };
    case "stream":
      return { op, model: name, read: simplifyRead(ctx, model, args, [], { extraKeys: ["batchSize", "signal"] }) };
    case "findUnique":
    case "findUniqueOrThrow": {
      require(ctx, args, "where");
      const read = simplifyRead(ctx, model, {}, []);
      checkKeys(ctx, args, ["where", "select", "include"]);
      const unique = simplifyUniqueWhere(ctx, model, args.where, ["where"]);
      read.where = unique?.filter ?? null;
      read.selection = simplifySelection(ctx, model, args.select, args.include, []);
      return { op, model: name, read };
    }
    case "count": {
      checkKeys(ctx, args, ["where", "take", "skip", "cursor", "orderBy"]);
      return { op, model: name, read: simplifyRead(ctx, model, args, []) };
    }
    case "create":
      checkKeys(ctx, args, ["data", "select", "include"]);
      require(ctx, args, "data");
      return {
        op,
        model: name,
        row: simplifyCreateData(ctx, model, args.data, ["data"]),
        selection: simplifySelection(ctx, model, args.select, args.include, []),
      };
    case "createMany":
      return simplifyCreateMany(ctx, model, args);
    case "update": {
      checkKeys(ctx, args, ["where", "data", "select", "include"]);
      require(ctx, args, "data");
      const unique = simplifyUniqueWhere(ctx, model, args.where, ["where"]);
      const set = simplifyUpdateData(ctx, model, args.data, ["data"]);
      const selection = simplifySelection(ctx, model, args.select, args.include, []);
      return { op, model: name, where: unique?.filter ?? { k: "const", value: false }, set, selection };
    }
    case "updateMany":
      checkKeys(ctx, args, ["where", "data"]);
      require(ctx, args, "data");
      return {
        op,
        model: name,
        where: simplifyWhere(ctx, model, args.where, ["where"]),
        set: simplifyUpdateData(ctx, model, args.data, ["data"]),
      };
    case "upsert": {
      checkKeys(ctx, args, ["where", "create", "update", "select", "include"]);
      require(ctx, args, "create");
      require(ctx, args, "update");
      const unique = simplifyUniqueWhere(ctx, model, args.where, ["where"]);
      const create = simplifyCreateData(ctx, model, args.create, ["create"]);
      const set = simplifyUpdateData(ctx, model, args.update, ["update"]);
      const selection = simplifySelection(ctx, model, args.select, args.include, []);
      const fallback = { fields: [], filter: { k: "const", value: false } as const };
      return { op, model: name, unique: unique ?? fallback, create, set, selection };
    }
    case "delete": {
      checkKeys(ctx, args, ["where", "select", "include"]);
      const unique = simplifyUniqueWhere(ctx, model, args.where, ["where"]);
      const selection = simplifySelection(ctx, model, args.select, args.include, []);
      return { op, model: name, where: unique?.filter ?? { k: "const", value: false }, selection };
    }
    case "deleteMany":
      checkKeys(ctx, args, ["where"]);
      return { op, model: name, where: simplifyWhere(ctx, model, args.where, ["where"]) };
  }
}

/**
 * createMany keeps its rows out of the shape: the shape is the union of the
 * fields given, and the single value is the list of rows aligned to it, so a
 * 10,000-row insert neither bloats the cache key nor the values array.
 *
 * Rows are checked with the same rules as create's data (simplifyCreateData),
 * but in a walk that allocates nothing per field: one aligned array per row,
 * and paths only for the issues found.
 */
function simplifyCreateMany(ctx: SimplifyContext, model: ModelIndex, args: Args): NormQuery {
  checkKeys(ctx, args, ["data"]);
  const data = args.data;
  if (!Array.isArray(data)) {
    ctx.issues.add(["data"], `data must be an array of records, got ${describe(data)}`);
    return { op: "createMany", model: model.name, fields: [] };
  }
  const defs = model.def.fields;
  const present = new Array<boolean>(defs.length).fill(false);
  let valid = true;
  for (let i = 0; i < data.length; i++) {
    const item: unknown = data[i];
    if (!isPlainObject(item)) {
      ctx.issues.add(["data", i], `data must be an object, got ${describe(item)}`);
      valid = false;
      continue;
    }
    let known = 0;
    for (let f = 0; f < defs.length; f++) {
      const field = defs[f]!;
      const value = item[field.name];
      if (value === undefined) {
        if (isRequiredOnCreate(field)) {
          ctx.issues.add(["data", i, field.name], `${field.name} is required`);
          valid = false;
        }
        continue;
      }
      known++;
      present[f] = true;
      const problem = checkValue(field, value);
      if (problem) {
        ctx.issues.add(["data", i, field.name], problem);
        valid = false;
      }
    }
    // Keys beyond the known fields with a value (or an explicit undefined) are unknown fields.
    if (Object.keys(item).length !== known) {
      for (const key of Object.keys(item)) {
        if (model.fields.has(key)) continue;
        rejectNonField(ctx, model, key, ["data", i, key]);
        valid = false;
      }
    }
  }
  const fields = defs.filter((_, f) => present[f]).map((f) => f.name);
  const aligned = valid
    ? data.map((item: Record<string, unknown>) => {
        const row = new Array<unknown>(fields.length);
        for (let f = 0; f < fields.length; f++) row[f] = item[fields[f]!];
        return row;
      })
    : [];
  ctx.slot(aligned, ["data"], () => false);
  return { op: "createMany", model: model.name, fields };
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export { allScalars, SimplifyContext };
