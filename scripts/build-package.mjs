#!/usr/bin/env node
// Builds the package in the current directory to dist/: tsc emits ESM and
// .d.ts, then relative ".ts" specifiers left in the declarations (tsc rewrites
// them only in JavaScript) become ".js", so a consumer's NodeNext project
// reads them without allowImportingTsExtensions.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const dist = path.resolve("dist");
fs.rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });

const relativeTs = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']*?)\.(m?)ts(["'])/g;
for (const entry of fs.readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
  const file = path.join(entry.parentPath, entry.name);
  const text = fs.readFileSync(file, "utf8");
  const rewritten = text.replace(relativeTs, "$1$2.$3js$4");
  if (rewritten !== text) fs.writeFileSync(file, rewritten);
}
