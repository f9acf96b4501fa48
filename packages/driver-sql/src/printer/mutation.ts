import {
  type Assignment,
  type DeleteNode,
  type InsertNode,
  type SelectionNode,
  UnsupportedError,
  type UpdateNode,
} from "@strata/core";
import type { PrintContext } from "./context.ts";
import { printExpr } from "./expr.ts";
import { printSelections, printTable } from "./select.ts";

export function printInsert(node: InsertNode, ctx: PrintContext): string {
  const q = (name: string): string => ctx.dialect.quoteIdentifier(name);
  let sql = `INSERT INTO ${printTable(node.table, ctx)}`;
  if (node.columns.length === 0) {
    if (node.rows.length > 1)
      throw new RangeError("an INSERT without columns can insert only one row (DEFAULT VALUES)");
    sql += ctx.dialect.defaultValues ?? " DEFAULT VALUES";
  } else {
    if (node.rows.length === 0) throw new RangeError(`an INSERT into ${node.table.name} needs at least one row`);
    const rows = node.rows.map((row) => {
      if (row.length !== node.columns.length) {
        throw new RangeError(`an INSERT row has ${row.length} values for ${node.columns.length} columns`);
      }
      return `(${row.map((v) => printExpr(v, ctx)).join(", ")})`;
    });
    sql += ` (${node.columns.map(q).join(", ")}) VALUES ${rows.join(", ")}`;
  }
  if (node.onConflict) {
    const setCtx: PrintContext = { ...ctx, inUpsertSet: true };
    sql += ctx.dialect.upsert(node.onConflict.target.map(q), printAssignments(node.onConflict.set, setCtx));
  }
  return sql + printReturning(node.returning, ctx);
}

export function printUpdate(node: UpdateNode, ctx: PrintContext): string {
  if (node.set.length === 0) throw new RangeError(`an UPDATE of ${node.table.name} needs at least one assignment`);
  let sql = `UPDATE ${printTable(node.table, ctx)} SET ${printAssignments(node.set, ctx).join(", ")}`;
  if (node.where) sql += ` WHERE ${printExpr(node.where, ctx)}`;
  return sql + printReturning(node.returning, ctx);
}

export function printDelete(node: DeleteNode, ctx: PrintContext): string {
  let sql = `DELETE FROM ${printTable(node.table, ctx)}`;
  if (node.where) sql += ` WHERE ${printExpr(node.where, ctx)}`;
  return sql + printReturning(node.returning, ctx);
}

function printAssignments(set: readonly Assignment[], ctx: PrintContext): string[] {
  return set.map((a) => `${ctx.dialect.quoteIdentifier(a.column)} = ${printExpr(a.value, ctx)}`);
}

function printReturning(returning: readonly SelectionNode[], ctx: PrintContext): string {
  if (returning.length === 0) return "";
  const clause = ctx.dialect.returning(printSelections(returning, ctx));
  if (clause === undefined) {
    throw new UnsupportedError(
      "returning",
      `${ctx.dialect.name} cannot return rows from INSERT/UPDATE/DELETE; plan a separate SELECT instead`,
    );
  }
  return clause;
}
