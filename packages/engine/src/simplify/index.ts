import type { ModelIndex } from "@strata/core";
import { isPlainObject, SimplifyContext } from "./context.ts";
import { simplifyCreateData, simplifyUpdateData } from "./data.ts";
import type { NormAssignment, NormCreateRow, NormFilter, NormRead, NormSelection } from "./normalized.ts";
import { allScalars, simplifyRead, simplifySelection, simplifyUniqueWhere, type UniqueWhere } from "./read.ts";
import { describe } from "./values.ts";
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
 */
function simplifyCreateMany(ctx: SimplifyContext, model: ModelIndex, args: Args): NormQuery {
  checkKeys(ctx, args, ["data"]);
  const data = args.data;
  if (!Array.isArray(data)) {
    ctx.issues.add(["data"], `data must be an array of records, got ${describe(data)}`);
    return { op: "createMany", model: model.name, fields: [] };
  }
  const present = new Set<string>();
  const rowCtx = new SimplifyContext(ctx.schema);
  const rows = data.map((item, i) => {
    const before = rowCtx.values.length;
    const row = simplifyCreateData(rowCtx, model, item, ["data", i]);
    for (const f of row.fields) present.add(f.field);
    return { row, before };
  });
  for (const issue of rowCtx.issues.issues) ctx.issues.add(issue.path, issue.message);
  const fields = model.def.fields.map((f) => f.name).filter((f) => present.has(f));
  const aligned = rows.map(({ row }) => {
    const byField = new Map(row.fields.map((f) => [f.field, rowCtx.values[f.slot]]));
    return fields.map((f) => byField.get(f));
  });
  ctx.slot(aligned, ["data"], () => false);
  return { op: "createMany", model: model.name, fields };
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export { allScalars, SimplifyContext };
