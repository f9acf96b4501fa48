import { expr, type Insert, type InsertNode, mutation, type Statement, select } from "@strata/core";
import { mysqlDialect } from "../dialects/mysql.ts";
import type { PrintedSql } from "../printer/context.ts";
import { JSON_LIST } from "../printer/context.ts";
import { printStatement } from "../printer/statement.ts";

/** Distinct printed forms kept per statement AST (one per IN-list length bucket). */
const MAX_FORMS_PER_AST = 32;
const MAX_INSERT_SHAPES = 200;

/**
 * IN lists are printed for a bucketed length (exact up to 8, then the next power of two)
 * and the binder repeats the last element, so a list of 100 or 120 keys reuses one
 * prepared statement. Repeating an element changes neither IN nor NOT IN.
 */
export function bucketLength(length: number): number {
  if (length <= 8) return length;
  return 2 ** Math.ceil(Math.log2(length));
}

/** Array-valued parameters (IN lists) and their printed lengths; "" when there are none. */
function listLengths(params: readonly unknown[]): { lengths: Map<number, number>; key: string } {
  const lengths = new Map<number, number>();
  let key = "";
  let placeholders = 0;
  params.forEach((value, index) => {
    if (!Array.isArray(value)) {
      placeholders++;
      return;
    }
    const length = bucketLength(value.length);
    lengths.set(index, length);
    placeholders += length;
    key += `${index}:${length},`;
  });
  if (placeholders <= MAX_PLACEHOLDERS) return { lengths, key };
  // Rounding the lists up would pass the protocol's limit: print them at their exact lengths.
  key = "exact:";
  let exact = 0;
  params.forEach((value, index) => {
    if (!Array.isArray(value)) {
      exact++;
      return;
    }
    lengths.set(index, value.length);
    key += `${index}:${value.length},`;
    exact += value.length;
  });
  if (exact <= MAX_PLACEHOLDERS) return { lengths, key };
  // Still too many: every list of one field's values goes as one JSON parameter (JSON_TABLE).
  key = "json:";
  params.forEach((value, index) => {
    if (!Array.isArray(value)) return;
    lengths.set(index, JSON_LIST);
    key += `${index},`;
  });
  return { lengths, key };
}

/** Placeholders one prepared statement may hold (the protocol counts them in 16 bits). */
const MAX_PLACEHOLDERS = 65535;

/**
 * Printed SQL cached by (statement AST object, IN-list lengths): the engine's plan cache
 * hands the same AST back, so a hit skips printing; mysql2 then reuses the prepared statement.
 */
export class PrintCache {
  private readonly byAst = new WeakMap<Statement, Map<string, PrintedSql>>();
  private readonly inserts = new Map<string, PrintedSql>();

  print(statement: Statement, params: readonly unknown[]): PrintedSql {
    const { lengths, key } = listLengths(params);
    let forms = this.byAst.get(statement);
    const hit = forms?.get(key);
    if (hit) return hit;
    const printed = printStatement(statement, mysqlDialect, { listLengths: lengths });
    if (!forms || forms.size >= MAX_FORMS_PER_AST) {
      forms = new Map();
      this.byAst.set(statement, forms);
    }
    forms.set(key, printed);
    return printed;
  }

  /** The multi-row INSERT of `rowCount` rows for an Insert operation's table and columns. */
  insert(op: Insert, rowCount: number): PrintedSql {
    const shape = JSON.stringify([op.table, op.columns, rowCount]);
    const hit = this.inserts.get(shape);
    if (hit) return hit;
    const printed = printStatement(multiRowInsert(op, rowCount), mysqlDialect);
    if (this.inserts.size >= MAX_INSERT_SHAPES) this.inserts.clear();
    this.inserts.set(shape, printed);
    return printed;
  }
}

/** `INSERT INTO t (cols) VALUES (?, ...), ...` for `rowCount` rows; params are the rows flattened row by row. */
export function multiRowInsert(op: Insert, rowCount: number): InsertNode {
  const width = op.columns.length;
  const rows =
    width === 0 ? [] : Array.from({ length: rowCount }, (_, r) => op.columns.map((_, c) => expr.param(r * width + c)));
  return mutation.insert({ table: select.table(op.table), columns: op.columns, rows });
}
