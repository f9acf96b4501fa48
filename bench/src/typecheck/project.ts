import fs from "node:fs";
import path from "node:path";
import { generate } from "@strata/codegen";
import { modelsSource } from "./models.ts";
import { queriesSource } from "./queries.ts";

export interface BudgetSize {
  models: number;
  queries: number;
}

/**
 * Writes a project to type-check into `dir` (models.ts, the generated client,
 * queries.ts, tsconfig.json). `dir` must be inside bench/ so @strata/* and zod
 * resolve from bench/node_modules.
 */
export function writeBudgetProject(dir: string, size: BudgetSize): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "models.ts"), modelsSource(size.models));
  generate({ models: path.join(dir, "models.ts"), out: path.join(dir, "generated") });
  fs.writeFileSync(path.join(dir, "queries.ts"), queriesSource(size.models, size.queries));
  const base = path.relative(dir, path.join(import.meta.dirname, "../../../tsconfig.base.json"));
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    `${JSON.stringify({ extends: base.split(path.sep).join("/"), include: ["*.ts", "generated/*.ts"] }, null, 2)}\n`,
  );
}
