import fs from "node:fs";
import path from "node:path";
import readline from "node:readline/promises";
import type { AppSchema } from "@strata/core";
import type { SqlConnection } from "@strata/driver-sql";
import { CONFIG_FILE, loadConfig } from "../config.ts";
import type { ApplyTarget } from "../migrate/apply.ts";
import { addColumnRename, type RenameCandidate, type Renames } from "../migrate/renames.ts";
import { openTarget, parseSnapshot, type SqlTarget } from "../migrate/target.ts";
import { createProgress, type Progress } from "./progress.ts";

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
  "database URL: sqlite:./app.db, postgres://… (?schema=name), mysql://…, dynamodb://host:port?prefix=app_ (default: $STRATA_DATABASE_URL, else url in strata.config.ts)";

/** The database URL: `--url`, else $STRATA_DATABASE_URL, else `url` of strata.config.ts. */
export async function requireUrl(flags: CommonFlags, command: string): Promise<string> {
  let url = flags.url ?? process.env.STRATA_DATABASE_URL;
  const configFile = flags.config ?? (fs.existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  if (!url && configFile) url = (await loadConfig(configFile)).url;
  if (!url)
    throw new CommandError(
      `${command}: pass --url (sqlite:./app.db, postgres://…, mysql://…), set STRATA_DATABASE_URL, or add url to ${CONFIG_FILE}`,
    );
  return url;
}

/**
 * The snapshot: `--snapshot`, else `<out>/schema.snapshot.json` of
 * strata.config.ts, else ./schema.snapshot.json, else the one
 * schema.snapshot.json below the working directory (as `strata generate
 * --out src/generated` writes it); several are a question to settle with --snapshot.
 */
export async function readSnapshot(flags: CommonFlags): Promise<{ app: AppSchema; text: string; file: string }> {
  let file = flags.snapshot;
  const configFile = flags.config ?? (fs.existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  if (file === undefined && configFile) file = path.join((await loadConfig(configFile)).out, SNAPSHOT);
  if (file === undefined) file = fs.existsSync(SNAPSHOT) ? SNAPSHOT : findSnapshot();
  if (!fs.existsSync(file))
    throw new CommandError(`${file} does not exist: run strata generate first, or pass --snapshot <file>`);
  const text = fs.readFileSync(file, "utf8");
  return { app: parseSnapshot(text, file), text, file };
}

const SNAPSHOT = "schema.snapshot.json";
const NOT_SEARCHED = new Set(["node_modules", "dist", "build", "migrations", "coverage"]);

function findSnapshot(): string {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile() && entry.name === SNAPSHOT) found.push(path.join(dir, entry.name));
      else if (entry.isDirectory() && depth < 5 && !entry.name.startsWith(".") && !NOT_SEARCHED.has(entry.name))
        walk(path.join(dir, entry.name), depth + 1);
    }
  };
  walk(".", 0);
  if (found.length === 1) return found[0]!;
  if (found.length === 0)
    throw new CommandError(
      `no ${SNAPSHOT} here or below: run strata generate first (or pass --snapshot <file>, or set out in ${CONFIG_FILE})`,
    );
  throw new CommandError(
    `${found.length} files named ${SNAPSHOT} below this directory (${found.join(", ")}): pass --snapshot <file>, or set out in ${CONFIG_FILE}`,
  );
}

export const migrationsDir = (flags: CommonFlags): string => path.resolve(flags.migrations ?? "migrations");

/** The migrations directory of a command that only reads it: a missing one is a mistake, not "nothing to apply". */
export function existingMigrationsDir(flags: CommonFlags, command: string): string {
  const dir = migrationsDir(flags);
  if (!fs.existsSync(dir))
    throw new CommandError(
      `${command}: the migrations directory ${path.relative(process.cwd(), dir) || dir} does not exist; pass --migrations <dir>, or write a first migration with strata migrate dev (or diff)`,
    );
  return dir;
}

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

/** Progress on stderr (animated on a terminal, one line per step elsewhere, silent with --json). */
export function progress(json: boolean | undefined, text: string): Progress {
  return createProgress(text, { silent: json === true });
}

/** Prints the result: JSON on stdout with --json, else the human summary. */
export function report(flags: CommonFlags, human: string, data: unknown): void {
  if (flags.json) console.log(JSON.stringify(data, null, 2));
  else console.log(human);
}

/**
 * On a terminal, asks about each drop + add pair that a rename could explain;
 * never assumes one. A column or table that one answer renamed is not offered
 * again, and the progress line is paused while a question is on the screen.
 */
export async function askRenames(
  candidates: readonly RenameCandidate[],
  renames: Renames,
  json?: boolean,
  spinner?: Progress,
): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY || json || candidates.length === 0) return false;
  spinner?.pause();
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  const taken = new Set<string>();
  const ends = (c: RenameCandidate) =>
    c.kind === "column"
      ? [`column ${c.table}.${c.from}`, `column ${c.table}.${c.to}`]
      : [`table ${c.from}`, `table ${c.to}`];
  let asked = false;
  try {
    for (const c of candidates) {
      if (ends(c).some((e) => taken.has(e))) continue;
      const what =
        c.kind === "column" ? `column ${c.table}.${c.from} renamed to ${c.to}` : `table ${c.from} renamed to ${c.to}`;
      const answer = await rl.question(`Was ${what}? (y/N) `);
      if (!/^y(es)?$/i.test(answer.trim())) continue;
      asked = true;
      for (const e of ends(c)) taken.add(e);
      if (c.kind === "column") addColumnRename(renames, c.table, c.from, c.to);
      else renames.tables.set(c.from, c.to);
    }
  } finally {
    rl.close();
    spinner?.resume();
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
