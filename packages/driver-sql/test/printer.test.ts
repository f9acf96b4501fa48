import { expr, mutation, type SelectNode, select, UnsupportedError } from "@strata/core";
import { describe, expect, it } from "vitest";
import type { SqlDialect } from "../src/index.ts";
import { printStatement, sqliteDialect } from "../src/index.ts";

const users = select.table("users", "u");
const col = (name: string, table = "u") => expr.column(name, table);
const sel = (parts: Partial<Parameters<typeof select.create>[0]> = {}): SelectNode =>
  select.create({ from: users, selections: [select.selection(col("id"))], ...parts });
const whereSql = (where: Parameters<typeof expr.not>[0]) => printStatement(sel({ where }), sqliteDialect);

describe("printStatement: expressions", () => {
  it("prints columns, params and literals", () => {
    const s = select.create({
      from: select.table("t"),
      selections: [
        select.selection(expr.column("a")),
        select.selection(expr.param(0), "p"),
        select.selection(expr.literal(null), "n"),
        select.selection(expr.literal(true), "t"),
        select.selection(expr.literal(false), "f"),
        select.selection(expr.literal(2.5), "x"),
      ],
    });
    expect(printStatement(s, sqliteDialect)).toEqual({
      sql: 'SELECT "a", ? AS "p", NULL AS "n", 1 AS "t", 0 AS "f", 2.5 AS "x" FROM "t"',
      paramOrder: [0],
    });
  });

  it("quotes identifiers, doubling embedded quotes", () => {
    const s = select.create({
      from: select.table('we"ird'),
      selections: [select.selection(expr.column('c"ol'), 'a"s')],
    });
    expect(printStatement(s, sqliteDialect).sql).toBe('SELECT "c""ol" AS "a""s" FROM "we""ird"');
  });

  it("prints every comparison operator", () => {
    for (const op of ["=", "<>", "<", "<=", ">", ">="] as const) {
      expect(whereSql(expr.compare(op, col("age"), expr.param(0))).sql).toBe(
        `SELECT "u"."id" FROM "users" AS "u" WHERE "u"."age" ${op} ?`,
      );
    }
  });

  it("parenthesises OR inside AND and AND/OR under NOT, but not more", () => {
    const a = expr.compare("=", col("a"), expr.param(0));
    const b = expr.compare("=", col("b"), expr.param(1));
    const c = expr.compare("=", col("c"), expr.param(2));
    expect(whereSql(expr.and([expr.or([a, b]), c])).sql).toContain(
      'WHERE ("u"."a" = ? OR "u"."b" = ?) AND "u"."c" = ?',
    );
    expect(whereSql(expr.or([expr.and([a, b]), c])).sql).toContain('WHERE "u"."a" = ? AND "u"."b" = ? OR "u"."c" = ?');
    expect(whereSql(expr.not(expr.and([a, b]))).sql).toContain('WHERE NOT ("u"."a" = ? AND "u"."b" = ?)');
    expect(whereSql(expr.not(a)).sql).toContain('WHERE NOT "u"."a" = ?');
    expect(whereSql(expr.and([a])).sql).toContain('WHERE "u"."a" = ?');
  });

  it("prints an empty AND as true and an empty OR as false", () => {
    expect(whereSql(expr.and([])).sql).toContain("WHERE 1");
    expect(whereSql(expr.or([])).sql).toContain("WHERE 0");
  });

  it("prints IS [NOT] NULL", () => {
    expect(whereSql(expr.isNull(col("d"))).sql).toContain('WHERE "u"."d" IS NULL');
    expect(whereSql(expr.isNull(col("d"), true)).sql).toContain('WHERE "u"."d" IS NOT NULL');
  });

  it("prints IN lists as json_each over one array parameter", () => {
    expect(whereSql(expr.inList(col("id"), expr.paramList(0))).sql).toContain(
      'WHERE "u"."id" IN (SELECT value FROM json_each(?))',
    );
    expect(whereSql(expr.inList(col("id"), expr.paramList(0), true)).sql).toContain(
      'WHERE "u"."id" NOT IN (SELECT value FROM json_each(?))',
    );
  });

  it("prints LIKE with a backslash escape", () => {
    expect(whereSql(expr.like(col("name"), expr.param(0))).sql).toContain(`WHERE "u"."name" LIKE ? ESCAPE '\\'`);
  });

  it("prints [NOT] EXISTS with a sub-select of a constant", () => {
    const posts = select.create({
      from: select.table("posts", "p"),
      selections: [],
      where: expr.compare("=", expr.column("author_id", "p"), col("id")),
    });
    expect(whereSql(expr.exists(posts)).sql).toContain(
      'WHERE EXISTS (SELECT 1 FROM "posts" AS "p" WHERE "p"."author_id" = "u"."id")',
    );
    expect(whereSql(expr.exists(posts, true)).sql).toContain("WHERE NOT EXISTS (SELECT 1");
  });

  it("prints arithmetic with left-associative parentheses", () => {
    const a = expr.column("a");
    const b = expr.param(0);
    const c = expr.param(1);
    const sqlOf = (e: Parameters<typeof expr.not>[0]) =>
      printStatement(mutation.update({ table: select.table("t"), set: [mutation.assignment("a", e)] }), sqliteDialect)
        .sql;
    expect(sqlOf(expr.arithmetic("+", a, b))).toBe('UPDATE "t" SET "a" = "a" + ?');
    expect(sqlOf(expr.arithmetic("-", a, expr.arithmetic("-", b, c)))).toBe('UPDATE "t" SET "a" = "a" - (? - ?)');
    expect(sqlOf(expr.arithmetic("-", expr.arithmetic("-", a, b), c))).toBe('UPDATE "t" SET "a" = "a" - ? - ?');
    expect(sqlOf(expr.arithmetic("*", expr.arithmetic("+", a, b), c))).toBe('UPDATE "t" SET "a" = ("a" + ?) * ?');
    expect(sqlOf(expr.arithmetic("/", a, b))).toBe('UPDATE "t" SET "a" = "a" / ?');
  });

  it("prints COUNT(*) and ROW_NUMBER() OVER (...)", () => {
    const s = select.create({
      from: users,
      selections: [
        select.selection(expr.countAll(), "n"),
        select.selection(expr.rowNumber([col("team")], [select.orderItem(col("score"), "desc")]), "rn"),
        select.selection(expr.rowNumber([], []), "plain"),
      ],
    });
    expect(printStatement(s, sqliteDialect).sql).toBe(
      'SELECT COUNT(*) AS "n", ROW_NUMBER() OVER (PARTITION BY "u"."team" ORDER BY "u"."score" DESC) AS "rn", ' +
        'ROW_NUMBER() OVER () AS "plain" FROM "users" AS "u"',
    );
  });
});

