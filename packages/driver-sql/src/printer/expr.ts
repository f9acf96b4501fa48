import {
  assertNever,
  type ColumnNode,
  type Expr,
  type LiteralNode,
  type OrderItem,
  type RowNumberNode,
  UnsupportedError,
} from "@strata/core";
import { JSON_LIST, type PrintContext, paramElementMarker, paramMarker } from "./context.ts";
import { Precedence, precedenceOf } from "./precedence.ts";
import { printSelect } from "./select.ts";

/** Prints one expression; parenthesises children only where precedence requires it. */
export function printExpr(e: Expr, ctx: PrintContext): string {
  const d = ctx.dialect;
  switch (e.kind) {
    case "Column":
      return printColumn(e, ctx);
    case "Param":
      return paramMarker(e.index);
    case "ParamList":
      return d.expandedInList ? listElements(e.index, ctx).join(", ") : paramMarker(e.index);
    case "Literal":
      return printLiteral(e, ctx);
    case "Compare":
      return `${operand(e.left, Precedence.predicate + 1, ctx)} ${e.op} ${operand(e.right, Precedence.predicate + 1, ctx)}`;
    case "And":
    case "Or":
      return printJunction(e.kind, e.items, ctx);
    case "Not":
      return `NOT ${operand(e.expr, Precedence.not, ctx)}`;
    case "IsNull":
      return `${operand(e.expr, Precedence.predicate + 1, ctx)} IS ${e.negated ? "NOT " : ""}NULL`;
    case "InList": {
      const left = operand(e.expr, Precedence.predicate + 1, ctx);
      if (d.expandedInList) {
        if (ctx.listLengths?.get(e.list.index) === JSON_LIST) {
          if (!d.jsonInList || !e.list.element) {
            throw new UnsupportedError(
              "maxParameters",
              `an IN list too long to expand into placeholders can only be bound as one JSON value when it holds one field's values; split it into several queries`,
            );
          }
          return d.jsonInList(left, paramMarker(e.list.index), e.list.element, e.negated);
        }
        return d.expandedInList(left, listElements(e.list.index, ctx), e.negated);
      }
      return d.inList(left, paramMarker(e.list.index), e.negated);
    }
    case "Like":
      return d.like(operand(e.expr, Precedence.predicate + 1, ctx), paramMarker(e.pattern.index));
    case "Exists":
      return `${e.negated ? "NOT " : ""}EXISTS (${printSelect(e.query, ctx)})`;
    case "Arithmetic": {
      const checked = e.range && d.checkedArithmetic;
      if (e.op === "div") {
        const left = operand(e.left, 0, ctx);
        const right = operand(e.right, 0, ctx);
        if (d.integerDivide) return d.integerDivide(left, right);
        // The check sees the quotient before the cast, which would clamp an overflow to the largest integer.
        const quotient = checked ? d.checkedArithmetic!(`${left} / ${right}`, e.range!) : `${left} / ${right}`;
        return `CAST(${quotient} AS INTEGER)`;
      }
      const own = precedenceOf(e);
      // Left-associative: the right operand needs parentheses at equal precedence (a - (b - c)).
      const printed = `${operand(e.left, own, ctx)} ${e.op} ${operand(e.right, own + 1, ctx)}`;
      return checked ? d.checkedArithmetic!(printed, e.range!) : printed;
    }
    case "CountAll":
      return "COUNT(*)";
    case "RowNumber":
      return printRowNumber(e, ctx);
    default:
      return assertNever(e, "expression kind");
  }
}

/** One marker per element of an array parameter, for dialects that expand IN lists. */
function listElements(index: number, ctx: PrintContext): string[] {
  const length = ctx.listLengths?.get(index);
  if (length === undefined) {
    throw new RangeError(`${ctx.dialect.name} expands IN lists: print with the length of parameter #${index}`);
  }
  return Array.from({ length }, (_, i) => paramElementMarker(index, i));
}

/** Prints `e`, wrapped in parentheses when it binds weaker than `minimum`. */
function operand(e: Expr, minimum: number, ctx: PrintContext): string {
  const text = printExpr(e, ctx);
  return precedenceOf(e) < minimum ? `(${text})` : text;
}

function printColumn(e: ColumnNode, ctx: PrintContext): string {
  const d = ctx.dialect;
  if (ctx.inUpsertSet && e.table === "excluded") return d.excludedColumn(e.name);
  const name = d.quoteIdentifier(e.name);
  return e.table === undefined ? name : `${d.quoteIdentifier(e.table)}.${name}`;
}

function printLiteral(e: LiteralNode, ctx: PrintContext): string {
  const v = e.value;
  if (v === null) return "NULL";
  if (typeof v === "boolean") return ctx.dialect.booleanLiteral(v);
  if (!Number.isFinite(v)) throw new RangeError(`a SQL literal must be a finite number, got ${v}`);
  return String(v);
}

/**
 * Longest run of one junction printed flat. A parser builds `a OR b OR c …`
 * as a chain as deep as the list is long, and SQLite refuses a tree deeper
 * than 1,000 ("Expression tree is too large"); longer lists are printed as
 * balanced groups of at most this many, so the depth grows with the
 * logarithm of the length. AND and OR are associative: the meaning is the same.
 */
const FLAT_JUNCTION = 64;

function printJunction(kind: "And" | "Or", items: readonly Expr[], ctx: PrintContext): string {
  // An empty AND is true and an empty OR is false, as in logic.
  if (items.length === 0) return ctx.dialect.booleanLiteral(kind === "And");
  const own = kind === "And" ? Precedence.and : Precedence.or;
  const joiner = kind === "And" ? " AND " : " OR ";
  if (items.length <= FLAT_JUNCTION) return items.map((item) => operand(item, own, ctx)).join(joiner);
  const size = Math.ceil(items.length / FLAT_JUNCTION);
  const groups: string[] = [];
  for (let at = 0; at < items.length; at += size) {
    groups.push(`(${printJunction(kind, items.slice(at, at + size), ctx)})`);
  }
  return groups.join(joiner);
}

/** ORDER BY terms; an item without `nulls` gets Strata's rule: first on asc, last on desc. */
export function printOrderBy(items: readonly OrderItem[], ctx: PrintContext): string {
  return items
    .map((item) => {
      const nulls = item.nulls ?? (item.direction === "asc" ? "first" : "last");
      return ctx.dialect.orderItem(printExpr(item.expr, ctx), item.direction, nulls);
    })
    .join(", ");
}

function printRowNumber(e: RowNumberNode, ctx: PrintContext): string {
  const parts: string[] = [];
  if (e.partitionBy.length > 0) parts.push(`PARTITION BY ${e.partitionBy.map((p) => printExpr(p, ctx)).join(", ")}`);
  if (e.orderBy.length > 0) parts.push(`ORDER BY ${printOrderBy(e.orderBy, ctx)}`);
  return `ROW_NUMBER() OVER (${parts.join(" ")})`;
}
