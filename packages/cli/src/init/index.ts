import fs from "node:fs";
import path from "node:path";
import { CommandError } from "../commands/shared.ts";
import { CONFIG, DEPENDENCIES, DEV_DEPENDENCIES, GITIGNORE, MAIN, MODELS, SCRIPTS, TSCONFIG } from "./templates.ts";

export interface InitResult {
  /** Files written, relative to the directory. */
  written: string[];
  /** Files that existed and were left alone. */
  kept: string[];
  /** `npm install` commands for the packages package.json does not list yet. */
  install: string[];
  /** Changes to say, e.g. the package type. */
  notes: string[];
}

/**
 * Scaffolds a SQLite app in `dir` (empty, or an existing package): models,
 * main, strata.config.ts, tsconfig.json, .gitignore and package.json scripts.
 * Never overwrites a file; a package.json that is CommonJS is refused,
 * because the generated client and the packages are ES modules.
 */
export function init(dir: string): InitResult {
  const written: string[] = [];
  const kept: string[] = [];
  const pkgFile = path.join(dir, "package.json");
  const pkg: Record<string, unknown> = fs.existsSync(pkgFile)
    ? readPackage(pkgFile)
    : { name: packageName(dir), private: true };
  const notes: string[] = [];
  if (pkg.type !== undefined && pkg.type !== "module") {
    // `npm init -y` writes "type": "commonjs"; switching is safe while there is no CommonJS code yet.
    const code = commonJsFiles(dir);
    if (code.length > 0)
      throw new CommandError(
        `strata init: package.json has "type": ${JSON.stringify(pkg.type)} and CommonJS code (${code.join(", ")}); Strata apps are ES modules: run strata init in a new folder, or move the package to "type": "module" first`,
      );
    notes.push(`package.json: "type" set to "module" (was ${JSON.stringify(pkg.type)})`);
  }
  const files: [string, string][] = [
    ["src/models.ts", MODELS],
    ["src/main.ts", MAIN],
    ["strata.config.ts", CONFIG],
    ["tsconfig.json", TSCONFIG],
    [".gitignore", GITIGNORE],
  ];
  for (const [name, text] of files) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) {
      kept.push(name);
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(name);
  }
  pkg.type = "module";
  const scripts = { ...(pkg.scripts as Record<string, string> | undefined) };
  for (const [name, command] of Object.entries(SCRIPTS)) scripts[name] ??= command;
  pkg.scripts = scripts;
  fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  written.push("package.json");
  const listed = new Set([...Object.keys(record(pkg.dependencies)), ...Object.keys(record(pkg.devDependencies))]);
  const missing = (names: readonly string[]) => names.filter((n) => !listed.has(n.replace(/(.)@.*$/, "$1")));
  const install: string[] = [];
  if (missing(DEPENDENCIES).length > 0) install.push(`npm install ${missing(DEPENDENCIES).join(" ")}`);
  if (missing(DEV_DEPENDENCIES).length > 0) install.push(`npm install -D ${missing(DEV_DEPENDENCIES).join(" ")}`);
  return { written, kept, install, notes };
}

export function initSummary(result: InitResult): string {
  const lines = [`strata init: wrote ${result.written.join(", ")}`];
  if (result.kept.length > 0) lines.push(`  kept (already there): ${result.kept.join(", ")}`);
  for (const note of result.notes) lines.push(`  ${note}`);
  lines.push("next:");
  for (const command of result.install) lines.push(`  ${command}`);
  lines.push("  npm run generate     # strata generate: the typed client in src/generated");
  lines.push("  npm run migrate      # strata migrate dev: create the tables in app.db");
  lines.push("  npm run build && npm start");
  return lines.join("\n");
}

function readPackage(file: string): Record<string, unknown> {
  const data: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (data === null || typeof data !== "object" || Array.isArray(data))
    throw new CommandError(`strata init: ${file} is not a package.json object`);
  return data as Record<string, unknown>;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

function packageName(dir: string): string {
  const base = path
    .basename(path.resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+/, "");
  return base || "strata-app";
}

/** .js and .cjs files at the top of the package or in src/ (CommonJS code under "type": "commonjs"). */
function commonJsFiles(dir: string): string[] {
  const found: string[] = [];
  for (const sub of [".", "src"]) {
    const at = path.join(dir, sub);
    if (!fs.existsSync(at)) continue;
    for (const name of fs.readdirSync(at))
      if (/\.c?js$/.test(name)) found.push(path.posix.join(sub === "." ? "" : sub, name));
  }
  return found;
}
