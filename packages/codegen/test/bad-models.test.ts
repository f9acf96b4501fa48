import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GenerateError, generate } from "../src/index.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "strata-bad-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const IMPORTS = 'import { belongsTo, field, hasMany, id, index, model, unique } from "@strata/core";\n';
let counter = 0;

/** Generates from `source` (line 1 is the import) and returns the error; asserts nothing was written. */
function failure(source: string): GenerateError {
  const dir = path.join(tmp, `case${counter++}`);
  fs.mkdirSync(dir);
  const file = path.join(dir, "models.ts");
  fs.writeFileSync(file, IMPORTS + source);
  const out = path.join(dir, "out");
  let caught: unknown;
  try {
    generate({ models: file, out });
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(GenerateError);
  expect(fs.existsSync(out)).toBe(false);
  return caught as GenerateError;
}

/** The one issue, checked for its line, message and hint. */
function expectIssue(err: GenerateError, line: number, message: RegExp, hint: RegExp): void {
  expect(err.issues).toHaveLength(1);
  const [issue] = err.issues;
  expect(issue?.line).toBe(line);
  expect(issue?.message).toMatch(message);
  expect(issue?.hint).toMatch(hint);
  expect(err.message).toContain(`models.ts:${line}: `);
  expect(err.message).toContain("hint: ");
}

describe("bad models fail with file:line and a hint, writing nothing", () => {
  it("a default function that uses a name from outside it (the generated client carries a copy)", () => {
    const err = failure(
      "const start = 10;\n@model()\nexport class A {\n  @id() id!: string;\n  @field({ default: () => start + 1 }) n!: number;\n}\n",
    );
    expectIssue(err, 6, /field "n": the default function uses start, which is declared outside it/, /inline/);
  });

  it("a default that names a function instead of writing it inline", () => {
    const err = failure(
      "function later() {\n  return new Date();\n}\n@model()\nexport class A {\n  @id() id!: string;\n  @field({ default: later }) at!: Date;\n}\n",
    );
    expectIssue(err, 8, /field "at": default later is not an inline function/, /default: \(\) => new Date\(\)/);
  });

  it("unsupported field type", () => {
    const err = failure("@model()\nexport class A {\n  @id() id!: string;\n  @field() tags!: string[];\n}\n");
    expectIssue(err, 5, /A: field "tags": unsupported field type string\[\]/, /Uint8Array, Json/);
  });

  it("relation to an unknown model", () => {
    const err = failure(
      '@model()\nexport class A {\n  @id() id!: string;\n  @field() bId!: string;\n  @belongsTo(() => B, "bId") b!: B;\n}\n',
    );
    expectIssue(err, 6, /relation "b" points to the unknown model B/, /declare B with @model\(\)/);
  });

  it("missing id", () => {
    const err = failure("@model()\nexport class A {\n  @field() name!: string;\n}\n");
    expectIssue(err, 3, /A: the model has no id/, /@id\(\)/);
  });

  it("two ids", () => {
    const err = failure("@model()\nexport class A {\n  @id() id!: string;\n  @id() other!: string;\n}\n");
    expectIssue(err, 5, /two ids \(also line 4\)/, /keep one @id/);
  });

  it("a property id and a class id", () => {
    const err = failure(
      '@model()\n@id(["a", "b"])\nexport class A {\n  @id() id!: string;\n  @field() a!: string;\n  @field() b!: string;\n}\n',
    );
    expect(err.issues[0]?.message).toMatch(/two ids/);
  });

  it("a foreign key missing on the model that holds it", () => {
    const err = failure(
      '@model()\nexport class A {\n  @id() id!: string;\n  @hasMany(() => B, "aId") bs!: B[];\n}\n@model()\nexport class B {\n  @id() id!: string;\n}\n',
    );
    expectIssue(err, 5, /the foreign key "aId" is not a field of B/, /add @field\(\) aId!: \.\.\. to B/);
  });

  it("a foreign key of the wrong type", () => {
    const err = failure(
      '@model()\nexport class A {\n  @id() id!: number;\n}\n@model()\nexport class B {\n  @id() id!: string;\n  @field() aId!: string;\n  @belongsTo(() => A, "aId") a!: A;\n}\n',
    );
    expectIssue(err, 10, /B.aId is string but A.id is int/, /give aId the type of A's id/);
  });

  it("an enum mixing string literals with other types", () => {
    const err = failure('@model()\nexport class A {\n  @id() id!: string;\n  @field() kind!: "a" | "b" | number;\n}\n');
    expectIssue(err, 5, /an enum mixes string literals with number/, /union of string literals only/);
  });

  it("a default of the wrong type", () => {
    const err = failure(
      '@model()\nexport class A {\n  @id() id!: string;\n  @field({ default: "x" }) n!: number;\n}\n',
    );
    expectIssue(err, 5, /default "x" does not fit the number field "n"/, /use a number literal/);
  });

  it("a type override that does not fit the annotation", () => {
    const err = failure('@model()\nexport class A {\n  @id() id!: string;\n  @field({ type: "int" }) s!: string;\n}\n');
    expectIssue(err, 5, /type: "int" does not fit the TypeScript type string/, /only a number may be stored as "int"/);
  });

  it("a property without a Strata decorator", () => {
    const err = failure("@model()\nexport class A {\n  @id() id!: string;\n  name!: string;\n}\n");
    expectIssue(err, 5, /property "name" has no Strata decorator/, /add @field\(\)/);
  });

  it("an index on an unknown field", () => {
    const err = failure('@model()\n@index(["nope"])\nexport class A {\n  @id() id!: string;\n}\n');
    expectIssue(err, 3, /@index names unknown fields: nope/, /index scalar fields only/);
  });

  it("a class that is not exported", () => {
    const err = failure("@model()\nclass A {\n  @id() id!: string;\n}\n");
    expectIssue(err, 3, /not exported/, /export class A/);
  });

  it("a model name that shadows a client member", () => {
    const err = failure("@model()\nexport class Transaction {\n  @id() id!: string;\n}\n");
    expectIssue(err, 3, /db.transaction is reserved/, /rename the class/);
  });

  it("a hasMany that is not an array", () => {
    const err = failure(
      '@model()\nexport class A {\n  @id() id!: string;\n  @hasMany(() => B, "aId") b!: B;\n}\n@model()\nexport class B {\n  @id() id!: string;\n  @field() aId!: string;\n}\n',
    );
    expectIssue(err, 5, /is @hasMany but not an array/, /b!: B\[\]/);
  });

  it("collects the problems of every model at once", () => {
    const err = failure(
      '@model()\nexport class A {\n  @field() x!: Map<string, number>;\n}\n@model()\nexport class B {\n  @id() id!: string;\n  @unique() email?: "a" | 1;\n}\n',
    );
    expect(err.issues.map((i) => i.line)).toEqual([4, 9, 3]);
    expect(err.message).toMatch(/^strata generate: 3 problems in the models, nothing was written:/);
  });
});

describe("backends in the options", () => {
  it("a number id with DynamoDB among the backends", () => {
    const dir = path.join(tmp, "dynamo");
    fs.mkdirSync(dir);
    const file = path.join(dir, "models.ts");
    fs.writeFileSync(file, `${IMPORTS}@model()\nexport class A {\n  @id() id!: number;\n}\n`);
    const out = path.join(dir, "out");
    let caught: unknown;
    try {
      generate({ models: file, out, backends: ["sqlite", "dynamodb"] });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(GenerateError);
    expect(fs.existsSync(out)).toBe(false);
    expectIssue(caught as GenerateError, 4, /A: the number id "id" autoincrements, which DynamoDB/, /use a string id/);
    // The same model is fine for the SQL backends.
    expect(generate({ models: file, out, backends: ["sqlite", "postgres"] }).schema.models).toHaveLength(1);
  });
});