describe("printStatement: select", () => {
  it("prints where, order, limit and offset with placeholders in text order", () => {
    const s = sel({
      where: expr.and([expr.compare(">", col("age"), expr.param(2)), expr.compare("=", col("name"), expr.param(0))]),
      orderBy: [select.orderItem(col("name"), "asc"), select.orderItem(col("age"), "desc")],
      limit: expr.param(1),
      offset: expr.param(2),
    });
    expect(printStatement(s, sqliteDialect)).toEqual({
      sql:
        'SELECT "u"."id" FROM "users" AS "u" WHERE "u"."age" > ? AND "u"."name" = ? ' +
        'ORDER BY "u"."name" ASC, "u"."age" DESC LIMIT ? OFFSET ?',
      paramOrder: [2, 0, 1, 2],
    });
  });

  it("keeps Strata's NULL ordering implicit on SQLite and spells out the opposite", () => {
    const s = sel({
      orderBy: [select.orderItem(col("a"), "asc", "last"), select.orderItem(col("b"), "desc", "first")],
    });
    expect(printStatement(s, sqliteDialect).sql).toContain('ORDER BY "u"."a" ASC NULLS LAST, "u"."b" DESC NULLS FIRST');
  });

  it("prints LIMIT -1 when only an offset is given", () => {
    expect(printStatement(sel({ offset: expr.param(0) }), sqliteDialect).sql).toMatch(/ LIMIT -1 OFFSET \?$/);
    expect(printStatement(sel({ limit: expr.literal(10) }), sqliteDialect).sql).toMatch(/ LIMIT 10$/);
  });

  it("prints a sub-select source", () => {
    const inner = sel({ where: expr.compare("=", col("id"), expr.param(0)) });
    const outer = select.create({
      from: select.subquery(inner, "x"),
      selections: [select.selection(expr.column("id", "x"))],
    });
    expect(printStatement(outer, sqliteDialect).sql).toBe(
      'SELECT "x"."id" FROM (SELECT "u"."id" FROM "users" AS "u" WHERE "u"."id" = ?) AS "x"',
    );
  });
});

