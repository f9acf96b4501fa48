import fs from "node:fs";
import path from "node:path";
import readline from "node:readline/promises";
import type { AppSchema } from "@strata/core";
import type { SqlConnection } from "@strata/driver-sql";
import ora, { type Ora } from "ora";
import { CONFIG_FILE, loadConfig } from "../config.ts";
import type { ApplyTarget } from "../migrate/apply.ts";
import { addColumnRename, type RenameCandidate, type Renames } from "../migrate/renames.ts";
import { openTarget, parseSnapshot, type SqlTarget } from "../migrate/target.ts";

/** A command that cannot go on; the message says why and what to do. main() prints it and exits 1. */
export class CommandError extends Error {
  override readonly name = "CommandError";
}

export interface CommonFlags {
  url?: string;
  snapshot?: string;
  migrations?: string;
  json?: boolean;
  config?: string;
}

export const URL_HELP =
  "database URL: sqlite:./app.db, postgres://… (?schema=name), mysql://…, dynamodb://host:port?prefix=app_ (default: $STRATA_DATABASE_URL)";

export function requireUrl(flags: CommonFlags, command: string): string {
  const url = flags.url ?? process.env.STRATA_DATABASE_URL;
  if (!url)
    throw new CommandError(
      `${command}: pass --url (sqlite:./app.db, postgres://…, mysql://…) or set STRATA_DATABASE_URL`,
    );
  return url;
}

/** The snapshot: `--snapshot`, else `<out>/schema.snapshot.json` of strata.config.ts, else ./schema.snapshot.json. */
export async function readSnapshot(flags: CommonFlags): Promise<{ app: AppSchema; text: string; file: string }> {
  let file = flags.snapshot;
  const configFile = flags.config ?? (fs.existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  if (file === undefined && configFile) file = path.join((await loadConfig(configFile)).out, "schema.snapshot.json");
  file ??= "schema.snapshot.json";
  if (!fs.existsSync(file))
    throw new CommandError(`${file} does not exist: run strata generate first, or pass --snapshot <file>`);
  const text = fs.readFileSync(file, "utf8");
  return { app: parseSnapshot(text, file), text, file };
}

export const migrationsDir = (flags: CommonFlags): string => path.resolve(flags.migrations ?? "migrations");

/** An open database: the driver, and `connected` to run work on one reserved connection. */
export interface Database {
  driver: SqlTarget;
  dialect: SqlTarget["dialect"];
  capability: SqlTarget["capability"];
  /** Reserves a connection for `work` and gives it back after (introspection needs it free on SQLite). */
  connected<T>(work: (target: ApplyTarget) => Promise<T>): Promise<T>;
}

/** Opens the database for `work` and closes it after. */
export async function withDatabase<T>(url: string, work: (db: Database) => Promise<T>): Promise<T> {
  const driver = openTarget(url);
  const base = { driver, dialect: driver.dialect, capability: driver.capability };
  const connected = async <R>(inner: (target: ApplyTarget) => Promise<R>): Promise<R> => {
    const conn: SqlConnection = await driver.connect();
    try {
      return await inner({ ...base, conn });
    } finally {
      await conn.close();
    }
  };
  try {
    return await work({ ...base, connected });
  } finally {
    await driver.close();
  }
}

/** A spinner on stderr (animated on a terminal, one line per step elsewhere, silent with --json). */
export function progress(json: boolean | undefined, text: string): Ora {
  return ora({ text, stream: process.stderr, isSilent: json === true }).start();
}

/** Prints the result: JSON on stdout with --json, else the human summary. */
export function report(flags: CommonFlags, human: string, data: unknown): void {
  if (flags.json) console.log(JSON.stringify(data, null, 2));
  else console.log(human);
}

/** On a terminal, asks about each drop + add pair that a rename could explain; never assumes one. */
export async function askRenames(
  candidates: readonly RenameCandidate[],
  renames: Renames,
  json?: boolean,
): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY || json || candidates.length === 0) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  let asked = false;
  try {
    for (const c of candidates) {
      const what =
        c.kind === "column" ? `column ${c.table}.${c.from} renamed to ${c.to}` : `table ${c.from} renamed to ${c.to}`;
      const answer = await rl.question(`Was ${what}? (y/N) `);
      if (!/^y(es)?$/i.test(answer.trim())) continue;
      asked = true;
      if (c.kind === "column") addColumnRename(renames, c.table, c.from, c.to);
      else renames.tables.set(c.from, c.to);
    }
  } finally {
    rl.close();
  }
  return asked;
}

/** Wraps an action so any failure reaches main() as a CommandError: its message, exit code 1, no stack. */
export function guarded<A>(action: (flags: A) => Promise<void>): (flags: A) => Promise<void> {
  return async (flags) => {
    try {
      await action(flags);
    } catch (err) {
      throw err instanceof CommandError ? err : new CommandError(errorText(err), { cause: err });
    }
  };
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
