import { type Expr, expr, type OrderItem, type SelectNode, select, UnsupportedError } from "@strata/core";
import { rowDecoder } from "../../lower/decode.ts";
import { lowerFilter } from "../../lower/filter.ts";
import { singleKey } from "../../lower/relation.ts";
import { column, type Scope, StatementBuilder } from "../../lower/scope.ts";
import type { NormOrder, NormRead } from "../../simplify/normalized.ts";
import type { IncludeEdge, ReadNode } from "../types.ts";
import type { PlanContext } from "./context.ts";
import { keysetFilter, planCursorStep, totalOrder } from "./cursor.ts";

export interface ReadOptions {
  /** For an include level: the child field matched against the parent keys. */
  parentLink?: { childField: string };
  /** A fixed LIMIT (findFirst). */
  limitOne?: boolean;
}

/** Plans one level of a read (and, recursively, its includes) as one statement per level. */
export function planRead(pc: PlanContext, modelName: string, read: NormRead, options: ReadOptions = {}): ReadNode {
  const b = new StatementBuilder(pc.schema, pc.capability);
  const model = pc.schema.model(modelName);
  const scope: Scope = { model, alias: b.nextAlias() };

  const includes: IncludeEdge[] = read.selection.relations.map((r) => planInclude(pc, modelName, r.relation, r.read));
  const fields = [...read.selection.fields];
  const hidden: string[] = [];
  const need = (field: string) => {
    if (!fields.includes(field)) {
      fields.push(field);
      hidden.push(field);
    }
  };
  for (const inc of includes) need(inc.parentField);
  if (options.parentLink) need(options.parentLink.childField);
  const perParentPaging = options.parentLink !== undefined && (read.take !== null || read.skip !== null);
  // The outer query of per-parent paging orders by the inner query's output names.
  if (perParentPaging) for (const o of totalOrder(model, read.orderBy)) need(o.field);

  const conditions: Expr[] = [];
  if (options.parentLink) {
    const childField = model.field(options.parentLink.childField);
    const encode = b.encoder(childField);
    const keys = b.paramList((_, input) => (input.parentKeys ?? []).map(encode));
    conditions.push(expr.inList(column(scope, options.parentLink.childField), keys));
  }
  if (read.where) conditions.push(lowerFilter(b, scope, read.where));

  // Any explicit order is made total with the id, so pages and backends agree on ties.
  const orderBy: NormOrder[] = read.orderBy.length > 0 || read.cursor ? totalOrder(model, read.orderBy) : [];
  let cursor: ReadNode["cursor"];
  if (read.cursor) {
    cursor = planCursorStep(pc, model, read.cursor, orderBy);
    conditions.push(keysetFilter(b, scope, orderBy));
  }

  const selections = fields.map((f) => select.selection(column(scope, f), f));
  const order = (s: Scope): OrderItem[] => orderBy.map((o) => select.orderItem(column(s, o.field), o.dir));
  const where = conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : expr.and(conditions);

  let statement: SelectNode;
  if (perParentPaging) {
    statement = pagedPerParent(b, scope, fields, options.parentLink!.childField, where, order(scope), read, orderBy);
  } else {
    statement = select.create({
      from: select.table(model.def.table, scope.alias),
      selections,
      where,
      orderBy: order(scope),
      limit: options.limitOne ? expr.literal(1) : slotOrUndefined(b, read.take),
      offset: slotOrUndefined(b, read.skip),
    });
  }
  const bigints = fields.some((f) => b.isBigint(model.field(f)));
  return {
    model: modelName,
    step: { statement, params: b.params, bigints },
    decode: rowDecoder(b, model, fields),
    hidden,
    includes,
    ...(cursor ? { cursor } : {}),
  };
}

function slotOrUndefined(b: StatementBuilder, slot: number | null): Expr | undefined {
  return slot === null ? undefined : b.param((values) => values[slot]);
}

/**
 * take/skip inside an include apply per parent: number the children of each
 * parent with ROW_NUMBER() and keep the window, still in one statement.
 */
function pagedPerParent(
  b: StatementBuilder,
  scope: Scope,
  fields: string[],
  childField: string,
  where: Expr | undefined,
  innerOrder: OrderItem[],
  read: NormRead,
  orderBy: NormOrder[],
): SelectNode {
  if (!b.capability.windowFunctions) {
    throw new UnsupportedError(
      "windowFunctions",
      "take/skip inside an include needs window functions on this backend; page the related model with its own findMany instead.",
    );
  }
  const rank = expr.rowNumber(
    [column(scope, childField)],
    innerOrder.length ? innerOrder : [select.orderItem(column(scope, scope.model.def.id[0]!), "asc")],
  );
  const inner = select.create({
    from: select.table(scope.model.def.table, scope.alias),
    selections: [...fields.map((f) => select.selection(column(scope, f), f)), select.selection(rank, "__rn")],
    where,
  });
  const outer = b.nextAlias();
  const rn = expr.column("__rn", outer);
  const { skip, take } = read;
  const bounds: Expr[] = [];
  if (skip !== null)
    bounds.push(
      expr.compare(
        ">",
        rn,
        b.param((values) => values[skip]),
      ),
    );
  if (take !== null) {
    bounds.push(
      expr.compare(
        "<=",
        rn,
        b.param((values) => (skip === null ? 0 : (values[skip] as number)) + (values[take] as number)),
      ),
    );
  }
  return select.create({
    from: select.subquery(inner, outer),
    selections: fields.map((f) => select.selection(expr.column(f, outer), f)),
    where: bounds.length === 1 ? bounds[0] : expr.and(bounds),
    orderBy: [...orderBy.map((o) => select.orderItem(expr.column(o.field, outer), o.dir)), select.orderItem(rn, "asc")],
  });
}

export function planInclude(pc: PlanContext, modelName: string, relationName: string, read: NormRead): IncludeEdge {
  const model = pc.schema.model(modelName);
  const relation = model.relations.get(relationName)!;
  if (read.cursor) {
    throw new UnsupportedError(
      "cursorInInclude",
      `cursor paging inside include (${modelName}.${relationName}) is not supported; use take/skip there, or page ${relation.target} with its own findMany.`,
    );
  }
  const { ownerField, targetField } = singleKey(relation, modelName);
  const node = planRead(pc, relation.target, read, { parentLink: { childField: targetField } });
  return {
    relation: relationName,
    parentField: ownerField,
    childField: targetField,
    many: relation.kind === "hasMany",
    node,
  };
}
