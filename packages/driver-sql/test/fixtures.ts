import {
  type DbSchema,
  type Expr,
  expr,
  type Insert,
  type QuerySql,
  type SelectNode,
  type Statement,
  select,
} from "@strata/core";

/** users(id autoincrement, email unique, name, age, score, big) and posts(id, author_id → users.id, title). */
export const schema: DbSchema = {
  tables: [
    {
      name: "posts",
      columns: [
        { name: "id", storage: "integer", nullable: false, autoincrement: true },
        { name: "author_id", storage: "integer", nullable: false, autoincrement: false },
        { name: "title", storage: "text", nullable: false, autoincrement: false, defaultLiteral: "untitled" },
      ],
      primaryKey: ["id"],
      indexes: [{ name: "posts_author_idx", columns: ["author_id"], unique: false }],
      foreignKeys: [
        { name: "posts_author_fkey", columns: ["author_id"], referencesTable: "users", referencesColumns: ["id"] },
      ],
    },
    {
      name: "users",
      columns: [
        { name: "id", storage: "integer", nullable: false, autoincrement: true },
        { name: "email", storage: "text", nullable: false, autoincrement: false },
        { name: "name", storage: "text", nullable: true, autoincrement: false },
        { name: "age", storage: "integer", nullable: true, autoincrement: false },
        { name: "big", storage: "bigint", nullable: true, autoincrement: false },
        { name: "active", storage: "boolean-int", nullable: false, autoincrement: false, defaultLiteral: true },
      ],
      primaryKey: ["id"],
      indexes: [{ name: "users_email_key", columns: ["email"], unique: true }],
      foreignKeys: [],
    },
  ],
};

export function insertUsers(rows: (readonly unknown[])[], returning: Insert["returning"] = []): Insert {
  return { kind: "Insert", table: "users", columns: ["email", "name", "age"], rows, returning };
}

export function query(statement: Statement, params: readonly unknown[] = [], bigints = false): QuerySql {
  return { kind: "QuerySql", statement, params, result: "rows", ...(bigints ? { bigints } : {}) };
}

export function selectUsers(where?: Expr, columns: readonly string[] = ["id", "email", "name", "age"]): SelectNode {
  return select.create({
    from: select.table("users"),
    selections: columns.map((c) => select.selection(expr.column(c))),
    where,
    orderBy: [select.orderItem(expr.column("id"), "asc")],
  });
}

export const tx = {
  begin: (readOnly = false) => ({ kind: "Transaction", action: "begin", readOnly }) as const,
  commit: () => ({ kind: "Transaction", action: "commit" }) as const,
  rollback: () => ({ kind: "Transaction", action: "rollback" }) as const,
  savepoint: (name: string) => ({ kind: "Transaction", action: "savepoint", name }) as const,
  release: (name: string) => ({ kind: "Transaction", action: "releaseSavepoint", name }) as const,
  rollbackTo: (name: string) => ({ kind: "Transaction", action: "rollbackToSavepoint", name }) as const,
};

export function countRows(table: string): QuerySql {
  return query(select.create({ from: select.table(table), selections: [select.selection(expr.countAll(), "n")] }));
}
