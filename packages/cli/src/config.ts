import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { BACKENDS, type Backend } from "@strata/codegen";
import { ts } from "ts-morph";

/** `strata.config.ts`: the options of `strata generate`, as an alternative to flags. */
export interface StrataConfig {
  /** Model files, or directories of .ts files; relative to the config file. */
  models: string | readonly string[];
  /** Output directory; relative to the config file. */
  out: string;
  /** Backends the client will run on (default: all SQL backends); "dynamodb" refuses number ids. */
  backends?: readonly Backend[];
  /** The database the migrate and db commands use when neither --url nor $STRATA_DATABASE_URL is given. */
  url?: string;
}

/** Types a config file: `export default defineConfig({ models: "src/models.ts", out: "src/generated" })`. */
export function defineConfig(config: StrataConfig): StrataConfig {
  return config;
}

/** A config file that cannot be used; the message says what to change. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export const CONFIG_FILE = "strata.config.ts";

/**
 * Imports a config file and resolves its paths against the file's directory.
 * A TypeScript config is transpiled (types dropped, nothing checked) to a
 * temporary .mjs beside it, so its imports resolve from the app's own
 * node_modules and plain Node runs it.
 */
export async function loadConfig(file: string): Promise<StrataConfig> {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new ConfigError(`strata: the config file ${file} does not exist`);
  const where = path.relative(process.cwd(), abs) || abs;
  let mod: unknown;
  try {
    mod = await importConfigModule(abs);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const missing = /Cannot find (?:package|module) '([^']+)'/.exec(message)?.[1];
    throw new ConfigError(
      missing
        ? `${where}: it imports ${missing}, which is not installed here\n  hint: npm install -D ${missing === "@strata/cli" ? "@strata/cli" : missing}`
        : `${where}: ${message}`,
      { cause: err },
    );
  }
  const config = mod !== null && typeof mod === "object" ? Reflect.get(mod, "default") : undefined;
  const problem = configProblem(config);
  if (problem)
    throw new ConfigError(
      `${where}: ${problem}\n  hint: export default defineConfig({ models: "src/models.ts", out: "src/generated" })`,
    );
  const c = config as StrataConfig;
  const dir = path.dirname(abs);
  const models = (typeof c.models === "string" ? [c.models] : c.models).map((m) => path.resolve(dir, m));
  return { ...c, models, out: path.resolve(dir, c.out) };
}

function configProblem(config: unknown): string | undefined {
  if (config === null || typeof config !== "object") return "the file has no default export of a config object";
  const models: unknown = Reflect.get(config, "models");
  const out: unknown = Reflect.get(config, "out");
  const backends: unknown = Reflect.get(config, "backends");
  const isNames = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string");
  if (typeof models !== "string" && !isNames(models)) return "models must be a path or a list of paths";
  if (typeof out !== "string") return "out must be a directory path";
  const url: unknown = Reflect.get(config, "url");
  if (url !== undefined && typeof url !== "string") return "url must be a database URL string";
  if (backends !== undefined) {
    const unknown = Array.isArray(backends) ? backends.filter((b) => !BACKENDS.includes(b)) : [backends];
    if (unknown.length > 0)
      return `unknown backends: ${unknown.map(String).join(", ")} (expected ${BACKENDS.join(", ")})`;
  }
  return undefined;
}

async function importConfigModule(abs: string): Promise<unknown> {
  if (!/\.[cm]?ts$/.test(abs)) return import(pathToFileURL(abs).href);
  const { outputText } = ts.transpileModule(fs.readFileSync(abs, "utf8"), {
    fileName: abs,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  });
  const temp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${Date.now()}.mjs`);
  fs.writeFileSync(temp, outputText);
  try {
    return await import(pathToFileURL(temp).href);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
