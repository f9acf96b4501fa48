import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { registerDbCommands } from "./commands/db.ts";
import { registerMigrateCommands } from "./commands/migrate.ts";
import { CommandError } from "./commands/shared.ts";
import { BACKENDS, type Backend, CONFIG_FILE, ConfigError, loadConfig, type StrataConfig } from "./config.ts";
import { GenerateError } from "./errors.ts";
import { type GenerateOptions, generate, summarize } from "./generate.ts";
import { watchModels } from "./watch.ts";

interface GenerateFlags {
  models?: string[];
  out?: string;
  backends?: string[];
  config?: string;
  watch?: boolean;
}

/** `strata <command>`: generate here; migrate and db from src/commands. */
export function buildProgram(): Command {
  const program = new Command("strata").description("Strata ORM command line").showHelpAfterError();
  program
    .command("generate")
    .description(`read the model classes and write the typed client (flags, or ${CONFIG_FILE})`)
    .option("--models <paths...>", "model file(s) or directories of .ts files")
    .option("--out <dir>", "output directory for the generated client")
    .option("--backends <names...>", `backends the client runs on (${BACKENDS.join(", ")})`)
    .option("--config <file>", `config file (default: ./${CONFIG_FILE} when it exists)`)
    .option("--watch", "generate again whenever a model file changes")
    .action(async (flags: GenerateFlags) => {
      const options = await resolveOptions(flags);
      if (!flags.watch) {
        console.log(summarize(generate(options)));
        return;
      }
      const watcher = watchModels(options, { info: (l) => console.log(l), error: (t) => console.error(t) });
      await new Promise<void>((resolve) => {
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
      });
      watcher.close();
    });
  registerMigrateCommands(program);
  registerDbCommands(program);
  return program;
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

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return 0;
  } catch (err) {
    if (err instanceof GenerateError || err instanceof ConfigError || err instanceof CommandError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}
