import type { SelectNode, Statement } from "@strata/core";
import type Database from "better-sqlite3";
import { sqliteDialect } from "../dialects/sqlite.ts";
import { printSelectPage, printStatement } from "../printer/statement.ts";

/** One native prepared statement, with the integer mode it was last run in. */
export interface NativeStatement {
  readonly stmt: Database.Statement;
  safeIntegers: boolean;
}

/** A statement AST resolved for execution: its SQL, its placeholder → parameter map and the prepared statement. */
export interface PreparedSql {
  readonly sql: string;
  readonly paramOrder: readonly number[];
  readonly native: NativeStatement;
}

export interface StatementCacheStats {
  /** Lookups answered by the AST object itself (no printing). */
  astHits: number;
  /** Lookups that printed the AST and found the SQL text already prepared. */
  textHits: number;
  /** Statements prepared by SQLite. */
  prepared: number;
}

interface PagePlan extends PreparedSql {
  readonly paramCount: number;
}

/**
 * Two levels: a WeakMap from the statement AST object (the engine's plan cache
 * hands the same object back, so a hit skips printing) and a bounded,
 * least-recently-used map from SQL text to the prepared statement.
 */
export class StatementCache {
  readonly stats: StatementCacheStats = { astHits: 0, textHits: 0, prepared: 0 };
  private readonly byAst = new WeakMap<Statement, PreparedSql>();
  private readonly pages = new WeakMap<SelectNode, PagePlan>();
  private readonly byText = new Map<string, NativeStatement>();
  private readonly byShape = new Map<string, PreparedSql>();

  constructor(
    private readonly db: Database.Database,
    private readonly maxTextEntries = 500,
  ) {}

  forStatement(ast: Statement): PreparedSql {
    const hit = this.byAst.get(ast);
    if (hit) {
      this.stats.astHits++;
      return hit;
    }
    const { sql, paramOrder } = printStatement(ast, sqliteDialect);
    const entry: PreparedSql = { sql, paramOrder, native: this.forText(sql) };
    this.byAst.set(ast, entry);
    return entry;
  }

  /** A statement the driver builds itself (e.g. for Insert operations), cached by a shape key. */
  forShape(shape: string, build: () => Statement): PreparedSql {
    const hit = this.byShape.get(shape);
    if (hit) return hit;
    const { sql, paramOrder } = printStatement(build(), sqliteDialect);
    const entry: PreparedSql = { sql, paramOrder, native: this.forText(sql) };
    if (this.byShape.size >= this.maxTextEntries) this.byShape.clear();
    this.byShape.set(shape, entry);
    return entry;
  }

  /** The paged form of a select; page size and offset bind to `params[paramCount]` and `params[paramCount + 1]`. */
  forPage(ast: SelectNode, paramCount: number): PreparedSql {
    const hit = this.pages.get(ast);
    if (hit && hit.paramCount === paramCount) return hit;
    const { sql, paramOrder } = printSelectPage(ast, sqliteDialect, paramCount, paramCount + 1);
    const entry: PagePlan = { sql, paramOrder, paramCount, native: this.forText(sql) };
    this.pages.set(ast, entry);
    return entry;
  }

  forText(sql: string): NativeStatement {
    const hit = this.byText.get(sql);
    if (hit) {
      this.stats.textHits++;
      // Re-insert to mark it most recently used (Map keeps insertion order).
      this.byText.delete(sql);
      this.byText.set(sql, hit);
      return hit;
    }
    const native: NativeStatement = { stmt: this.db.prepare(sql), safeIntegers: false };
    this.stats.prepared++;
    this.byText.set(sql, native);
    if (this.byText.size > this.maxTextEntries) {
      const oldest = this.byText.keys().next();
      if (!oldest.done) this.byText.delete(oldest.value);
    }
    return native;
  }
}

/** Switches the statement's 64-bit integer mode only when it changes (a native call otherwise repeated per run). */
export function useSafeIntegers(native: NativeStatement, on: boolean): Database.Statement {
  if (native.safeIntegers !== on) {
    native.stmt.safeIntegers(on);
    native.safeIntegers = on;
  }
  return native.stmt;
}
