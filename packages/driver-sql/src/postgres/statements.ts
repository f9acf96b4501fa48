import { createHash } from "node:crypto";
import type { Statement } from "@strata/core";
import type { SqlDialect } from "../dialect.ts";
import type { PrintedSql } from "../printer/context.ts";
import { printStatement } from "../printer/statement.ts";

/** A printed statement ready to run: text, placeholder → param map, and its server-side statement name. */
export interface PgStatement extends PrintedSql {
  /** Named prepared statement (prepared once per connection), or undefined for an unnamed one. */
  readonly name: string | undefined;
}

/** The prepared-statement name for a text: the same on every connection, different for every text. */
export function statementName(sql: string): string {
  return `strata_${createHash("sha1").update(sql).digest("base64url").slice(0, 22)}`;
}

/**
 * Printed statements by AST object (the engine's plan cache hands the same
 * object back, so a hit skips printing and hashing) and by shape key for
 * statements the driver builds itself.
 */
export class PgStatementCache {
  private readonly byAst = new WeakMap<Statement, PgStatement>();
  private readonly byShape = new Map<string, PgStatement>();

  constructor(
    readonly dialect: SqlDialect,
    /** false behind PgBouncer: every statement is unnamed. */
    private readonly named: boolean,
    private readonly maxShapes = 500,
  ) {}

  forStatement(ast: Statement): PgStatement {
    const hit = this.byAst.get(ast);
    if (hit) return hit;
    const entry = this.make(printStatement(ast, this.dialect));
    this.byAst.set(ast, entry);
    return entry;
  }

  /** A driver-built statement; `named: false` keeps one-off shapes out of the server's statement cache. */
  forShape(shape: string, build: () => Statement, named = true): PgStatement {
    const key = `${named ? "n" : "u"}:${shape}`;
    const hit = this.byShape.get(key);
    if (hit) return hit;
    const printed = printStatement(build(), this.dialect);
    const entry = named ? this.make(printed) : { ...printed, name: undefined };
    if (this.byShape.size >= this.maxShapes) this.byShape.clear();
    this.byShape.set(key, entry);
    return entry;
  }

  /** Text the driver writes itself (cursor commands, catalog queries), never named. */
  forText(sql: string, paramOrder: readonly number[] = []): PgStatement {
    return { sql, paramOrder, name: undefined };
  }

  private make(printed: PrintedSql): PgStatement {
    return { ...printed, name: this.named ? statementName(printed.sql) : undefined };
  }
}
