import type { SelectionNode, SelectNode, SubqueryNode, TableNode } from "@strata/core";
import type { SqlDialect } from "../dialect.ts";
import type { PrintContext } from "./context.ts";
import { printExpr, printOrderBy } from "./expr.ts";

export function printSelect(node: SelectNode, ctx: PrintContext): string {
  // No selections (e.g. inside EXISTS): select a constant rather than every column.
  const selections = node.selections.length === 0 ? "1" : printSelections(node.selections, ctx);
  let sql = `SELECT ${selections} FROM ${printSource(node.from, ctx)}`;
  if (node.where) sql += ` WHERE ${printExpr(node.where, ctx)}`;
  if (node.orderBy.length > 0) sql += ` ORDER BY ${printOrderBy(node.orderBy, ctx)}`;
  const limit = node.limit ? printExpr(node.limit, ctx) : undefined;
  const offset = node.offset ? printExpr(node.offset, ctx) : undefined;
  return sql + ctx.dialect.limitOffset(limit, offset);
}

/** `expr AS "alias"`; a selection without alias keeps the backend's column name. */
export function printSelections(items: readonly SelectionNode[], ctx: PrintContext): string {
  return items
    .map((s) => {
      const text = printExpr(s.expr, ctx);
      return s.alias === undefined ? text : `${text} AS ${ctx.dialect.quoteIdentifier(s.alias)}`;
    })
    .join(", ");
}

export function printSource(from: TableNode | SubqueryNode, ctx: PrintContext): string {
  const q = (name: string): string => ctx.dialect.quoteIdentifier(name);
  if (from.kind === "Subquery") return `(${printSelect(from.query, ctx)}) AS ${q(from.alias)}`;
  return printTable(from, ctx);
}

export function printTable(table: TableNode, ctx: PrintContext): string {
  const name = quoteTableName(table.name, ctx.dialect);
  return table.alias === undefined ? name : `${name} AS ${ctx.dialect.quoteIdentifier(table.alias)}`;
}

/** A table name through the dialect's `quoteTable` hook (schema qualification), else plainly quoted. */
export function quoteTableName(name: string, dialect: SqlDialect): string {
  return dialect.quoteTable ? dialect.quoteTable(name) : dialect.quoteIdentifier(name);
}
