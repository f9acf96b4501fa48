import { type ComparisonOp, type Expr, type InListNode, UnsupportedError } from "@strata/core";
import type { Condition } from "./condition.ts";
import type { Placeholders } from "./placeholders.ts";

/** A condition tree, built before any placeholder is taken (unused placeholders are refused by DynamoDB). */
type Cond =
  | { readonly k: "const"; readonly value: boolean }
  | { readonly k: "cmp"; readonly op: ComparisonOp; readonly left: Operand; readonly right: Operand }
  | { readonly k: "exists" | "notExists" | "isNullValue"; readonly attribute: string }
  | { readonly k: "in"; readonly attribute: string; readonly values: readonly unknown[] }
  | { readonly k: "and" | "or"; readonly items: readonly Cond[] }
  | { readonly k: "not"; readonly item: Cond };

type Operand = { readonly attribute: string } | { readonly value: unknown };

/** When an expression is TRUE and when it is FALSE under SQL's three-valued logic (neither = unknown). */
interface Truth {
  readonly whenTrue: Cond;
  readonly whenFalse: Cond;
}

const NEGATED: Record<ComparisonOp, ComparisonOp> = {
  "=": "<>",
  "<>": "=",
  "<": ">=",
  ">=": "<",
  ">": "<=",
  "<=": ">",
};
const TRUE: Cond = { k: "const", value: true };
const FALSE: Cond = { k: "const", value: false };
/** DynamoDB caps the operands of one IN at 100. */
export const MAX_IN_OPERANDS = 100;

/**
 * Translates an engine filter into a FilterExpression that keeps exactly the
 * items for which it is TRUE in SQL: an absent attribute is NULL, so
 * comparisons with it are unknown and `NOT` of unknown stays unknown.
 * true = no filter needed, false = nothing can match.
 */
export function translateFilter(ph: Placeholders, filter: Expr, params: readonly unknown[]): Condition {
  return render(ph, truth(filter, params).whenTrue);
}

function truth(e: Expr, params: readonly unknown[]): Truth {
  switch (e.kind) {
    case "Compare":
      return compare(e.op, operand(e.left, params), operand(e.right, params));
    case "And":
    case "Or": {
      const parts = e.items.map((i) => truth(i, params));
      const t = parts.map((p) => p.whenTrue);
      const f = parts.map((p) => p.whenFalse);
      return e.kind === "And" ? { whenTrue: and(t), whenFalse: or(f) } : { whenTrue: or(t), whenFalse: and(f) };
    }
    case "Not": {
      const inner = truth(e.expr, params);
      return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
    }
    case "IsNull": {
      const attribute = columnOf(e.expr);
      const isNull = or([
        { k: "notExists", attribute },
        { k: "isNullValue", attribute },
      ]);
      const notNull = and([
        { k: "exists", attribute },
        { k: "not", item: { k: "isNullValue", attribute } },
      ]);
      return e.negated ? { whenTrue: notNull, whenFalse: isNull } : { whenTrue: isNull, whenFalse: notNull };
    }
    case "InList":
      return inList(e, params);
    case "Literal":
      if (e.value === null) return { whenTrue: FALSE, whenFalse: FALSE };
      if (typeof e.value === "boolean") return { whenTrue: e.value ? TRUE : FALSE, whenFalse: e.value ? FALSE : TRUE };
      return unsupported(`the number literal ${e.value} used as a condition`);
    default:
      return unsupported(`${e.kind} nodes`);
  }
}

function operand(e: Expr, params: readonly unknown[]): Operand {
  if (e.kind === "Column") return { attribute: e.name };
  if (e.kind === "Param") return { value: params[e.index] };
  if (e.kind === "Literal") return { value: e.value };
  return unsupported(`${e.kind} as a comparison operand`);
}

