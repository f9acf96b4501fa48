import fs from "node:fs";
import path from "node:path";
import type { AppSchema } from "@strata/core";
import type { Backend } from "./backends.ts";
import { emitFiles } from "./emit/index.ts";
import { readModelSources, relativeSources } from "./reader/index.ts";

export interface GenerateOptions {
  /** Model files, or directories of .ts files. */
  models: string | readonly string[];
  /** Output directory (created if missing). */
  out: string;
  /** Backends the client will run on; "dynamodb" refuses number (autoincrement) ids. */
  backends?: readonly Backend[];
}

export interface GenerateResult {
  schema: AppSchema;
  outDir: string;
  /** Absolute paths of the files written. */
  files: string[];
}

/** Reads the models and writes the client; throws GenerateError (writing nothing) on bad models. */
export function generate(options: GenerateOptions): GenerateResult {
  const outDir = path.resolve(options.out);
  const read = readModelSources(
    typeof options.models === "string" ? [options.models] : options.models,
    options.backends,
  );
  // Paths in the schema are relative to the output so generated files do not depend on the checkout location.
  const schema: AppSchema = { models: relativeSources(read.models, outDir) };
  const rendered = emitFiles(schema, read.classes);
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const [name, text] of rendered) {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, text);
    files.push(file);
  }
  return { schema, outDir, files };
}

/** The one line the CLI prints. */
export function summarize(result: GenerateResult, cwd = process.cwd()): string {
  const names = result.schema.models.map((m) => m.name);
  const out = path.relative(cwd, result.outDir) || ".";
  return `strata generate: ${names.length} model${names.length === 1 ? "" : "s"} (${names.join(", ")}) → ${out}/ (${result.files.map((f) => path.basename(f)).join(", ")})`;
}
