import { createRequire } from "node:module";
import { DriverError } from "@strata/core";
import type BetterSqlite3 from "better-sqlite3";
import type mysql2 from "mysql2";
import type pg from "pg";
import type PgCursor from "pg-cursor";

/**
 * The backends' own libraries are optional peer dependencies: an app installs
 * only the one it uses, and each is loaded on the first call that needs it.
 * A missing one is a DriverError that names the package to install.
 */
const requirePeer = createRequire(import.meta.url);
const loaded = new Map<string, unknown>();

const INSTALL: Record<string, { version: string; backend: string }> = {
  "better-sqlite3": { version: "12", backend: "sqlite()" },
  pg: { version: "8", backend: "postgres()" },
  "pg-cursor": { version: "2", backend: "postgres() streams" },
  mysql2: { version: "3", backend: "mysql()" },
};

function load<T>(name: keyof typeof INSTALL): T {
  if (loaded.has(name)) return loaded.get(name) as T;
  let mod: unknown;
  try {
    mod = requirePeer(name);
  } catch (err) {
    const info = INSTALL[name]!;
    if (isMissing(err, name))
      throw new DriverError(
        `${info.backend} needs the package "${name}", which is not installed: npm install ${name}@${info.version} (or pnpm add / yarn add)`,
        { cause: err },
      );
    throw err;
  }
  loaded.set(name, mod);
  return mod as T;
}

function isMissing(err: unknown, name: string): boolean {
  const code = err instanceof Error ? Reflect.get(err, "code") : undefined;
  return code === "MODULE_NOT_FOUND" && err instanceof Error && err.message.includes(`'${name}'`);
}

export const betterSqlite3 = (): typeof BetterSqlite3 => load("better-sqlite3");
export const pgLibrary = (): typeof pg => load("pg");
export const pgCursor = (): typeof PgCursor => load("pg-cursor");
export const mysqlLibrary = (): typeof mysql2 => load("mysql2");

/**
 * better-sqlite3 loads its compiled addon when the first database opens. When
 * the package manager skipped its build (pnpm 10 runs no dependency build
 * script until approved) or it was built for another Node, say how to fix it.
 */
export function explainSqliteLoadError(err: unknown): unknown {
  const message = err instanceof Error ? err.message : "";
  if (message.includes("Could not locate the bindings file"))
    return new DriverError(
      "better-sqlite3 is installed but its native addon was never built. Under pnpm 10, approve its build script (`pnpm approve-builds`, or list it in onlyBuiltDependencies / allowBuilds), then run `pnpm rebuild better-sqlite3`; with npm, run `npm rebuild better-sqlite3`.",
      { cause: err },
    );
  if (message.includes("NODE_MODULE_VERSION") || message.includes("was compiled against a different Node.js version"))
    return new DriverError(
      `better-sqlite3 was built for another Node.js version than this one (${process.version}): run \`npm rebuild better-sqlite3\` (or \`pnpm rebuild better-sqlite3\`).`,
      { cause: err },
    );
  return err;
}