function compare(op: ComparisonOp, left: Operand, right: Operand): Truth {
  const isNull = (o: Operand) => "value" in o && (o.value === null || o.value === undefined);
  if (isNull(left) || isNull(right)) return { whenTrue: FALSE, whenFalse: FALSE };
  if (!("attribute" in left) && !("attribute" in right)) return unsupported("a comparison between two values");
  // `<>` is true in DynamoDB when an attribute is absent; SQL says unknown, so both sides must exist.
  const present: Cond[] = [left, right].flatMap((o) =>
    "attribute" in o ? [{ k: "exists", attribute: o.attribute } as const] : [],
  );
  const cond = (c: ComparisonOp): Cond => {
    const cmp: Cond = { k: "cmp", op: c, left, right };
    return c === "<>" ? and([...present, cmp]) : cmp;
  };
  return { whenTrue: cond(op), whenFalse: cond(NEGATED[op]) };
}

function inList(e: InListNode, params: readonly unknown[]): Truth {
  const attribute = columnOf(e.expr);
  const list = params[e.list.index];
  if (!Array.isArray(list)) return unsupported(`an IN list whose parameter ${e.list.index} is not an array`);
  const values = list.filter((v) => v !== null && v !== undefined);
  const hasNull = values.length < list.length;
  let isIn: Truth;
  if (values.length === 0) {
    isIn = { whenTrue: FALSE, whenFalse: hasNull ? FALSE : TRUE };
  } else {
    const chunks: Cond[] = [];
    for (let i = 0; i < values.length; i += MAX_IN_OPERANDS) {
      chunks.push({ k: "in", attribute, values: values.slice(i, i + MAX_IN_OPERANDS) });
    }
    const anyIn = or(chunks);
    // x NOT IN (…, NULL) is never TRUE in SQL.
    isIn = {
      whenTrue: anyIn,
      whenFalse: hasNull
        ? FALSE
        : and([
            { k: "exists", attribute },
            { k: "not", item: anyIn },
          ]),
    };
  }
  return e.negated ? { whenTrue: isIn.whenFalse, whenFalse: isIn.whenTrue } : isIn;
}

function and(items: readonly Cond[]): Cond {
  return fold("and", items);
}

function or(items: readonly Cond[]): Cond {
  return fold("or", items);
}

/** Folds constants and flattens nested AND / OR. */
function fold(k: "and" | "or", items: readonly Cond[]): Cond {
  const absorbing = k === "or";
  const kept: Cond[] = [];
  for (const item of items) {
    if (item.k === "const") {
      if (item.value === absorbing) return item;
      continue;
    }
    if (item.k === k) kept.push(...item.items);
    else kept.push(item);
  }
  if (kept.length === 0) return absorbing ? FALSE : TRUE;
  return kept.length === 1 ? (kept[0] as Cond) : { k, items: kept };
}

function render(ph: Placeholders, c: Cond): Condition {
  switch (c.k) {
    case "const":
      return c.value;
    case "cmp": {
      const side = (o: Operand) => ("attribute" in o ? ph.name(o.attribute) : ph.value(o.value));
      return `${side(c.left)} ${c.op} ${side(c.right)}`;
    }
    case "exists":
      return `attribute_exists(${ph.name(c.attribute)})`;
    case "notExists":
      return `attribute_not_exists(${ph.name(c.attribute)})`;
    case "isNullValue":
      return `${ph.name(c.attribute)} = ${ph.value(null)}`;
    case "in":
      return `${ph.name(c.attribute)} IN (${c.values.map((v) => ph.value(v)).join(", ")})`;
    case "and":
    case "or":
      return c.items.map((i) => `(${String(render(ph, i))})`).join(c.k === "and" ? " AND " : " OR ");
    case "not":
      return `NOT (${String(render(ph, c.item))})`;
  }
}

function columnOf(e: Expr): string {
  if (e.kind === "Column") return e.name;
  return unsupported(`${e.kind} where a column is expected`);
}

function unsupported(what: string): never {
  throw new UnsupportedError(
    "filterExpression",
    `DynamoDB filter expressions cannot express ${what}; keep that condition out of the pushed-down filter (the engine evaluates it in memory).`,
  );
}
