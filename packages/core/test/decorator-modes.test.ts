import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { readModelMetadata } from "../src/index.ts";

/**
 * The same models compiled by TypeScript in both decorator modes record the
 * same metadata: standard (TC39) decorators, the default of a new project,
 * and experimentalDecorators.
 */
const SOURCE = `import { belongsTo, field, hasMany, id, index, model, unique } from "@strata/core";
@model({ name: "people" })
@index(["name", "createdAt"], { unique: true })
export class User {
  @id() id!: string;
  @unique({ column: "mail" }) email!: string;
  @field() name!: string;
  @field({ type: "int", default: 0 }) visits!: number;
  @field({ default: () => new Date() }) createdAt!: Date;
  @hasMany(() => Post, "authorId") posts!: Post[];
}
@model()
@id(["authorId", "slug"])
export class Post {
  @field() authorId!: string;
  @field() slug!: string;
  @belongsTo(() => User, "authorId") author!: User;
}
`;
const tmp = fs.mkdtempSync(path.join(import.meta.dirname, "../.tmp-decorators-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const coreEntry = path.join(import.meta.dirname, "../src/index.ts");

async function compile(
  name: string,
  source: string,
  experimentalDecorators: boolean,
): Promise<Record<string, unknown>> {
  const { outputText, diagnostics } = ts.transpileModule(
    source.replaceAll('"@strata/core"', JSON.stringify(coreEntry)),
    {
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, experimentalDecorators },
    },
  );
  expect(diagnostics ?? []).toEqual([]);
  // Standard decorators compile to helper calls, not to native `@` syntax (which Node 20 cannot parse).
  expect(outputText).not.toMatch(/^\s*@model/m);
  const file = path.join(tmp, `${name}.mjs`);
  fs.writeFileSync(file, outputText);
  return import(file);
}

describe("model decorators in both TypeScript modes", () => {
  it("record the same metadata under standard decorators and experimentalDecorators", async () => {
    const standard = await compile("standard", SOURCE, false);
    const experimental = await compile("experimental", SOURCE, true);
    const user = (mod: Record<string, unknown>) => readModelMetadata(mod.User as object);
    const post = (mod: Record<string, unknown>) => readModelMetadata(mod.Post as object);
    for (const mod of [standard, experimental]) {
      const meta = user(mod);
      expect(meta?.options).toEqual({ name: "people" });
      expect(meta?.id).toEqual(["id"]);
      expect(Object.keys(meta?.fields ?? {}).sort()).toEqual(["createdAt", "email", "id", "name", "visits"]);
      expect(meta?.fields.email).toEqual({ column: "mail" });
      expect(meta?.fields.visits).toEqual({ type: "int", default: 0 });
      expect(typeof meta?.fields.createdAt?.default).toBe("function");
      expect(meta?.uniques).toEqual(["email"]);
      expect(meta?.indexes).toEqual([{ fields: ["name", "createdAt"], options: { unique: true } }]);
      expect(meta?.relations.posts?.kind).toBe("hasMany");
      expect(meta?.relations.posts?.target()).toBe(mod.Post);
      expect(post(mod)?.id).toEqual(["authorId", "slug"]);
      expect(post(mod)?.relations.author?.target()).toBe(mod.User);
    }
  });

  it("refuses a field decorator on a method with a message naming the decorator", async () => {
    const bad = 'import { field, model } from "@strata/core";\n@model()\nexport class A {\n  @field() run() {}\n}\n';
    await expect(compile("method", bad, false)).rejects.toThrow(
      "@field() goes on a class field (it was put on a method)",
    );
  });
});
