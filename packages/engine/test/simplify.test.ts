import { type AppSchema, SchemaIndex, ValidationError } from "@strata/core";
import { describe, expect, it } from "vitest";
import { SimplifyContext, simplify } from "../src/simplify/index.ts";

const schema: AppSchema = {
  models: [
    {
      name: "User",
      table: "users",
      id: ["id"],
      fields: [
        { name: "id", type: "string", nullable: false, default: { kind: "uuid" } },
        { name: "email", type: "string", nullable: false },
        { name: "age", type: "int", nullable: true },
        { name: "role", type: "enum", nullable: false, enumValues: ["admin", "member"] },
      ],
      indexes: [{ name: "users_email_key", fields: ["email"], unique: true }],
      relations: [],
    },
  ],
};
const index = new SchemaIndex(schema);
const run = (op: Parameters<typeof simplify>[2], args: unknown) =>
  simplify(new SimplifyContext(index), index.model("User"), op, args);
const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.issues;
    throw err;
  }
  throw new Error("expected a ValidationError");
};

describe("simplify", () => {
  it("gives equal shapes for equal queries with different values", () => {
    const a = run("findMany", { where: { email: "a@x.io", age: { gt: 3 } }, take: 5 });
    const b = run("findMany", { where: { email: "b@x.io", age: { gt: 40 } }, take: 10 });
    expect(JSON.stringify(a.query)).toBe(JSON.stringify(b.query));
    expect(a.values).toEqual(["a@x.io", 3, 5]);
    expect(b.values).toEqual(["b@x.io", 40, 10]);
  });

  it("keeps null comparisons in the shape (IS NULL is another statement)", () => {
    const a = run("findMany", { where: { age: null } });
    const b = run("findMany", { where: { age: 3 } });
    expect(JSON.stringify(a.query)).not.toBe(JSON.stringify(b.query));
    expect(a.values).toEqual([]);
  });

  it("turns in [] into a constant instead of an empty list", () => {
    const { query } = run("findMany", { where: { age: { in: [] } } });
    expect(query.op === "findMany" && query.read.where).toEqual({ k: "const", value: false });
  });

  it("reports every problem with its path", () => {
    const issues = issuesOf(() =>
      run("findMany", { where: { nope: 1, age: { contains: "x" }, role: "boss" }, take: -1 }),
    );
    expect(issues.map((i) => i.path.join("."))).toEqual(["where.nope", "where.age.contains", "where.role", "take"]);
    expect(issues[2]?.message).toContain('"admin", "member"');
  });

  it("requires a unique value for findUnique", () => {
    const issues = issuesOf(() => run("findUnique", { where: { age: 3 } }));
    expect(issues[0]?.message).toContain("unique value of User: id | email");
    expect(() => run("findUnique", { where: { email: "a@x.io", age: 3 } })).not.toThrow();
  });

  it("checks create data: required fields, types, unknown keys", () => {
    const issues = issuesOf(() => run("create", { data: { age: "3", extra: true } }));
    expect(issues.map((i) => i.path.join("."))).toEqual(["data.extra", "data.email", "data.age", "data.role"]);
  });

  it("keeps createMany rows out of the shape", () => {
    const a = run("createMany", { data: [{ email: "a", role: "admin" }] });
    const b = run("createMany", {
      data: [
        { email: "b", role: "member" },
        { email: "c", role: "admin" },
      ],
    });
    expect(JSON.stringify(a.query)).toBe(JSON.stringify(b.query));
    expect(b.values).toEqual([
      [
        ["b", "member"],
        ["c", "admin"],
      ],
    ]);
  });
});
