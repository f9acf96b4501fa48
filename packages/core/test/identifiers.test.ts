import { describe, expect, it } from "vitest";
import {
  type AppSchema,
  buildDbSchema,
  type Capability,
  derivedName,
  type IdentifierRules,
  identifierProblem,
  ValidationError,
} from "../src/index.ts";

const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe("identifierProblem", () => {
  it("refuses empty names and NUL on every backend", () => {
    expect(identifierProblem("", {}, "X")).toBe("is empty");
    expect(identifierProblem("a\0b", {}, "X")).toMatch(/NUL/);
    expect(identifierProblem("a b 😀 '\"`", {}, "X")).toBeUndefined();
  });

  it("counts bytes and characters at the limits", () => {
    expect(identifierProblem("x".repeat(63), { maxBytes: 63 }, "PostgreSQL")).toBeUndefined();
    expect(identifierProblem("x".repeat(64), { maxBytes: 63 }, "PostgreSQL")).toMatch(/64 bytes.*at most 63/);
    // 32 × "é" is 64 bytes but 32 characters.
    expect(identifierProblem("é".repeat(32), { maxBytes: 63 }, "PostgreSQL")).toMatch(/64 bytes/);
    expect(identifierProblem("é".repeat(64), { maxChars: 64 }, "MySQL")).toBeUndefined();
    expect(identifierProblem("é".repeat(65), { maxChars: 64 }, "MySQL")).toMatch(/65 characters/);
    expect(identifierProblem("😀".repeat(64), { maxChars: 64 }, "MySQL")).toBeUndefined();
    expect(identifierProblem("ab", { minChars: 3 }, "DynamoDB")).toMatch(/at least 3/);
  });

  it("knows trailing spaces, wide characters, reserved prefixes and allowed characters", () => {
    for (const ws of [" ", "\t", "\n", "\v", "\f", "\r"])
      expect(identifierProblem(`a${ws}`, { noTrailingWhitespace: true }, "MySQL")).toMatch(/ends with white space/);
    expect(identifierProblem(" a", { noTrailingWhitespace: true }, "MySQL")).toBeUndefined();
    expect(identifierProblem("a\u3000", { noTrailingWhitespace: true }, "MySQL")).toBeUndefined();
    expect(identifierProblem("t😀", { bmpOnly: true }, "MySQL")).toMatch(/U\+1F600/);
    expect(identifierProblem("t\uffff", { bmpOnly: true }, "MySQL")).toBeUndefined();
    expect(identifierProblem("SQLite_x", { reservedPrefix: "sqlite_" }, "SQLite")).toMatch(/keeps for itself/);
    const allowed = { pattern: /^[a-z]$/, description: "a–z" };
    expect(identifierProblem("ab-c", { allowed }, "D")).toBe('contains "-"; D takes only a–z');
  });
});

describe("derivedName", () => {
  it("keeps short names and cuts long ones to 63 bytes with a hash, on a character boundary", () => {
    expect(derivedName("users_email_key")).toBe("users_email_key");
    const long = `${"é".repeat(40)}_email_key`;
    const a = derivedName(long);
    expect(utf8(a)).toBeLessThanOrEqual(63);
    expect(a).toMatch(/^é+_[0-9a-f]{8}$/);
    expect(derivedName(long)).toBe(a);
    // Two long names sharing their first 63 bytes stay two names.
    expect(derivedName(`${"x".repeat(70)}_a_key`)).not.toBe(derivedName(`${"x".repeat(70)}_b_key`));
  });
});

const RULES: IdentifierRules = {
  backend: "Test",
  table: { maxBytes: 10 },
  column: { maxBytes: 10 },
  index: { maxBytes: 10 },
  foreignKey: {},
  caseInsensitiveColumns: true,
  caseInsensitiveTables: true,
  indexNamespace: "schema",
  foreignKeyNamespace: "schema",
};
const capability = { storageTypes: { string: "text", int: "integer" }, identifiers: RULES } as unknown as Capability;

function model(name: string, table: string, columns: string[], indexes: { name: string; fields: string[] }[] = []) {
  return {
    name,
    table,
    id: ["id"],
    fields: [
      { name: "id", type: "int" as const, nullable: false },
      ...columns.map((c, i) => ({ name: `f${i}`, column: c, type: "string" as const, nullable: false })),
    ],
    indexes: indexes.map((i) => ({ ...i, unique: false })),
    relations: [],
  };
}

function issues(app: AppSchema): string[] {
  try {
    buildDbSchema(app, capability);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  }
}

describe("checkIdentifiers through buildDbSchema", () => {
  it("passes a schema whose names fit", () => {
    expect(issues({ models: [model("A", "a", ["x", "y"], [{ name: "a_x", fields: ["f0"] }])] })).toEqual([]);
  });

  it("lists every problem with the model and field it comes from", () => {
    const got = issues({ models: [model("A", "a_very_long_table", ["x", "X", "c".repeat(11)])] });
    expect(got).toHaveLength(3);
    expect(got[0]).toMatch(/^A: table name "a_very_long_table" is 17 bytes.*@model\(\{ table/);
    expect(got[1]).toMatch(/^A\.f1: column name "X" is the same column as field f0's/);
    expect(got[2]).toMatch(/^A\.f2: column name "c{11}" is 11 bytes.*@field\(\{ column/);
  });

  it("finds names that become one: table case, an index named like a table, foreign keys per database", () => {
    const got = issues({
      models: [model("A", "t", ["x"]), model("B", "T", ["x"], [{ name: "t", fields: ["f0"] }])],
    });
    expect(got.join("\n")).toMatch(/B: table name "T" is the same name as the table of model A/);
    expect(got.join("\n")).toMatch(/B\.index t: index name "t" is also the name of the table of model A/);
  });

  it("is skipped by a backend without rules", () => {
    const none = { ...capability, identifiers: undefined } as Capability;
    expect(() => buildDbSchema({ models: [model("A", "", [""])] }, none)).not.toThrow();
  });
});