describe("printStatement: writes", () => {
  it("prints a multi-row insert with returning", () => {
    const ins = mutation.insert({
      table: select.table("users"),
      columns: ["email", "name"],
      rows: [
        [expr.param(0), expr.param(1)],
        [expr.param(2), expr.literal(null)],
      ],
      returning: [select.selection(expr.column("id"), "userId")],
    });
    expect(printStatement(ins, sqliteDialect)).toEqual({
      sql: 'INSERT INTO "users" ("email", "name") VALUES (?, ?), (?, NULL) RETURNING "id" AS "userId"',
      paramOrder: [0, 1, 2],
    });
  });

  it("prints an upsert where excluded.col is the proposed row", () => {
    const ins = mutation.insert({
      table: select.table("counters"),
      columns: ["key", "hits"],
      rows: [[expr.param(0), expr.param(1)]],
      onConflict: mutation.onConflict(
        ["key"],
        [
          mutation.assignment(
            "hits",
            expr.arithmetic("+", expr.column("hits", "counters"), expr.column("hits", "excluded")),
          ),
        ],
      ),
    });
    expect(printStatement(ins, sqliteDialect).sql).toBe(
      'INSERT INTO "counters" ("key", "hits") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET ' +
        '"hits" = "counters"."hits" + excluded."hits"',
    );
    const ignore = mutation.insert({ ...ins, onConflict: mutation.onConflict(["key"], []) });
    expect(printStatement(ignore, sqliteDialect).sql).toMatch(/ ON CONFLICT \("key"\) DO NOTHING$/);
  });

  it("prints DEFAULT VALUES for an insert without columns", () => {
    const ins = mutation.insert({ table: select.table("t"), columns: [], rows: [] });
    expect(printStatement(ins, sqliteDialect).sql).toBe('INSERT INTO "t" DEFAULT VALUES');
  });

  it("prints update and delete with where and returning", () => {
    const where = expr.compare("=", expr.column("id"), expr.param(1));
    const upd = mutation.update({
      table: select.table("users"),
      set: [mutation.assignment("name", expr.param(0))],
      where,
      returning: [select.selection(expr.column("id"))],
    });
    expect(printStatement(upd, sqliteDialect)).toEqual({
      sql: 'UPDATE "users" SET "name" = ? WHERE "id" = ? RETURNING "id"',
      paramOrder: [0, 1],
    });
    const del = mutation.delete({
      table: select.table("users"),
      where: expr.compare("=", expr.column("id"), expr.param(0)),
    });
    expect(printStatement(del, sqliteDialect).sql).toBe('DELETE FROM "users" WHERE "id" = ?');
  });

  it("refuses RETURNING on a dialect without it, naming the capability", () => {
    const noReturning: SqlDialect = { ...sqliteDialect, name: "plain", returning: () => undefined };
    const del = mutation.delete({ table: select.table("t"), returning: [select.selection(expr.column("id"))] });
    expect(() => printStatement(del, noReturning)).toThrow(UnsupportedError);
  });
});

describe("dialect hooks compose without breaking parameter order", () => {
  it("numbers $n placeholders from the param index and keeps paramOrder right when a hook repeats a fragment", () => {
    // A PostgreSQL/MySQL-like dialect built from the SQLite one by overriding a few hooks.
    const other: SqlDialect = {
      ...sqliteDialect,
      name: "other",
      placeholder: (_position, index) => `$${index + 1}`,
      inList: (e, list, negated) => `${negated ? "NOT " : ""}${e} = ANY(${list})`,
      orderItem: (e, direction, nulls) =>
        `(${e}) IS NULL ${nulls === "first" ? "DESC" : "ASC"}, ${e} ${direction.toUpperCase()}`,
    };
    const s = sel({
      where: expr.inList(col("id"), expr.paramList(1)),
      orderBy: [select.orderItem(expr.arithmetic("+", col("a"), expr.param(0)), "asc")],
    });
    expect(printStatement(s, other)).toEqual({
      sql:
        'SELECT "u"."id" FROM "users" AS "u" WHERE "u"."id" = ANY($2) ' +
        'ORDER BY ("u"."a" + $1) IS NULL DESC, "u"."a" + $1 ASC',
      paramOrder: [1, 0, 0],
    });
  });
});
