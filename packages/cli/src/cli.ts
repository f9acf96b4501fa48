import fs from "node:fs";
import path from "node:path";
import {
  BACKENDS,
  type Backend,
  GenerateError,
  type GenerateOptions,
  generate,
  summarize,
  watchModels,
} from "@strata/codegen";
import { Command, CommanderError } from "commander";
import { registerDbCommands } from "./commands/db.ts";
import { registerMigrateCommands } from "./commands/migrate.ts";
import { CommandError } from "./commands/shared.ts";
import { CONFIG_FILE, ConfigError, loadConfig, type StrataConfig } from "./config.ts";
import { init, initSummary } from "./init/index.ts";

interface GenerateFlags {
  models?: string[];
  out?: string;
  backends?: string[];
  config?: string;
  watch?: boolean;
  json?: boolean;
}

/** `strata <command>`: generate here; migrate and db from src/commands. */
export function buildProgram(options: { json?: boolean } = {}): Command {
  const program = new Command("strata")
    .description("Strata ORM command line")
    .version(packageVersion(), "-v, --version", "print the version of @strata/cli")
    .showHelpAfterError(!options.json)
    .exitOverride();
  // With --json, commander's own errors (unknown option, missing argument) reach main() as JSON, not text.
  if (options.json) program.configureOutput({ writeErr: () => {} });
  program
    .command("generate")
    .description(`read the model classes and write the typed client (flags, or ${CONFIG_FILE})`)
    .option("--models <paths...>", "model file(s) or directories of .ts files")
    .option("--out <dir>", "output directory for the generated client")
    .option("--backends <names...>", `backends the client runs on (${BACKENDS.join(", ")})`)
    .option("--config <file>", `config file (default: ./${CONFIG_FILE} when it exists)`)
    .option("--watch", "generate again whenever a model file changes")
    .option("--json", "machine-readable output")
    .action(async (flags: GenerateFlags) => {
      const options = await resolveOptions(flags);
      if (!flags.watch) {
        const result = generate(options);
        if (!flags.json) console.log(summarize(result));
        else
          console.log(
            JSON.stringify(
              { models: result.schema.models.map((m) => m.name), outDir: result.outDir, files: result.files },
              null,
              2,
            ),
          );
        return;
      }
      const watcher = watchModels(options, { info: (l) => console.log(l), error: (t) => console.error(t) });
      await new Promise<void>((resolve) => {
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
      });
      watcher.close();
    });
  program
    .command("init")
    .description("scaffold a SQLite app here: models, main, strata.config.ts, tsconfig.json, package.json scripts")
    .option("--dir <dir>", "the folder to scaffold (default: the working directory)", ".")
    .action((flags: { dir: string }) => {
      fs.mkdirSync(flags.dir, { recursive: true });
      console.log(initSummary(init(flags.dir)));
    });
  registerMigrateCommands(program);
  registerDbCommands(program);
  return program;
}

/** The version in this package's package.json (one level above src/ and dist/). */
function packageVersion(): string {
  const file = new URL("../package.json", import.meta.url);
  const data: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  const version = data !== null && typeof data === "object" ? Reflect.get(data, "version") : undefined;
  return typeof version === "string" ? version : "unknown";
}

/** Flags win over the config file; without both `--models` and `--out`, a config file is required. */
async function resolveOptions(flags: GenerateFlags): Promise<GenerateOptions> {
  const configFile = flags.config ?? (fs.existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  let config: Partial<StrataConfig> = {};
  if (configFile) config = await loadConfig(configFile);
  else if (!flags.models || !flags.out) {
    throw new ConfigError(
      `strata generate: pass --models <paths...> and --out <dir>, or write ${CONFIG_FILE}\n  hint: strata generate --models src/models.ts --out src/generated`,
    );
  }
  const models = flags.models ?? config.models;
  const out = flags.out ?? config.out;
  if (models === undefined || out === undefined) throw new ConfigError("strata generate: models and out are required");
  const backends = flags.backends ? checkBackendNames(flags.backends) : config.backends;
  return backends ? { models, out: path.resolve(out), backends } : { models, out: path.resolve(out) };
}

function checkBackendNames(names: readonly string[]): Backend[] {
  const unknown = names.filter((n) => !BACKENDS.some((b) => b === n));
  if (unknown.length > 0) {
    throw new ConfigError(`strata generate: unknown backends ${unknown.join(", ")}; expected ${BACKENDS.join(", ")}`);
  }
  return BACKENDS.filter((b) => names.includes(b));
}

/**
 * Runs the command line; returns the exit code. A failure prints its message
 * (file:line and hints for bad models) and exits 1, no stack trace; with
 * --json it is `{ "error": { "name", "message" } }` on stdout instead.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const json = argv.slice(2).includes("--json");
  try {
    await buildProgram({ json }).parseAsync([...argv]);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.exitCode === 0) return 0;
      if (json) printJsonError("UsageError", err.message.replace(/^error: /, ""));
      return err.exitCode || 1;
    }
    const known = err instanceof GenerateError || err instanceof ConfigError || err instanceof CommandError;
    if (json) {
      printJsonError(err instanceof Error ? err.name : "Error", err instanceof Error ? err.message : String(err));
      return 1;
    }
    if (known) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

function printJsonError(name: string, message: string): void {
  console.log(JSON.stringify({ error: { name, message } }, null, 2));
}
