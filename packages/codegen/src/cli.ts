import { Command } from "commander";
import { GenerateError } from "./errors.ts";
import { generate, summarize } from "./generate.ts";

/**
 * `strata <command>`. Only `generate` exists yet; `migrate` and `db` will be
 * added as sibling commands on the same program.
 */
export function buildProgram(): Command {
  const program = new Command("strata").description("Strata ORM command line").showHelpAfterError();
  program
    .command("generate")
    .description("read the model classes and write the typed client")
    .requiredOption("--models <paths...>", "model file(s) or directories of .ts files")
    .requiredOption("--out <dir>", "output directory for the generated client")
    .action((opts: { models: string[]; out: string }) => {
      const result = generate({ models: opts.models, out: opts.out });
      console.log(summarize(result));
    });
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return 0;
  } catch (err) {
    if (err instanceof GenerateError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}
