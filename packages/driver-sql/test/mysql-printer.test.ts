import { expr, mutation, select, UnsupportedError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { mysqlDialect, printStatement } from "../src/index.ts";
import { pushStatements } from "../src/mysql/push.ts";
import { schema } from "./fixtures.ts";
import { typesSchema } from "./mysql-fixtures.ts";

const users = select.table("users", "u");
const col = (name: string) => expr.column(name, "u");
const lengths = (entries: [number, number][]) => ({ listLengths: new Map(entries) });

describe("printStatement: MySQL dialect", () => {
  it("quotes with backticks (doubled inside) and uses ? placeholders", () => {
    const s = select.create({
      from: select.table("we`ird"),
      selections: [select.selection(expr.column("c`ol"), "a")],
      where: expr.compare("=", expr.column("x"), expr.param(0)),
    });
    expect(printStatement(s, mysqlDialect)).toEqual({
      sql: "SELECT `c``ol` AS `a` FROM `we``ird` WHERE `x` = ?",
      paramOrder: [0],
    });
  });

  it("expands an IN list to one placeholder per element, with the element each binds", () => {
    const s = select.create({
      from: users,
      selections: [select.selection(col("id"))],
      where: expr.and([
        expr.compare(">", col("age"), expr.param(1)),
        expr.inList(col("id"), expr.paramList(0)),
        expr.inList(col("email"), expr.paramList(2), true),
      ]),
    });
    expect(
      printStatement(
        s,
        mysqlDialect,
        lengths([
          [0, 3],
          [2, 1],
        ]),
      ),
    ).toEqual({
      sql: "SELECT `u`.`id` FROM `users` AS `u` WHERE `u`.`age` > ? AND `u`.`id` IN (?, ?, ?) AND `u`.`email` NOT IN (?)",
      paramOrder: [1, 0, 0, 0, 2],
      elements: [null, 0, 1, 2, 0],
    });
    expect(
      printStatement(
        s,
        mysqlDialect,
        lengths([
          [0, 0],
          [2, 0],
        ]),
      ).sql,
    ).toBe("SELECT `u`.`id` FROM `users` AS `u` WHERE `u`.`age` > ? AND 1 = 0 AND 1 = 1");
    expect(() => printStatement(s, mysqlDialect)).toThrow(/expands IN lists/);
  });

  it("prints upsert as ON DUPLICATE KEY UPDATE with VALUES(col), and do-nothing as a no-op assignment", () => {
    const insert = (set: ReturnType<typeof mutation.assignment>[]) =>
      mutation.insert({
        table: select.table("users"),
        columns: ["email", "name"],
        rows: [[expr.param(0), expr.param(1)]],
        onConflict: mutation.onConflict(["email"], set),
      });
    expect(
      printStatement(insert([mutation.assignment("name", expr.column("name", "excluded"))]), mysqlDialect).sql,
    ).toBe("INSERT INTO `users` (`email`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)");
    expect(printStatement(insert([]), mysqlDialect).sql).toBe(
      "INSERT INTO `users` (`email`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `email` = `email`",
    );
  });

  it("keeps MySQL's native NULL order and spells out the opposite", () => {
    const order = (direction: "asc" | "desc", nulls?: "first" | "last") =>
      printStatement(
        select.create({
          from: users,
          selections: [select.selection(col("id"))],
          orderBy: [select.orderItem(col("age"), direction, nulls)],
        }),
        mysqlDialect,
      ).sql.replace(/^.* ORDER BY /, "");
    expect(order("asc")).toBe("`u`.`age` ASC");
    expect(order("desc")).toBe("`u`.`age` DESC");
    expect(order("asc", "last")).toBe("`u`.`age` IS NULL, `u`.`age` ASC");
    expect(order("desc", "first")).toBe("`u`.`age` IS NULL DESC, `u`.`age` DESC");
  });

  it("prints LIMIT/OFFSET, an OFFSET alone, integer division, and refuses RETURNING", () => {
    const page = (limit?: number, offset?: number) =>
      printStatement(
        select.create({
          from: users,
          selections: [select.selection(col("id"))],
          limit: limit === undefined ? undefined : expr.param(limit),
          offset: offset === undefined ? undefined : expr.param(offset),
        }),
        mysqlDialect,
      ).sql;
    expect(page(0, 1)).toMatch(/ LIMIT \? OFFSET \?$/);
    expect(page(undefined, 0)).toMatch(/ LIMIT 18446744073709551615 OFFSET \?$/);
    const div = mutation.update({
      table: select.table("users"),
      set: [mutation.assignment("age", expr.arithmetic("div", expr.column("age"), expr.param(0)))],
    });
    expect(printStatement(div, mysqlDialect).sql).toBe("UPDATE `users` SET `age` = (`age`) DIV (?)");
    const returning = mutation.delete({
      table: select.table("users"),
      returning: [select.selection(expr.column("id"))],
    });
    expect(() => printStatement(returning, mysqlDialect)).toThrow(UnsupportedError);
  });

  it("creates tables with VARCHAR(191) for key and indexed strings, LONGTEXT otherwise (TEXT stops at 64 KB), and a binary collation", () => {
    const ddl = pushStatements({ tables: [...schema.tables, ...typesSchema.tables] });
    const users = ddl.find((s) => s.startsWith("CREATE TABLE IF NOT EXISTS `users`"))!;
    expect(users).toContain("`id` INT NOT NULL AUTO_INCREMENT PRIMARY KEY");
    expect(users).toContain("`email` VARCHAR(191) NOT NULL");
    expect(users).toContain("`name` LONGTEXT");
    expect(users).toContain("`big` BIGINT");
    expect(users).toContain("`active` TINYINT(1) NOT NULL DEFAULT TRUE");
    expect(users).toMatch(/\) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin$/);
    const posts = ddl.find((s) => s.startsWith("CREATE TABLE IF NOT EXISTS `posts`"))!;
    expect(posts).toContain("`title` LONGTEXT NOT NULL DEFAULT 'untitled'");
    expect(posts).toContain("CONSTRAINT `posts_author_fkey` FOREIGN KEY (`author_id`) REFERENCES `users` (`id`)");
    const types = ddl.find((s) => s.startsWith("CREATE TABLE IF NOT EXISTS `types`"))!;
    expect(types).toContain("`at` DATETIME(3)");
    expect(types).toContain("`bytes` LONGBLOB");
    expect(types).toContain("`doc` LONGTEXT");
    expect(types).toContain("`score` DOUBLE");
    expect(types).toContain("`note` LONGTEXT DEFAULT 'it''s \\\\ fine'");
    expect(ddl.indexOf(users)).toBeLessThan(ddl.indexOf(posts));
    expect(ddl).toContain("CREATE UNIQUE INDEX IF NOT EXISTS `users_email_key` ON `users` (`email`)");
  });
});
