import { assertNever, type SelectNode, type Statement } from "@strata/core";
import type { SqlDialect } from "../dialect.ts";
import { finalize, type PrintContext, type PrintedSql, paramMarker } from "./context.ts";
import { printDelete, printInsert, printUpdate } from "./mutation.ts";
import { printSelect } from "./select.ts";

export interface PrintOptions {
  /** Array length of each ParamList parameter (by params index); needed by dialects that expand IN lists. */
  listLengths?: ReadonlyMap<number, number>;
}

/** Prints one statement AST for a dialect: SQL text plus the parameter index of every placeholder. */
export function printStatement(statement: Statement, dialect: SqlDialect, options: PrintOptions = {}): PrintedSql {
  const ctx: PrintContext = { dialect, inUpsertSet: false, listLengths: options.listLengths };
  return finalize(printStatementText(statement, ctx), dialect);
}

function printStatementText(statement: Statement, ctx: PrintContext): string {
  switch (statement.kind) {
    case "Select":
      return printSelect(statement, ctx);
    case "InsertStatement":
      return printInsert(statement, ctx);
    case "UpdateStatement":
      return printUpdate(statement, ctx);
    case "DeleteStatement":
      return printDelete(statement, ctx);
    default:
      return assertNever(statement, "statement kind");
  }
}

/**
 * One page of a select, for streaming without an open cursor:
 * `SELECT * FROM (<select>) AS "strata_page" LIMIT ? OFFSET ?`, with the page
 * size and offset bound to `params[limitIndex]` and `params[offsetIndex]`.
 */
export function printSelectPage(
  statement: SelectNode,
  dialect: SqlDialect,
  limitIndex: number,
  offsetIndex: number,
): PrintedSql {
  const ctx: PrintContext = { dialect, inUpsertSet: false };
  const inner = printSelect(statement, ctx);
  const paging = dialect.limitOffset(paramMarker(limitIndex), paramMarker(offsetIndex));
  return finalize(`SELECT * FROM (${inner}) AS ${dialect.quoteIdentifier("strata_page")}${paging}`, dialect);
}
