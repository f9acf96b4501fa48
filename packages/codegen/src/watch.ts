import fs from "node:fs";
import path from "node:path";
import { GenerateError } from "./errors.ts";
import { type GenerateOptions, generate, summarize } from "./generate.ts";

export interface WatchLog {
  /** One line per successful run. */
  info(line: string): void;
  /** A failed run: the problems, file:line and hints. */
  error(text: string): void;
}

export interface Watcher {
  close(): void;
}

/**
 * `strata generate --watch`: generates now, then again after the model files
 * (any .ts file beside a model file, or below a models directory) change,
 * debounced. A failed run is reported and the watcher keeps going.
 */
export function watchModels(options: GenerateOptions, log: WatchLog, debounceMs = 150): Watcher {
  const outDir = path.resolve(options.out);
  const run = () => {
    try {
      log.info(summarize(generate(options)));
    } catch (err) {
      // Bad models (GenerateError) or anything else: report it and keep watching.
      log.error(err instanceof GenerateError ? err.message : `strata generate: ${String(err)}`);
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const schedule = (file: string) => {
    if (!file.endsWith(".ts") || file.endsWith(".d.ts") || isInside(outDir, file)) return;
    clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  };
  const watchers = watchTargets(options.models).map(({ dir, recursive }) =>
    fs.watch(dir, { recursive }, (_event, name) => {
      if (name) schedule(path.join(dir, name.toString()));
    }),
  );
  run();
  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

/** Directories to watch: the folder of each model file (editors replace files), each models directory recursively. */
function watchTargets(models: string | readonly string[]): { dir: string; recursive: boolean }[] {
  const targets = new Map<string, boolean>();
  for (const p of typeof models === "string" ? [models] : models) {
    const abs = path.resolve(p);
    const isDir = fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory() ?? false;
    const dir = isDir ? abs : path.dirname(abs);
    targets.set(dir, (targets.get(dir) ?? false) || isDir);
  }
  return [...targets].map(([dir, recursive]) => ({ dir, recursive }));
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}
