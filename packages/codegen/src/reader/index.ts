import path from "node:path";
import type { AppSchema, ModelDef } from "@strata/core";
import { Project } from "ts-morph";
import type { Backend } from "../backends.ts";
import { GenerateError, type ModelIssue } from "../errors.ts";
import { checkBackends } from "./backends.ts";
import { modelFiles } from "./files.ts";
import { type DraftModel, isModelClass, readModelClass } from "./model.ts";
import { finishModels } from "./validate.ts";

/** A model class: where it is declared, and the default functions the generated client copies from it. */
export interface ModelClassRef {
  model: string;
  /** Absolute path of the model file. */
  file: string;
  /** The exported name, or "default". */
  exportName: string;
  /** Source text of each default function, by field name. */
  defaultFunctions: ReadonlyMap<string, string>;
}

export interface ReadResult {
  /** ModelDefs with absolute `source.file`. */
  models: ModelDef[];
  classes: ModelClassRef[];
}

/** Reads and checks every `@model()` class; throws GenerateError listing every problem. */
export function readModelSources(paths: readonly string[], backends: readonly Backend[] = []): ReadResult {
  const issues: ModelIssue[] = [];
  const files = modelFiles(paths, issues);
  if (issues.length > 0) throw new GenerateError(issues);
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { strict: true, experimentalDecorators: true, allowImportingTsExtensions: true, noEmit: true },
  });
  const drafts: DraftModel[] = [];
  for (const file of files) {
    const source = project.addSourceFileAtPath(file);
    for (const cls of source.getClasses()) if (isModelClass(cls)) drafts.push(readModelClass(cls, issues));
  }
  if (drafts.length === 0) {
    issues.push({
      file: files[0] ?? path.resolve(paths[0] ?? "."),
      line: 1,
      message: "no @model() classes found",
      hint: "decorate each model class with @model() from @strata/core",
    });
  }
  const models = finishModels(drafts, issues);
  checkBackends(drafts, backends, issues);
  if (issues.length > 0) throw new GenerateError(issues);
  const classes = drafts.map((d) => ({
    model: d.name,
    file: d.file,
    exportName: d.exportName ?? d.name,
    defaultFunctions: d.defaultFunctions,
  }));
  return { models, classes };
}

/**
 * The AppSchema of the model files (a file or a directory of .ts files).
 * `source.file` is relative to `root` (default: the working directory), so the
 * output does not depend on where the checkout lives.
 */
export function readModels(paths: string | readonly string[], options: { root?: string } = {}): AppSchema {
  const list = typeof paths === "string" ? [paths] : paths;
  const root = options.root ?? process.cwd();
  return { models: relativeSources(readModelSources(list).models, root) };
}

export function relativeSources(models: readonly ModelDef[], root: string): ModelDef[] {
  return models.map((m) =>
    m.source
      ? { ...m, source: { file: path.relative(root, m.source.file).split(path.sep).join("/"), line: m.source.line } }
      : m,
  );
}
